-- LuaSocket's socket.core (TCP part) and the socket module on top of it, over the Java functions J.
-- Objects are full userdata whose metatable is their class (tcp{master}, tcp{client}, tcp{server}), as in the
-- C module: __name and __index.class name the class, __tostring prints "class: 0x...", __gc closes, and every
-- class shares the same methods, each checking the class of its self argument.
local J, H = ...
local setmt, getmt = debug.setmetatable, debug.getmetatable
local select, type, tostring, error, next, setmetatable, getmetatable, pcall, ipairs =
      select, type, tostring, error, next, setmetatable, getmetatable, pcall, ipairs
local format, sub, pack, unpack = string.format, string.sub, table.pack, table.unpack
local argerror, typeerror = H.argerror, H.typeerror
local checkstring, optstring, checknumber, optnumber, checkinteger, checkoption, trunc, tonum =
      H.checkstring, H.optstring, H.checknumber, H.optnumber, H.checkinteger, H.checkoption, H.trunc, H.tonum

local POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL = 0x001, 0x004, 0x008, 0x010, 0x020
local SETSIZE = 1024

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
  fd = trunc(checknumber(fd, 2, n))
  J.setfd(id, fd)
end

local settable = {
  ["bindtodevice"] = "string", ["keepalive"] = "boolean", ["reuseaddr"] = "boolean",
  ["reuseport"] = "boolean", ["tcp-defer-accept"] = "int", ["tcp-nodelay"] = "boolean",
  ["tcp-keepidle"] = "int", ["tcp-keepcnt"] = "int", ["tcp-keepintvl"] = "int",
  ["ipv6-v6only"] = "boolean", ["linger"] = "linger", ["recv-buffer-size"] = "int",
  ["send-buffer-size"] = "int", ["tcp-fastopen"] = "int", ["tcp-fastopen-connect"] = "int",
}
local gettable = {
  ["bindtodevice"] = true, ["keepalive"] = true, ["reuseaddr"] = true, ["reuseport"] = true,
  ["tcp-nodelay"] = true, ["tcp-keepidle"] = true, ["tcp-keepcnt"] = true, ["tcp-keepintvl"] = true,
  ["linger"] = true, ["error"] = true, ["recv-buffer-size"] = true, ["send-buffer-size"] = true,
}

local function unsupported(name)
  argerror(2, format("unsupported option `%s'", sub(name, 1, 35)), 2)
end

function methods.setoption(...)
  local n = select("#", ...)
  local self, name, value = ...
  local id = check(self, "tcp{any}")
  name = checkstring(name, 2, n)
  local kind = settable[name]
  if kind == nil then unsupported(name) end
  if kind == "boolean" then
    if type(value) ~= "boolean" then typeerror(3, value, 3 <= n, "boolean", 1, true) end
    return J.setoption(id, name, value)
  elseif kind == "int" then
    return J.setoption(id, name, trunc(tonum(value) or 0))
  elseif kind == "string" then
    value = checkstring(value, 3, n)
    return J.setoption(id, name, value)
  else
    if type(value) ~= "table" then typeerror(3, value, 3 <= n, "table", 1, true) end
    local on = value.on
    if type(on) ~= "boolean" then argerror(3, "boolean 'on' field expected") end
    local timeout = tonum(value.timeout)
    if timeout == nil then argerror(3, "number 'timeout' field expected") end
    return J.setoption(id, name, on, trunc(timeout) & 0xffff)
  end
end

function methods.getoption(...)
  local n = select("#", ...)
  local self, name = ...
  local id = check(self, "tcp{any}")
  name = checkstring(name, 2, n)
  if not gettable[name] then unsupported(name) end
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
  return J.setstats(id, received and trunc(received), sent and trunc(sent), tonum(age))
end

function methods.listen(...)
  local n = select("#", ...)
  local self, backlog = ...
  local id = check(self, "tcp{master}")
  backlog = trunc(optnumber(backlog, 2, n, 32))
  local r, err = J.listen(id, backlog)
  sync(self, id)
  if r then return r end
  return nil, err
end

function methods.receive(...)
  local n = select("#", ...)
  local self, pattern, prefix = ...
  local id = check(self, "tcp{client}")
  prefix = optstring(prefix, 3, n, "")
  local count = tonum(pattern)
  if count == nil then
    local p = optstring(pattern, 2, n, "*l")
    local head = sub(p, 1, 2)
    if head == "*l" or head == "*a" then
      return J.receive(id, head, prefix)
    end
    argerror(2, "invalid receive pattern")
  end
  if not (count >= 0) then argerror(2, "invalid receive pattern") end
  return J.receive(id, trunc(count), prefix)
end

function methods.send(...)
  local n = select("#", ...)
  local self, data, i, j = ...
  local id = check(self, "tcp{client}")
  data = checkstring(data, 2, n)
  i = trunc(optnumber(i, 3, n, 1))
  j = trunc(optnumber(j, 4, n, -1))
  return J.send(id, data, i, j)
end

function methods.settimeout(...)
  local n = select("#", ...)
  local self, value, mode = ...
  local id = check(self, "tcp{any}")
  value = optnumber(value, 2, n, -1)
  mode = optstring(mode, 3, n, "b")
  local c = sub(mode, 1, 1)
  if c ~= "b" and c ~= "t" and c ~= "r" then argerror(3, "invalid timeout mode") end
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
  how = checkoption(how, 2, n, "both", {"receive", "send", "both"})
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

H.export(methods)
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

local core = {
  _VERSION = J.version(),
  _SETSIZE = SETSIZE,
  _SOCKETINVALID = -1,
}

local function create(kind)
  local id, err = J.tcp(kind)
  if not id then return nil, err end
  return wrap(id, "tcp{master}")
end

function core.tcp() return create(0) end
function core.tcp4() return create(4) end
function core.tcp6() return create(6) end

function core.connect(...)
  local n = select("#", ...)
  local address, port, laddress, lport, family = ...
  address = checkstring(address, 1, n)
  port = checkstring(port, 2, n)
  laddress = optstring(laddress, 3, n, nil)
  lport = optstring(lport, 4, n, "0")
  family = checkoption(family, 5, n, "unspec", {"unspec", "inet", "inet6"})
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

-- select(2) semantics over the transport's poll: objects are anything with getfd (and dirty) methods.
local function getfd(obj)
  local f = obj.getfd
  if f == nil then return -1 end
  local fd = f(obj)
  fd = tonum(fd)
  if fd == nil or not (fd >= 0) then return -1 end
  return trunc(fd)
end

local function isdirty(obj)
  local f = obj.dirty
  if f == nil then return false end
  return f(obj) and true or false
end

local function collect(tab, arg, n, byfd, events, bit)
  if tab == nil then return end
  if type(tab) ~= "table" then typeerror(arg, tab, arg <= n, "table", 2) end
  local i = 1
  while true do
    local obj = tab[i]
    if obj == nil then break end
    local fd = getfd(obj)
    if fd >= 0 then
      if fd >= SETSIZE then argerror(arg, "descriptor too large for set size", 2) end
      events[fd] = (events[fd] or 0) | bit
      byfd[fd] = obj
    end
    i = i + 1
  end
end

local function assoc(t)
  for i = 1, #t do t[t[i]] = i + 0.0 end
end

function core.select(...)
  local n = select("#", ...)
  local recvt, sendt, timeout = ...
  timeout = optnumber(timeout, 3, n, -1)
  local byfd, events = {}, {}
  collect(recvt, 1, n, byfd, events, POLLIN)
  collect(sendt, 2, n, byfd, events, POLLOUT)
  local r, w = {}, {}
  local ndirty = 0
  if recvt ~= nil then
    local i = 1
    while true do
      local obj = recvt[i]
      if obj == nil then break end
      local fd = getfd(obj)
      if fd >= 0 and isdirty(obj) then
        ndirty = ndirty + 1
        r[ndirty] = obj
        if events[fd] then events[fd] = events[fd] & ~POLLIN end
      end
      i = i + 1
    end
  end
  if ndirty > 0 then timeout = 0 end
  local fds = {}
  for fd, ev in next, events do
    if ev ~= 0 then fds[#fds + 1] = fd end
  end
  table.sort(fds)
  local args, k = {}, 0
  for _, fd in ipairs(fds) do
    args[k + 1], args[k + 2] = fd, events[fd]
    k = k + 2
  end
  local res = pack(J.poll(timeout, unpack(args, 1, k)))
  if not res[1] then H.raise("select failed") end
  local ready = 0
  for idx, fd in ipairs(fds) do
    local re = res[idx + 1]
    if re & POLLNVAL ~= 0 then H.raise("select failed") end
    if events[fd] & POLLIN ~= 0 and re & (POLLIN | POLLHUP | POLLERR) ~= 0 then
      r[#r + 1] = byfd[fd]
      ready = ready + 1
    end
    if events[fd] & POLLOUT ~= 0 and re & (POLLOUT | POLLERR) ~= 0 then
      w[#w + 1] = byfd[fd]
      ready = ready + 1
    end
  end
  if ready > 0 or ndirty > 0 then
    assoc(r)
    assoc(w)
    return r, w
  end
  return r, w, "timeout"
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
  local res = pack(J.getaddrinfo(host))
  if res.n == 2 and res[1] == nil then return nil, res[2] end
  local out = {}
  for i = 1, res.n, 2 do
    out[#out + 1] = {family = res[i], addr = res[i + 1]}
  end
  return out
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

  function socket.bind(host, port, backlog)
    if host == "*" then host = "0.0.0.0" end
    local addrinfo, err = socket.dns.getaddrinfo(host)
    if not addrinfo then return nil, err end
    err = "no info on address"
    for _, alt in ipairs(addrinfo) do
      local sock, res
      if alt.family == "inet" then sock, err = socket.tcp4() else sock, err = socket.tcp6() end
      if not sock then return nil, err end
      sock:setoption("reuseaddr", true)
      res, err = sock:bind(alt.addr, port)
      if not res then
        sock:close()
      else
        res, err = sock:listen(backlog)
        if not res then sock:close() else return sock end
      end
    end
    return nil, err
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

H.export(core)
H.export(dns)
package.preload["socket.core"] = function() return core end
package.preload["socket"] = function()
  local socket = require("socket.core")
  return extend(socket)
end
