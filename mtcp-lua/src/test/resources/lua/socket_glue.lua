-- Where the Lua glue meets the Java API: argument numbering of the API's errors under method calls, pcall and
-- plain calls; values Java has no type for; tables read with metamethods; select over Lua objects.
local socket = require "socket"
local function show(...)
  local t = table.pack(...)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "number" then out[i] = math.type(v) .. ":" .. tostring(v)
    elseif type(v) == "userdata" or type(v) == "table" then out[i] = (tostring(v):gsub("0x%x+", "ADDR"))
    else out[i] = tostring(v) end
  end
  print(table.concat(out, " | "))
end
-- socket.bind is socket.lua's Lua function: its errors carry that file's position, which differs.
local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  if not r[1] then r[2] = tostring(r[2]):gsub("^[^:]*socket%.lua:%d+: ", "socket.lua: ") end
  show(table.unpack(r, 1, r.n))
end

local srv = assert(socket.bind("127.0.0.1", 0))
local _, port = srv:getsockname()
local c = assert(socket.connect("127.0.0.1", port))
local a = assert(srv:accept())
a:settimeout(1)

-- receive: pattern errors as a method, through pcall, in a tail call
try(function() return a:receive("*x") end)
try(function() a:receive("*x") end)
try(a.receive, a, "*x")
try(a.receive, a, -3)
try(a.receive, a, 0 / 0)
try(a.receive, a, true)
try(a.receive, a, "x", true)
try(function() return a:receive(print) end)
try(function() return a:receive(a) end)
c:send("0123456789\nrest\n")
show(a:receive("3"))
show(a:receive(2.9, "p"))
show(a:receive("*lxx"))
show(a:receive("*l", 42))

-- settimeout, shutdown, listen, send
try(a.settimeout, a, 1, "q")
try(function() return a:settimeout(1, "") end)
try(function() return a:settimeout({}) end)
try(function() return a:settimeout(1, {}) end)
show(a:settimeout("0.5", "total"), a:gettimeout())
show(a:settimeout(-1, "r"), a:gettimeout())
try(a.shutdown, a, "sideways")
try(function() return a:shutdown(7) end)
try(function() return a:shutdown({}) end)
try(function() return socket.tcp():listen("x") end)
show(c:send("abcdef", "2", "3.5"))
show(c:send("abcdef", -3))
show(c:send(12.5))
try(function() return c:send("x", "y") end)
show(a:receive(8))

-- options: unknown names, values of every Lua type, linger tables
try(a.setoption, a, "nope", true)
try(function() return a:setoption(string.rep("x", 50), true) end)
try(function() return a:getoption("tcp-fastopen") end)
try(function() return a:setoption("keepalive", print) end)
try(function() return a:setoption("keepalive", coroutine.create(print)) end)
try(function() return a:setoption("keepalive", a) end)
try(function() return a:setoption("keepalive", nil) end)
try(function() return a:setoption("linger") end)
try(function() return a:setoption("linger", print) end)
try(function() return a:setoption("linger", {on = true, timeout = "x"}) end)
try(function() return a:setoption("linger", {on = "yes", timeout = 1}) end)
show(a:setoption("linger", {on = true, timeout = "7"}))
local l = a:getoption("linger")
show(l.on, l.timeout)
local proxy = setmetatable({}, {__index = function(_, k) if k == "on" then return true end return 3 end})
show(a:setoption("linger", proxy))
l = a:getoption("linger")
show(l.on, l.timeout)
try(function()
  return a:setoption("linger", setmetatable({}, {__index = function() error("no fields here") end}))
end)
try(function()
  return a:setoption("linger", setmetatable({}, {__index = function() error({}) end}))
end)
show(a:setoption("tcp-keepidle", "12"), a:getoption("tcp-keepidle"))
show(a:setoption("tcp-keepcnt"), a:getoption("tcp-keepcnt"))
show(a:setoption("linger", {on = false, timeout = 0}))

-- select over Lua objects with getfd/dirty methods
local calls = {}
local function obj(name, fd, dirty)
  return {getfd = function() calls[#calls + 1] = "getfd " .. name return fd end,
          dirty = function() calls[#calls + 1] = "dirty " .. name return dirty end}
end
local x, y, z = obj("x", -1, true), obj("y", "nope", true), obj("z", c:getfd(), true)
local r, w, e = socket.select({x, y, z, {}}, {z, {getfd = true and function() return -0.5 end}}, 1)
show(#r, r[1] == z, r[z], #w, w[1] == z, w[z], e)
print(table.concat(calls, ", "))
r, w, e = socket.select({a, a}, {}, 0)
show(#r, #w, e)
c:send("ping\n")
r, w, e = socket.select({srv, a, c}, {c, a}, 1)
show(#r, r[1] == a, r[a], #w, e)
show(a:receive())
try(socket.select, {obj("big", 4096, false)}, nil, 0)
try(function() return socket.select(nil, {obj("big", 1e6, false)}, 0) end)
local gone = socket.tcp4()
local gonefd = gone:getfd()
gone:close()
try(function() return socket.select({obj("closed", gonefd, false)}, nil, 0) end)
try(socket.select, nil, nil, "soon")
r, w, e = socket.select({}, {}, 0)
show(#r, #w, e)

-- module functions: numbering without self
try(socket.connect, "127.0.0.1", port, nil, nil, "inet7")
try(function() return socket.connect("127.0.0.1", port, "*", 0, true) end)
try(socket.bind, nil, 0)
try(socket.bind, "127.0.0.1", nil)
try(socket.bind, "127.0.0.1", 0, {})
show(socket.bind("host.invalid", 0))
try(socket.dns.getaddrinfo)
show(socket.dns.getaddrinfo("host.invalid"))
local info = socket.dns.getaddrinfo("127.0.0.1")
show(#info, info[1].family, info[1].addr)
info = socket.dns.getaddrinfo("::1")
show(#info, info[1].family, info[1].addr)
a:close() c:close() srv:close()
print("done")
