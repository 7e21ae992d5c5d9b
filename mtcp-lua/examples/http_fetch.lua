-- Fetches a page with LuaSocket's socket.http into an ltn12 sink, posts a base64-encoded body (mime) from an
-- ltn12 source, and prints what came back. Needs LuaSocket's Lua modules (Debian: lua-socket).
--   ./mtcp lua mtcp-lua/examples/http_server.lua 2 &          # prints: listening on 127.0.0.1 PORT
--   ./mtcp lua mtcp-lua/examples/http_fetch.lua http://127.0.0.1:PORT
-- The same script runs unchanged on lua5.4 with C LuaSocket.
local http = require "socket.http"
local ltn12 = require "ltn12"
local mime = require "mime"
local base = arg[1] or error("usage: http_fetch.lua http://HOST:PORT")

local parts = {}
local ok, code, headers = http.request {url = base .. "/", sink = ltn12.sink.table(parts)}
if not ok then error("GET failed: " .. tostring(code)) end
print("GET " .. base .. "/ -> " .. code .. " " .. tostring(headers["content-type"]))
io.write(table.concat(parts))

local text = "hello from " .. (package.loaded["mtcp"] and "mtcp" or _VERSION) .. " over socket.http"
local encoded = mime.b64(text)
local echoed = {}
ok, code = http.request {
  url = base .. "/echo", method = "POST",
  source = ltn12.source.chain(ltn12.source.string(text), mime.encode("base64")),
  headers = {["content-length"] = #encoded, ["content-type"] = "text/plain"},
  sink = ltn12.sink.table(echoed),
}
if not ok then error("POST failed: " .. tostring(code)) end
print("POST " .. base .. "/echo -> " .. code .. " " .. table.concat(echoed) .. " = " .. (mime.unb64(table.concat(echoed))))
