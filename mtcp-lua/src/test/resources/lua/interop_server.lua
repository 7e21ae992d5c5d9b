-- A LuaSocket echo server for one client: prints its port on the first line, echoes until the client closes.
local socket = require "socket"
local srv = assert(socket.bind("127.0.0.1", 0))
local _, port = srv:getsockname()
io.write(port, "\n")
io.stdout:flush()
srv:settimeout(20)
local c = assert(srv:accept())
c:settimeout(20)
while true do
  local data, err, partial = c:receive(8192)
  data = data or partial
  if data and #data > 0 then assert(c:send(data)) end
  if err == "closed" then break end
  assert(err == nil, err)
end
c:close()
srv:close()
