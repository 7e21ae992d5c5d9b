-- A small HTTP/1.1 server for the http_fetch.lua demo: a select-driven loop over settimeout(0) sockets, one
-- coroutine per connection. Serves GET / (a page) and POST /echo (the body back) and exits after N requests.
--   ./mtcp lua mtcp-lua/examples/http_server.lua [N] [PORT]     (also runs on lua5.4 with C LuaSocket)
-- Prints "listening on HOST PORT" once it accepts connections.
local socket = require "socket"
local limit, port = tonumber(arg[1]) or 1, tonumber(arg[2]) or 0
local server = assert(socket.bind("127.0.0.1", port))
server:settimeout(0)
print("listening on " .. table.concat({server:getsockname()}, " ", 1, 2))
io.stdout:flush()

local page = "<html><body><h1>mtcp</h1><p>served by http_server.lua</p></body></html>\n"
local waiting = {}          -- socket -> coroutine waiting until it can read
local served = 0

-- receive that yields while the socket has nothing yet (timeout 0 returns "timeout" and the partial data)
local function receive(sock, pattern)
  local got = ""
  while true do
    local data, err, partial = sock:receive(pattern, got)
    if data then return data end
    if err ~= "timeout" then return nil, err end
    got = partial
    coroutine.yield()
  end
end

local function handle(sock)
  local request = receive(sock, "*l")
  if not request then return sock:close() end
  local length = 0
  while true do
    local header = receive(sock, "*l")
    if not header or header == "" then break end
    local n = header:lower():match("^content%-length:%s*(%d+)")
    if n then length = tonumber(n) end
  end
  local method, path = request:match("^(%u+) (%S+)")
  local body, status, kind = page, "200 OK", "text/html"
  if method == "POST" and path == "/echo" then
    body, kind = length > 0 and receive(sock, length) or "", "text/plain"
  elseif method ~= "GET" or path ~= "/" then
    body, status, kind = "not found\n", "404 Not Found", "text/plain"
  end
  sock:settimeout(5)  -- the answer is small: send it whole
  sock:send("HTTP/1.1 " .. status .. "\r\nContent-Type: " .. kind .. "\r\nContent-Length: " .. #body
    .. "\r\nConnection: close\r\n\r\n" .. body)
  sock:close()
  served = served + 1
end

while served < limit do
  local readers = {server}
  for sock in pairs(waiting) do readers[#readers + 1] = sock end
  local ready = socket.select(readers, nil, 10)
  if #ready == 0 then break end  -- idle for 10 s: give up
  for _, sock in ipairs(ready) do
    if sock == server then
      local client = server:accept()
      if client then
        client:settimeout(0)
        waiting[client] = coroutine.create(handle)
        ready[#ready + 1] = client  -- it may already have data
      end
    elseif waiting[sock] then
      local co = waiting[sock]
      assert(coroutine.resume(co, sock))
      if coroutine.status(co) == "dead" then waiting[sock] = nil end
    end
  end
end
server:close()
