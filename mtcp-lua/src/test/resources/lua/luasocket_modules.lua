-- Checks of LuaSocket's Lua modules (socket.url, mime, ltn12, socket sinks and sources) written for this
-- suite in the style of LuaSocket's test/urltest.lua, mimetest.lua and ltn12test.lua, using the examples
-- of LuaSocket's reference manual. Runs on lua5.4 with C LuaSocket and on ./mtcp lua; prints one line per
-- check and "ok N" at the end (an assertion error otherwise).
local socket = require "socket"
local url = require "socket.url"
local mime = require "mime"
local ltn12 = require "ltn12"
local n = 0
local function check(name, got, want)
  n = n + 1
  if got ~= want then error(string.format("%s: got %q, want %q", name, tostring(got), tostring(want)), 2) end
  print(name, string.format("%q", tostring(got)))
end

-- socket.url: the manual's parse/build/absolute/escape examples and RFC 3986's reference resolution.
local parsed = url.parse("http://www.example.com/cgilua/index.lua?a=2#there")
check("parse.scheme", parsed.scheme, "http")
check("parse.host", parsed.host, "www.example.com")
check("parse.path", parsed.path, "/cgilua/index.lua")
check("parse.query", parsed.query, "a=2")
check("parse.fragment", parsed.fragment, "there")
parsed = url.parse("ftp://root:passwd@unsafe.org/pub/virus.exe;type=i")
check("parse.user", parsed.user, "root")
check("parse.password", parsed.password, "passwd")
check("parse.params", parsed.params, "type=i")
check("parse.authority", parsed.authority, "root:passwd@unsafe.org")
check("build", url.build({scheme = "http", host = "a.b", port = "8080", path = "/x y"}), "http://a.b:8080/x y")
check("build parse", url.build(url.parse("http://u:p@h:1/p;q?r#f")), "http://u:p@h:1/p;q?r#f")
check("absolute manual", url.absolute("http://www.example.com/dir/file.html", "../index.html"),
      "http://www.example.com/index.html")
local baseurl = "http://a/b/c/d;p?q"
-- (socket.url follows RFC 2396, where ";x" keeps the last segment's name: LuaSocket's own urltest agrees.)
for _, case in ipairs({{"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"}, {"g/", "http://a/b/c/g/"},
    {"/g", "http://a/g"}, {"//g", "http://g"}, {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
    {"#s", "http://a/b/c/d;p?q#s"}, {";x", "http://a/b/c/d;x"}, {"", "http://a/b/c/d;p?q"},
    {".", "http://a/b/c/"}, {"..", "http://a/b/"}, {"../g", "http://a/b/g"}, {"../..", "http://a/"},
    {"../../g", "http://a/g"}}) do
  check("absolute " .. case[1], url.absolute(baseurl, case[1]), case[2])
end
check("escape", url.escape("a + b = c/d?"), "a%20%2b%20b%20%3d%20c%2fd%3f")
check("unescape", url.unescape("a%20%2b%20b%20%3d%20c"), "a + b = c")
check("parse_path", table.concat(url.parse_path("/a/b%2fc/d"), "|"), "a|b/c|d")
check("build_path", url.build_path({"a", "b/c", "d"}), "a/b%2Fc/d")

-- mime: the manual's examples, and round trips through the filters.
check("b64 manual", (mime.b64("diego:password")), "ZGllZ286cGFzc3dvcmQ=")
check("unb64", (mime.unb64("ZGllZ286cGFzc3dvcmQ=")), "diego:password")
check("qp manual", (mime.qp("maçã")), "ma=C3=A7=C3=A3")
check("unqp", (mime.unqp("ma=C3=A7=C3=A3")), "maçã")
check("dot", (mime.dot(2, ".\r\nStuffing the message.\r\n.\r\n.")), "..\r\nStuffing the message.\r\n..\r\n..")
check("eol", (mime.eol(0, "a\nb\r\nc\rd\n\ne", "\r\n")), "a\r\nb\r\nc\r\nd\r\n\r\ne")
local a, b = mime.b64("abcd", "e")
check("b64 held", a .. "|" .. b, "YWJj|de")
check("b64 end", select("#", mime.b64(nil)), 2)
local function filtered(filter, s)
  local out = {}
  -- Chunks of 7 bytes exercise the bytes each filter step holds back for the next one.
  local pos = 1
  local function source()
    if pos > #s then return nil end
    local chunk = s:sub(pos, pos + 6)
    pos = pos + 7
    return chunk
  end
  ltn12.pump.all(ltn12.source.chain(source, filter), (ltn12.sink.table(out)))
  return table.concat(out)
end
local binary = {}
for i = 0, 255 do binary[#binary + 1] = string.char(i) end
binary = table.concat(binary):rep(7)
check("b64 filter round trip", filtered(mime.decode("base64"), filtered(mime.encode("base64"), binary)) == binary, true)
check("qp filter round trip", filtered(mime.decode("quoted-printable"),
      filtered(mime.encode("quoted-printable", "binary"), binary)) == binary, true)
local wrapped = filtered(ltn12.filter.chain(mime.encode("base64"), mime.wrap("base64")), binary)
local longest = 0
for line in wrapped:gmatch("([^\r\n]*)\r\n") do longest = math.max(longest, #line) end
check("wrap 76", longest, 76)
check("normalize", filtered(mime.normalize(), "a\rb\nc\r\nd"), "a\r\nb\r\nc\r\nd")
check("stuff", filtered(mime.stuff(), "\r\n.x"), "\r\n..x")

-- ltn12: sources, sinks, filters, pumps.
local out = {}
check("pump", ltn12.pump.all(ltn12.source.string("hello"), (ltn12.sink.table(out))), 1)
check("sink.table", table.concat(out), "hello")
out = {}
ltn12.pump.all(ltn12.source.cat(ltn12.source.string("a"), ltn12.source.empty(), ltn12.source.string("b")),
  (ltn12.sink.table(out)))
check("source.cat", table.concat(out), "ab")
local upper = ltn12.filter.cycle(function(ctx, chunk) return chunk and chunk:upper(), ctx end, 0)
out = {}
ltn12.pump.all(ltn12.source.chain(ltn12.source.string("abc"), upper), (ltn12.sink.table(out)))
check("filter.cycle", table.concat(out), "ABC")
local nul = ltn12.sink.null()
check("sink.null", nul("x"), 1)
local src = ltn12.source.error("broken")
check("source.error", select(2, src()), "broken")
out = {}
local s2 = ltn12.source.rewind(ltn12.source.string("xy"))
s2("pushed")
ltn12.pump.all(s2, (ltn12.sink.table(out)))
check("source.rewind", table.concat(out), "pushedxy")

-- socket sinks and sources over a loopback connection.
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local client = assert(socket.connect("127.0.0.1", port))
local peer = assert(server:accept())
local sink = socket.sink("close-when-done", client)
check("sink getfd", sink:getfd() == client:getfd(), true)
check("sink send", sink("0123456789"), 10)
check("sink end", sink(nil), 1)
out = {}
ltn12.pump.all(socket.source("by-length", peer, 4), (ltn12.sink.table(out)))
check("source by-length", table.concat(out), "0123")
out = {}
ltn12.pump.all(socket.source("until-closed", peer), (ltn12.sink.table(out)))
check("source until-closed", table.concat(out), "456789")
check("source closed peer", peer:getfd(), -1)
check("choose unknown", select(2, pcall(socket.sink, "nope", peer)):match("unknown key %(nope%)") ~= nil, true)
server:close()
check("try/protect", select(2, socket.protect(function() socket.try(nil, "failed") end)()), "failed")
check("newtry finalizer", (function()
  local cleaned = false
  local f = socket.protect(function() socket.newtry(function() cleaned = true end)(false, "x") end)
  local _, e = f()
  return tostring(cleaned) .. e
end)(), "truex")
check("protect rethrows", select(2, pcall(socket.protect(function() error("plain", 0) end))), "plain")
check("skip", select("#", socket.skip(1, "a", "b", "c")), 2)
check("BLOCKSIZE", socket.BLOCKSIZE, 2048)
print("ok " .. n)
