-- Runs a script's main chunk as lua.c's docall/msghandler/report do: the error message plus a traceback,
-- prefixed by the program name, on stderr, and status 1; os.exit's request gives its status.
-- Frames of this module's own Lua glue are shown as the single C frame the C modules would show.
local J, exit_mt = ...
local xpcall, type, tostring, getmetatable, traceback, ipairs = xpcall, type, tostring, getmetatable, debug.traceback, ipairs
local find, gsub, sub, concat = string.find, string.gsub, string.sub, table.concat

local function glue(line)
  return find(line, "^\tmtcp%-lua/") ~= nil
end

-- Drops the glue's own frames (and C frames called from the glue): what is left is what lua5.4 shows
-- with the C modules, whose functions are single C frames.
local function tidy(tb)
  local lines = {}
  for line in tb:gmatch("[^\n]+") do lines[#lines + 1] = line end
  local out = {}
  for i, line in ipairs(lines) do
    if line == "\t[C]: in function 'xpcall'" then break end
    local next_line = lines[i + 1]
    local c_below_glue = find(line, "^\t%[C%]: ") and next_line and glue(next_line)
    if not glue(line) and not c_below_glue then out[#out + 1] = line end
  end
  out[#out + 1] = "\t[C]: in ?"
  return concat(out, "\n")
end

local function handler(msg)
  if getmetatable(msg) == exit_mt then return msg end
  if type(msg) ~= "string" and type(msg) ~= "number" then
    local mt = getmetatable(msg)
    if mt and mt.__tostring then
      local s = tostring(msg)
      if type(s) == "string" then return s end
    end
    msg = "(error object is a " .. type(msg) .. " value)"
  end
  return tidy(traceback(tostring(msg), 2))
end

return function(progname, chunk, ...)
  local ok, err = xpcall(chunk, handler, ...)
  J.flush(1)
  if ok then return 0 end
  if getmetatable(err) == exit_mt then return err.code end
  -- lua.c's l_message: no "progname: " prefix when there is no program name (its REPL).
  J.write(2, (progname ~= "" and progname .. ": " or "") .. tostring(err) .. "\n")
  J.flush(2)
  return 1
end
