-- LuaSocket's mime.core over the Java functions J (MimeFunctions.java, MimeCore.java). The glue does the
-- luaL_check*/luaL_opt* checks in the order mime.c makes them (so the same bad argument is reported first);
-- the codecs are Java's. Registered in package.preload, so it is found before any mime/core.so on the path.
local J, H = ...
local select = select
local checknumber, optnumber, checkinteger, optstring = H.checknumber, H.optnumber, H.checkinteger, H.optstring

local core = {}

function core.b64(...)
  local n = select("#", ...)
  local c, d = ...
  c = optstring(c, 1, n, nil)
  if c == nil then return nil, nil end
  return J.b64(c, optstring(d, 2, n, nil))
end

function core.unb64(...)
  local n = select("#", ...)
  local c, d = ...
  c = optstring(c, 1, n, nil)
  if c == nil then return nil, nil end
  return J.unb64(c, optstring(d, 2, n, nil))
end

function core.qp(...)
  local n = select("#", ...)
  local c, d, marker = ...
  c = optstring(c, 1, n, nil)
  marker = optstring(marker, 3, n, nil)
  if c == nil then return nil, nil end
  return J.qp(c, optstring(d, 2, n, nil), marker)
end

function core.unqp(...)
  local n = select("#", ...)
  local c, d = ...
  c = optstring(c, 1, n, nil)
  if c == nil then return nil, nil end
  return J.unqp(c, optstring(d, 2, n, nil))
end

local function wrapper(f)
  return function(...)
    local n = select("#", ...)
    local left, b, length = ...
    left = checknumber(left, 1, n)
    b = optstring(b, 2, n, nil)
    length = optnumber(length, 3, n, 76)
    return f(left, b, length)
  end
end
core.wrp = wrapper(J.wrp)
core.qpwrp = wrapper(J.qpwrp)

function core.eol(...)
  local n = select("#", ...)
  local ctx, b, marker = ...
  ctx = checkinteger(ctx, 1, n)
  b = optstring(b, 2, n, nil)
  marker = optstring(marker, 3, n, nil)
  return J.eol(ctx, b, marker)
end

function core.dot(...)
  local n = select("#", ...)
  local state, b = ...
  state = checknumber(state, 1, n)
  b = optstring(b, 2, n, nil)
  return J.dot(state, b)
end

H.export(core, 0)
core._VERSION = J.version()
package.preload["mime.core"] = function() return core end
