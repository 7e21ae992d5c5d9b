-- LuaSocket's socket.core (TCP part) and the socket module on top of it, over the Java functions J.
-- Objects are full userdata whose metatable is their class (tcp{master}, tcp{client}, tcp{server}), as in the
-- C module: __name and __index.class name the class, __tostring prints "class: 0x...", __gc closes, and every
-- class shares the same methods, each checking the class of its self argument.
-- The glue only does what is Lua's business: finding the object behind self, the luaL_check*/luaL_opt* type
-- checks (their "got <__name>" and "got no value" need the Lua value), and calling methods of Lua objects.
-- Every LuaSocket rule (patterns, modes, options, indices, defaults, select) is the Java API's; a LuaError it
-- throws is re-raised for the API function by H.reraise.
local J, H = ...
local setmt, getmt = debug.setmetatable, debug.getmetatable
local select, type, tostring, error, next, setmetatable, getmetatable, pcall, ipairs =
      select, type, tostring, error, next, setmetatable, getmetatable, pcall, ipairs
local format, pack, unpack = string.format, table.pack, table.unpack
local argerror, typeerror = H.argerror, H.typeerror
local checkstring, optstring, checknumber, optnumber, checkinteger, trunc, tonum =
      H.checkstring, H.optstring, H.checknumber, H.optnumber, H.checkinteger, H.trunc, H.tonum

local ids = setmetatable({}, {__mode = "k"})   -- userdata -> Java handle
local classof = {}                             -- metatable -> class name
local mts = {}                                 -- class name -> metatable
local methods = {}

local function wrap(id, class)
  local ud = J.newud()
  setmt(ud, mts[class])
  ids[ud] = id
  return ud
end

-- auxiliar_checkclass / auxiliar_checkgroup on argument #1 of the method calling it.
local function check(self, class)
  local id = ids[self]
  local c = id and classof[getmt(self)]
  if c == nil or (class ~= "tcp{any}" and c ~= class) then
    argerror(1, class .. " expected", 2)
  end
  return id
end

-- The class can change under connect and listen; the Java object knows which it is now.
local function sync(self, id)
  setmt(self, mts[J.kind(id)])
end

local function fail(err) return nil, err end

function methods.accept(...)
  local self = ...
  local id = check(self, "tcp{server}")
  local cid, err = J.accept(id)
  if not cid then return nil, err end
  return wrap(cid, "tcp{client}")
end

function methods.bind(...)
  local n = select("#", ...)
  local self, address, port = ...
  local id = check(self, "tcp{master}")
  address = checkstring(address, 2, n)
  port = checkstring(port, 3, n)
  return J.bind(id, address, port)
end
methods.setsockname = methods.bind

function methods.close(...)
  local self = ...
  local id = check(self, "tcp{any}")
  return J.close(id)
end

function methods.connect(...)
  local n = select("#", ...)
  local self, address, port = ...
  local id = check(self, "tcp{any}")
  address = checkstring(address, 2, n)
  port = checkstring(port, 3, n)
  local r, err = J.tconnect(id, address, port)
  sync(self, id)
  if r then return r end
  return nil, err
end
methods.setpeername = methods.connect

function methods.dirty(...)
  local self = ...
  return J.dirty(check(self, "tcp{any}"))
end

function methods.getfamily(...)
  local self = ...
  return J.getfamily(check(self, "tcp{any}"))
end

function methods.getfd(...)
  local self = ...
  return J.getfd(check(self, "tcp{any}"))
end

function methods.setfd(...)
  local n = select("#", ...)
  local self, fd = ...
  local id = check(self, "tcp{any}")
  fd = checknumber(fd, 2, n)
  J.setfd(id, fd)
end

-- The option names and what each value must be are the Java API's (Tcp.setoption); a table value reaches it
-- as a Map it indexes as lua_gettable does.
function methods.setoption(...)
  local n = select("#", ...)
  local self, name, value = ...
  local id = check(self, "tcp{any}")
  name = checkstring(name, 2, n)
  if n < 3 then return J.setoption(id, name) end
  return J.setoption(id, name, value)
end

function methods.getoption(...)
  local n = select("#", ...)
  local self, name = ...
  local id = check(self, "tcp{any}")
  name = checkstring(name, 2, n)
  return J.getoption(id, name)
end

function methods.getpeername(...)
  local self = ...
  return J.getpeername(check(self, "tcp{any}"))
end

function methods.getsockname(...)
  local self = ...
  return J.getsockname(check(self, "tcp{any}"))
end

function methods.getstats(...)
  local self = ...
  return J.getstats(check(self, "tcp{client}"))
end

function methods.setstats(...)
  local n = select("#", ...)
  local self, received, sent, age = ...
  local id = check(self, "tcp{client}")
  received = optnumber(received, 2, n, nil)
  sent = optnumber(sent, 3, n, nil)
  return J.setstats(id, received, sent, tonum(age))
end

function methods.listen(...)
  local n = select("#", ...)
  local self, backlog = ...
  local id = check(self, "tcp{master}")
  backlog = optnumber(backlog, 2, n, nil)
  local r, err = J.listen(id, backlog)
  sync(self, id)
  if r then return r end
  return nil, err
end

function methods.receive(...)
  local n = select("#", ...)
  local self, pattern, prefix = ...
  local id = check(self, "tcp{client}")
  prefix = optstring(prefix, 3, n, nil)
  -- A number or a string goes to the API as it is (it tells counts from "*l"/"*a"); others are type errors.
  if type(pattern) ~= "number" then optstring(pattern, 2, n, nil) end
  return J.receive(id, pattern, prefix)
end

function methods.send(...)
  local n = select("#", ...)
  local self, data, i, j = ...
  local id = check(self, "tcp{client}")
  data = checkstring(data, 2, n)
  i = optnumber(i, 3, n, nil)
  j = optnumber(j, 4, n, nil)
  return J.send(id, data, i, j)
end

function methods.settimeout(...)
  local n = select("#", ...)
  local self, value, mode = ...
  local id = check(self, "tcp{any}")
  value = optnumber(value, 2, n, nil)
  mode = optstring(mode, 3, n, nil)
  return J.settimeout(id, value, mode)
end

function methods.gettimeout(...)
  local self = ...
  return J.gettimeout(check(self, "tcp{any}"))
end

function methods.shutdown(...)
  local n = select("#", ...)
  local self, how = ...
  local id = check(self, "tcp{client}")
  how = optstring(how, 2, n, nil)
  return J.shutdown(id, how)
end

local function tostring_method(self)
  local mt = getmt(self)
  local index = mt and mt.__index
  local class = type(index) == "table" and index.class
  if type(class) ~= "string" then error("invalid object passed to 'auxiliar.c:__tostring'", 0) end
  return format("%s: %p", class, self)
end

-- Collection closes the socket and lets the Java side forget the handle.
local function gc(self)
  local id = ids[self]
  if id then J.release(id) end
end

H.export(methods, 1)
tostring_method, gc = J.cwrap(tostring_method), J.cwrap(gc)
for _, class in ipairs({"tcp{master}", "tcp{client}", "tcp{server}"}) do
  local index = {class = class}
  for name, f in next, methods do index[name] = f end
  local mt = {__name = class, __index = index, __tostring = tostring_method, __gc = gc}
  mts[class] = mt
  classof[mt] = class
end

---------------------------------------------------------------------------------------------------------------
-- socket.core functions

local core = {}
core._VERSION, core._SETSIZE, core._SOCKETINVALID = J.constants()

local function master(id, err)
  if not id then return nil, err end
  return wrap(id, "tcp{master}")
end

function core.tcp() return master(J.tcp()) end
function core.tcp4() return master(J.tcp4()) end
function core.tcp6() return master(J.tcp6()) end

function core.connect(...)
  local n = select("#", ...)
  local address, port, laddress, lport, family = ...
  address = checkstring(address, 1, n)
  port = checkstring(port, 2, n)
  laddress = optstring(laddress, 3, n, nil)
  lport = optstring(lport, 4, n, nil)
  family = optstring(family, 5, n, nil)
  local id, err = J.connect(address, port, laddress, lport, family)
  if not id then return nil, err end
  return wrap(id, "tcp{client}")
end

function core.gettime()
  return J.gettime()
end

function core.sleep(...)
  local n = select("#", ...)
  local t = ...
  t = checknumber(t, 1, n)
  J.sleep(t)
end

function core.skip(...)
  local n = select("#", ...)
  local amount = ...
  amount = checkinteger(amount, 1, n)
  local ret = n - amount - 1
  if ret <= 0 then return end
  if ret > n then ret = n end
  return select(n - ret + 1, ...)
end

-- socket.select: the objects' getfd and dirty methods are called here, in the order C LuaSocket calls them
-- (getfd over recvt, then sendt, then getfd and dirty over recvt); LuaSocket.select does the rest with what
-- they returned and answers with positions in the tables, from which the result tables are built.
local function getfd(obj)
  local f = obj.getfd
  if f == nil then return -1 end
  local fd = tonum(f(obj))
  if fd == nil or not (fd >= 0) then return -1 end
  return trunc(fd)
end

local function collect(tab, arg, n, objs, fds)
  if tab == nil then return end
  if type(tab) ~= "table" then typeerror(arg, tab, arg <= n, "table", 2) end
  local i = 1
  while true do
    local obj = tab[i]
    if obj == nil then break end
    objs[#objs + 1] = obj
    fds[#fds + 1] = getfd(obj)
    i = i + 1
  end
end

local function isdirty(obj)
  if getfd(obj) < 0 then return false end
  local f = obj.dirty
  if f == nil then return false end
  return f(obj) and true or false
end

local function assoc(t)
  for i = 1, #t do t[t[i]] = i + 0.0 end
end

function core.select(...)
  local n = select("#", ...)
  local recvt, sendt, timeout = ...
  timeout = optnumber(timeout, 3, n, -1)
  local objs, fds = {}, {}
  collect(recvt, 1, n, objs, fds)
  local nr = #objs
  collect(sendt, 2, n, objs, fds)
  local args, k = {}, 0
  for i = 1, #objs do
    args[k + 1] = fds[i]
    k = k + 1
    if i <= nr then
      args[k + 1] = isdirty(objs[i])
      k = k + 1
    end
  end
  local ri, wi, err = J.select(timeout, nr, #objs - nr, unpack(args, 1, k))
  local r, w = {}, {}
  for i = 1, #ri do r[i] = objs[ri[i]] end
  for i = 1, #wi do w[i] = objs[wi[i]] end
  if err then return r, w, err end
  assoc(r)
  assoc(w)
  return r, w
end

-- except.c: newtry/protect, with errors wrapped so protect can tell them from other errors.
local wrapped = {}

function core.newtry(finalizer)
  return function(...)
    if not (...) then
      if finalizer ~= nil then finalizer() end
      error(setmetatable({(select(2, ...))}, wrapped), 0)
    end
    return ...
  end
end

function core.protect(f)
  return function(...)
    local res = pack(pcall(f, ...))
    if res[1] then return unpack(res, 2, res.n) end
    local e = res[2]
    if getmetatable(e) == wrapped then return nil, e[1] end
    error(e, 0)
  end
end

local dns = {}
core.dns = dns

function dns.getaddrinfo(...)
  local n = select("#", ...)
  local host = ...
  host = checkstring(host, 1, n)
  return J.getaddrinfo(host)
end

---------------------------------------------------------------------------------------------------------------
-- The socket module: socket.core plus the helpers LuaSocket writes in Lua (bind, connect4/6, try, choose).

local function extend(socket)
  socket.try = socket.newtry()

  function socket.connect4(address, port, laddress, lport)
    return socket.connect(address, port, laddress, lport, "inet")
  end

  function socket.connect6(address, port, laddress, lport)
    return socket.connect(address, port, laddress, lport, "inet6")
  end

  -- A Lua function in C LuaSocket too (socket.lua): the Java API's errors are positioned at this call.
  function socket.bind(host, port, backlog)
    local id, err = J.bindserver(host, port, backlog)
    if not id then return nil, err end
    return wrap(id, "tcp{server}")
  end

  function socket.choose(table)
    return function(name, opt1, opt2)
      if type(name) ~= "string" then name, opt1, opt2 = "default", name, opt1 end
      local f = table[name or "nil"]
      if not f then error("unknown key (" .. tostring(name) .. ")", 3) end
      return f(opt1, opt2)
    end
  end
  return socket
end

H.export(core, 0)
H.export(dns, 0)
package.preload["socket.core"] = function() return core end
-- The socket module's loader: package.lua puts it after the path searchers (a distribution's socket.lua wins).
return function()
  local socket = require("socket.core")
  return extend(socket)
end
