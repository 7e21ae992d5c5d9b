-- print, io.write, io.stdout and io.stderr write through Java (J.write) to the streams the session was given,
-- so output interleaves correctly with the JVM's own; os.exit ends the script instead of the JVM.
-- Returns the metatable that marks an exit request (the runner turns it into the exit status).
local J, H = ...
local select, tostring, type, format, setmetatable, error = select, tostring, type, string.format, setmetatable, error
local mathtype, concat = math.type, table.concat
local checkinteger, typeerror = H.checkinteger, H.typeerror

function print(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  J.write(1, concat(parts, "\t") .. "\n")
end

-- g_write: strings as they are, integers with %d, floats with LUAI_NUMFFORMAT (%.14g).
local function writeall(stream, first, ...)
  local n = select("#", ...)
  for i = 1, n do
    local v = select(i, ...)
    local t = type(v)
    if t == "number" then
      v = mathtype(v) == "integer" and format("%d", v) or format("%.14g", v)
    elseif t ~= "string" then
      typeerror(first + i - 1, v, true, "string", 2)
    end
    J.write(stream, v)
  end
end

local function stdfile(stream)
  local methods = {}
  local mt = {__name = "FILE*", __index = methods}
  mt.__tostring = function(self) return format("file (%p)", self) end
  local f = setmetatable({}, mt)
  function methods.write(self, ...)
    writeall(stream, 2, ...)
    return self
  end
  function methods.flush(self)
    J.flush(stream)
    return self
  end
  function methods.setvbuf() return true end
  function methods.close() return nil, "cannot close standard file" end
  function methods.lines() error("file is not readable", 2) end
  function methods.read() return nil, "Bad file descriptor", 9 end
  function methods.seek() return nil, "Illegal seek", 29 end
  H.export(methods, 1)
  return f
end

local stdout, stderr = stdfile(1), stdfile(2)
local real_output = io.output
local current = stdout
io.stdout, io.stderr = stdout, stderr

function io.output(f)
  if f == nil then return current end
  if f == stdout or f == stderr then
    current = f
  else
    current = real_output(f)
  end
  return current
end

function io.write(...)
  if current == stdout or current == stderr then
    writeall(current == stdout and 1 or 2, 1, ...)
    return current
  end
  return current:write(...)
end

local cwrap = J.cwrap
print, io.write, io.output = cwrap(print), cwrap(io.write), cwrap(io.output)
local exit_mt = {__tostring = function(e) return "exit " .. tostring(e.code) end}

function os.exit(...)
  local n = select("#", ...)
  local code = ...
  if code == nil or code == true then code = 0
  elseif code == false then code = 1
  else code = checkinteger(code, 1, n) end
  J.flush(1)
  J.flush(2)
  debug.getregistry()["org.mtcp.lua.exit"] = code -- for the REPL (LuaCommandLine), where a status alone is ambiguous
  error(setmetatable({code = code}, exit_mt), 0)
end
os.exit = cwrap(os.exit)

return exit_mt
