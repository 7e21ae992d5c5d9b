-- Lua's auxiliary-library argument checks (luaL_check*/luaL_opt*/luaL_argerror), written in Lua so that the
-- socket and mtcp glue raises exactly what the C modules raise: the same texts, the same argument numbers
-- (self is not counted for method calls), the same function names, and no "file:line:" prefix (errors
-- raised by C functions have none). Returns the table of helpers.
local getinfo, getmetatable_raw = debug.getinfo, debug.getmetatable
local type, tostring, tonumber, error, select, next, rawequal, rawget, setmetatable =
      type, tostring, tonumber, error, select, next, rawequal, rawget, setmetatable
local format, sub = string.format, string.sub
local tointeger = math.tointeger
local loaded = package.loaded

local H = {}

-- pushglobalfuncname: the "module.name" under which package.loaded holds f (two levels deep, "_G." dropped).
local function globalname(f)
  for k, v in next, loaded do
    if type(k) == "string" then
      if rawequal(v, f) then return k end
      if type(v) == "table" then
        for k2, v2 in next, v do
          if type(k2) == "string" and rawequal(v2, f) then
            local name = k .. "." .. k2
            if sub(name, 1, 3) == "_G." then name = sub(name, 4) end
            return name
          end
        end
      end
    end
  end
  return nil
end

-- luaL_where(L, 1) seen from the API function: "chunk:line: " of the Lua code that called it, "" when a C
-- function (pcall, say) called it. 'level' counts from the caller of where.
local function where(level)
  local ar = getinfo(level + 1, "Sl")
  if ar and ar.currentline > 0 then return format("%s:%d: ", ar.short_src, ar.currentline) end
  return ""
end

-- luaL_error from the API function whose glue is 'depth' frames above raise (1: raise's caller).
-- Every API function is a C function calling its Lua glue (see Trampoline.java): the C frame just above
-- the glue is the one Lua names and whose caller gives the position, as with the C modules' functions.
function H.raise(msg, depth)
  error(where(3 + (depth or 1)) .. msg, 0)
end

-- luaL_argerror for the API function whose glue is 'depth' frames above argerror (1, the default).
local function argerror(arg, extramsg, depth)
  depth = depth or 1
  local ar = getinfo(2 + depth, "nf")
  local pos = where(3 + depth)
  if not ar then error(pos .. format("bad argument #%d (%s)", arg, extramsg), 0) end
  local name = ar.name
  if ar.namewhat == "method" then
    arg = arg - 1
    if arg == 0 then error(pos .. format("calling '%s' on bad self (%s)", name, extramsg), 0) end
  end
  if name == nil then name = globalname(ar.func) or "?" end
  error(pos .. format("bad argument #%d to '%s' (%s)", arg, name, extramsg), 0)
end
H.argerror = argerror

-- The type name luaL_typeerror prints: __name from the metatable, else type(); "no value" when absent.
local function typename(v, present)
  if not present then return "no value" end
  local mt = getmetatable_raw(v)
  local name = mt and rawget(mt, "__name")
  if type(name) == "string" then return name end
  return type(v)
end
H.typename = typename

-- luaL_typeerror; 'plain' uses luaL_typename only (LuaSocket's auxiliar_typeerror ignores __name).
local function typeerror(arg, v, present, expected, depth, plain)
  local got = plain and (present and type(v) or "no value") or typename(v, present)
  argerror(arg, expected .. " expected, got " .. got, (depth or 1) + 1)
end
H.typeerror = typeerror

-- lua_tonumberx: numbers, and strings Lua converts; nil otherwise.
local function tonum(v)
  local t = type(v)
  if t == "number" then return v end
  if t == "string" then return tonumber(v) end
  return nil
end
H.tonum = tonum

-- The checkers take (value, arg number, number of arguments passed) and report for the function calling them.
function H.checkstring(v, arg, n)
  local t = type(v)
  if t == "string" then return v end
  if t == "number" then return tostring(v) end
  typeerror(arg, v, arg <= n, "string", 2)
end

function H.optstring(v, arg, n, default)
  if v == nil then return default end
  local t = type(v)
  if t == "string" then return v end
  if t == "number" then return tostring(v) end
  typeerror(arg, v, arg <= n, "string", 2)
end

function H.checknumber(v, arg, n)
  local x = tonum(v)
  if x == nil then typeerror(arg, v, arg <= n, "number", 2) end
  return x
end

function H.optnumber(v, arg, n, default)
  if v == nil then return default end
  local x = tonum(v)
  if x == nil then typeerror(arg, v, arg <= n, "number", 2) end
  return x
end

local function checkinteger(v, arg, n)
  local x = tonum(v)
  if x == nil then typeerror(arg, v, arg <= n, "number", 3) end
  local i = tointeger(x)
  if i == nil then argerror(arg, "number has no integer representation", 3) end
  return i
end

function H.checkinteger(v, arg, n)
  local i = checkinteger(v, arg, n)
  return i
end

function H.optinteger(v, arg, n, default)
  if v == nil then return default end
  local i = checkinteger(v, arg, n)
  return i
end

-- The API functions a script sees (C functions calling their glue, see Trampoline.java), each with the number
-- of leading arguments the Java API does not count (1 for methods: self).
local apis = setmetatable({}, {__mode = "k"})
local cwrap = (...).cwrap

-- Replaces every function in t by a C function calling it; 'skipped' is 1 for methods, 0 for functions.
function H.export(t, skipped)
  for k, v in next, t do
    if type(v) == "function" then
      local f = cwrap(v)
      apis[f] = skipped
      t[k] = f
    end
  end
  return t
end

-- A LuaError the Java API threw (argument counted without self, 0 when not an argument error), raised as
-- the C module raises it. Stack.java calls this from the Java function; levels from here: 1 this, 2 the Java
-- function, 3 the glue that called it, 4 the API function when that glue is an API function's. Then the
-- argument is numbered, the function named and the message positioned as luaL_argerror/luaL_error do for
-- the API function; otherwise (socket.bind, a Lua function in C LuaSocket too) the message is positioned
-- at the glue's call, as a C function's luaL_error called from Lua code is.
local function reraise(argument, detail, message)
  local api = getinfo(4, "f")
  local skipped = api and apis[api.func]
  if skipped then
    if argument > 0 then argerror(argument + skipped, detail, 3) end
    H.raise(message, 3)
  end
  error(where(3) .. message, 0)
end

local registry = debug.getregistry()
registry["org.mtcp.lua.reraise"] = reraise
-- How Java reads a field of a Lua table argument (LuaTableView.java): lua_gettable, metamethods included.
registry["org.mtcp.lua.index"] = function(t, k) return t[k] end

-- (long) / (int) casts of a C double: truncation toward zero.
function H.trunc(x)
  if x ~= x then return 0 end
  if x >= 0 then x = math.floor(x) else x = math.ceil(x) end
  return tointeger(x) or (x > 0 and math.maxinteger or math.mininteger)
end

return H
