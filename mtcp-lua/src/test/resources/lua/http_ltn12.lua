-- socket.http with ltn12 sources and sinks, and mime, against the HTTP server at arg[1] (host) arg[2] (port).
-- Prints what it got; the test compares it with what the server sent.
local socket = require "socket"
local http = require "socket.http"
local ltn12 = require "ltn12"
local mime = require "mime"
local base = "http://" .. arg[1] .. ":" .. arg[2]

-- GET into a table sink.
local parts = {}
local ok, code, headers, status = http.request {url = base .. "/page", sink = ltn12.sink.table(parts)}
print("GET", ok, code, status, headers["content-type"], #table.concat(parts))
print("body", table.concat(parts))

-- The simple interface.
local body, code2 = http.request(base .. "/page")
print("simple", code2, body == table.concat(parts))

-- POST from a string source through a base64 filter; the server echoes the body.
local payload = string.rep("mtcp over ltn12 ", 200)
local encoded = (mime.b64(payload))
local got = {}
ok, code = http.request {
  url = base .. "/echo", method = "POST",
  source = ltn12.source.chain(ltn12.source.string(payload), mime.encode("base64")),
  headers = {["content-length"] = #encoded, ["content-type"] = "text/plain"},
  sink = ltn12.sink.table(got),
}
local echoed = table.concat(got)
print("POST", ok, code, #echoed, echoed == encoded, (mime.unb64(echoed)) == payload)

-- The simple POST form (a string body).
local r, c = http.request(base .. "/echo", "a=1&b=2")
print("simple POST", c, r)

-- A 404 and a refused connection, as errors are returned.
local _, code404 = http.request(base .. "/missing")
print("404", code404)
local s = socket.bind("127.0.0.1", 0)
local _, freeport = s:getsockname()
s:close()
print("refused", http.request("http://127.0.0.1:" .. freeport .. "/"))
