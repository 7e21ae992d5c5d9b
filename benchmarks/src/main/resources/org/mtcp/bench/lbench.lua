-- The C LuaSocket baseline of ./mtcp bench, under lua5.4 with Debian's lua-socket. One role per process;
-- a server role prints its port first, a measuring role prints one number last.
--   lua5.4 lbench.lua echo SIZE           serve one client: receive(SIZE), send it back
--   lua5.4 lbench.lua rtt PORT SIZE SECS  microseconds per send + receive(SIZE) round trip
--   lua5.4 lbench.lua sink                serve one client: receive(65536) until closed
--   lua5.4 lbench.lua bulk PORT BYTES     bytes per second sending BYTES as 64 KiB strings
--   lua5.4 lbench.lua feed                serve one client: send 100-byte lines until it closes
--   lua5.4 lbench.lua lines PORT SECS     lines per second with receive("*l")
--   lua5.4 lbench.lua conn SECS           socket.connect + accept + close both, per second
--   lua5.4 lbench.lua loop BYTES          bytes per second moving BYTES one way through one event loop:
--                                         both ends settimeout(0), socket.select, send(data, i), receive(65536)
local socket = require("socket")
local role = arg[1]

local function check(v, err)
  if not v then io.stderr:write("lbench: ", tostring(err), "\n"); os.exit(1) end
  return v
end

local function serve(body)
  local server = check(socket.bind("127.0.0.1", 0))
  local _, port = server:getsockname()
  io.write(port, "\n"); io.flush()
  local c = check(server:accept())
  body(c)
  c:close(); server:close()
end

-- Runs op in a loop for SECS seconds after a quarter of that as warm-up; returns ops and seconds.
local function timed(secs, op)
  local warm_end = socket.gettime() + secs / 4
  while socket.gettime() < warm_end do for _ = 1, 64 do op() end end
  local ops, t0 = 0, socket.gettime()
  local t1 = t0
  while t1 - t0 < secs do
    for _ = 1, 64 do op() end
    ops = ops + 64
    t1 = socket.gettime()
  end
  return ops, t1 - t0
end

if role == "echo" then
  local size = tonumber(arg[2])
  serve(function(c)
    c:setoption("tcp-nodelay", true)
    while true do
      local data = c:receive(size)
      if not data or not c:send(data) then break end
    end
  end)
elseif role == "rtt" then
  local size, secs = tonumber(arg[3]), tonumber(arg[4])
  local c = check(socket.connect("127.0.0.1", tonumber(arg[2])))
  c:setoption("tcp-nodelay", true)
  local msg = string.rep("x", size)
  local ops, t = timed(secs, function() check(c:send(msg)); check(c:receive(size)) end)
  c:close()
  print(string.format("%.4f", t * 1e6 / ops))
elseif role == "sink" then
  serve(function(c)
    while c:receive(65536) do end
  end)
elseif role == "bulk" then
  local total = tonumber(arg[3])
  local c = check(socket.connect("127.0.0.1", tonumber(arg[2])))
  local data = string.rep("x", 65536)
  local t0 = socket.gettime()
  local done = 0
  while done < total do check(c:send(data)); done = done + 65536 end
  local t = socket.gettime() - t0
  c:close()
  print(string.format("%.1f", done / t))
elseif role == "feed" then
  local lines = {}
  for i = 0, 65536 // 100 - 1 do
    lines[#lines + 1] = string.rep(string.char(97 + i % 26), 99) .. "\n"
  end
  local block = table.concat(lines)
  serve(function(c)
    while c:send(block) do end
  end)
elseif role == "lines" then
  local secs = tonumber(arg[3])
  local c = check(socket.connect("127.0.0.1", tonumber(arg[2])))
  local ops, t = timed(secs, function() check(c:receive("*l")) end)
  c:close()
  print(string.format("%.1f", ops / t))
elseif role == "conn" then
  local secs = tonumber(arg[2])
  local server = check(socket.bind("127.0.0.1", 0))
  local _, port = server:getsockname()
  local ops, t = timed(secs, function()
    local c = check(socket.connect("127.0.0.1", port))
    local a = check(server:accept())
    a:close(); c:close()
  end)
  server:close()
  print(string.format("%.1f", ops / t))
elseif role == "loop" then
  local total = tonumber(arg[2])
  local server = check(socket.bind("127.0.0.1", 0))
  local _, port = server:getsockname()
  local sender = check(socket.connect("127.0.0.1", port))
  local receiver = check(server:accept())
  sender:settimeout(0); receiver:settimeout(0)
  local data = string.rep("x", 65536)
  local reading, writing = {receiver}, {sender}
  -- One transfer of n bytes, as the JVM subjects' EventLoop.transfer does it.
  local function transfer(n)
    local sent, got, at = 0, 0, 1
    while got < n do
      local r, w, err = socket.select(reading, sent < n and writing or nil, 1)
      if w[1] then
        local last_ok, e, last = sender:send(data, at, math.min(#data, at - 1 + (n - sent)))
        last = last_ok or last
        if not last_ok and e ~= "timeout" then check(nil, e) end
        sent = sent + last - at + 1
        at = last >= #data and 1 or last + 1
      end
      if r[1] then
        local d, e, partial = receiver:receive(65536)
        if not d and e ~= "timeout" then check(nil, e) end
        got = got + #(d or partial)
      end
      if err == "timeout" then check(nil, "the event loop stalled") end
    end
  end
  transfer(1 << 20) -- warm-up
  local t0 = socket.gettime()
  local done = 0
  while done < total do transfer(1 << 20); done = done + (1 << 20) end
  local t = socket.gettime() - t0
  sender:close(); receiver:close(); server:close()
  print(string.format("%.1f", done / t))
else
  io.stderr:write("lbench: unknown role ", tostring(role), "\n"); os.exit(2)
end
