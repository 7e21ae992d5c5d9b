-- L-GC soak: N short-lived coroutines, each making socket calls (receive on a settimeout(0) client, which
-- answers "timeout", and a getfd), then dropped. Prints Lua's memory (collectgarbage "count", KiB, after a
-- full collection) at every tenth, then checks that memory stayed flat and that watched coroutines and a
-- dropped socket left weak tables. Usage: coroutine_soak.lua [N] [MAX_GROWTH_KIB]
local socket = require "socket"
local n = math.tointeger(tonumber(arg and arg[1] or "100000")) or 100000
local maxgrowth = tonumber(arg and arg[2] or "512")

local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local client = assert(socket.connect("127.0.0.1", port))
local peer = assert(server:accept())
client:settimeout(0)

local function body()
  local data, err = client:receive(10)
  assert(data == nil and err == "timeout", err)
  coroutine.yield(client:getfd())
  return true
end

local function mem()
  collectgarbage() collectgarbage()
  return collectgarbage("count")
end

-- warm up: caches, tables and the JIT-free interpreter's own structures reach their size
for _ = 1, 1000 do local co = coroutine.create(body); coroutine.resume(co); coroutine.resume(co) end
local base = mem()
local top = base
local step = n // 10
if step < 1 then step = 1 end
for i = 1, n do
  local co = coroutine.create(body)
  assert(coroutine.resume(co))
  if i % 3 ~= 0 then assert(coroutine.resume(co)) end   -- every third one is dropped while suspended
  if i % step == 0 then
    local m = mem()
    if m > top then top = m end
    print(string.format("coroutines %d lua_kib %.1f", i, m))
  end
end

-- weak tables see dropped coroutines and sockets go (copas's check: two collections)
local weak = setmetatable({}, {__mode = "k"})
local co = coroutine.create(body)
coroutine.resume(co)
weak[co] = "coroutine"
co = nil
local s = socket.tcp()
weak[s] = "socket"
s = nil
collectgarbage() collectgarbage()
local left = {}
for _, what in pairs(weak) do left[#left + 1] = what end
print(string.format("base_kib %.1f max_kib %.1f growth_kib %.1f left_in_weak_table %d", base, top, top - base, #left))
client:close() peer:close() server:close()
if #left > 0 then error("not collected: " .. table.concat(left, ", ")) end
if top - base > maxgrowth then error(string.format("Lua memory grew by %.1f KiB", top - base)) end
