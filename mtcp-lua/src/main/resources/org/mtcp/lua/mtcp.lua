-- Phil Leblanc's mtcp module over the Java functions J: descriptors are Lua integers, addresses raw sockaddr
-- strings; arguments are checked as the C module's luaL_check*/luaL_opt* calls check them. Omitted optional
-- arguments stay nil: their defaults, like every other rule, are the Java API's (org.mtcp.mtcp.Mtcp).
local J, H = ...
local select = select
local checkstring, checkinteger, optinteger, optstring = H.checkstring, H.checkinteger, H.optinteger, H.optstring

local mtcp = {}
mtcp.VERSION, mtcp.BUFSIZE = J.constants()

function mtcp.bind(...)
  local n = select("#", ...)
  local host, service = ...
  host = checkstring(host, 1, n)
  service = checkstring(service, 2, n)
  return J.bind(host, service)
end

function mtcp.connect(...)
  local n = select("#", ...)
  local host, service = ...
  host = checkstring(host, 1, n)
  service = checkstring(service, 2, n)
  return J.connect(host, service)
end

function mtcp.accept(...)
  local n = select("#", ...)
  local fd = ...
  fd = checkinteger(fd, 1, n)
  return J.accept(fd)
end

function mtcp.read(...)
  local n = select("#", ...)
  local fd, count, timeout = ...
  fd = checkinteger(fd, 1, n)
  count = optinteger(count, 2, n, nil)
  timeout = optinteger(timeout, 3, n, nil)
  return J.read(fd, count, timeout)
end

function mtcp.write(...)
  local n = select("#", ...)
  local fd, s, idx, count = ...
  fd = checkinteger(fd, 1, n)
  s = checkstring(s, 2, n)
  idx = optinteger(idx, 3, n, nil)
  count = optinteger(count, 4, n, nil)
  return J.write(fd, s, idx, count)
end

function mtcp.close(...)
  local n = select("#", ...)
  local fd = ...
  fd = checkinteger(fd, 1, n)
  return J.close(fd)
end

function mtcp.getsockname(...)
  local n = select("#", ...)
  local fd = ...
  fd = checkinteger(fd, 1, n)
  return J.getsockname(fd)
end

function mtcp.getpeername(...)
  local n = select("#", ...)
  local fd = ...
  fd = checkinteger(fd, 1, n)
  return J.getpeername(fd)
end

function mtcp.getaddrinfo(...)
  local n = select("#", ...)
  local host, port = ...
  host = checkstring(host, 1, n)
  port = optstring(port, 2, n, nil)
  return J.getaddrinfo(host, port)
end

function mtcp.getnameinfo(...)
  local n = select("#", ...)
  local addr, numeric = ...
  addr = checkstring(addr, 1, n)
  return J.getnameinfo(addr, numeric)
end

function mtcp.msleep(...)
  local n = select("#", ...)
  local ms = ...
  ms = checkinteger(ms, 1, n)
  return J.msleep(ms)
end

H.export(mtcp, 0)
package.preload["mtcp"] = function() return mtcp end
