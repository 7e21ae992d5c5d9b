-- Sends a seeded random payload (arg[3] bytes, default 1 MiB) to an echo server at arg[1]:arg[2] in 64 KiB
-- pieces, reads each piece back, and prints the byte count and a checksum of what came back.
local socket = require "socket"
local host, port, size = arg[1], arg[2], tonumber(arg[3] or 1048576)
math.randomseed(42)
local parts = {}
for i = 1, size // 4 do parts[i] = string.pack("<I4", math.random(0, 0xffffffff)) end
local payload = table.concat(parts)
local c = assert(socket.connect(host, port))
c:settimeout(20)
local got = {}
local piece = 65536
for i = 1, #payload, piece do
  local chunk = payload:sub(i, i + piece - 1)
  assert(c:send(chunk))
  local back, err = c:receive(#chunk)
  assert(back, err)
  got[#got + 1] = back
end
c:close()
local back = table.concat(got)
local sum = 0
for i = 1, #back, 4 do sum = (sum * 31 + string.unpack("<I4", back, i)) & 0xffffffff end
print(#back, back == payload, string.format("%08x", sum))
