-- mtcp: integers everywhere, raw sockaddr strings, read/write semantics, raised and returned errors.
local mtcp = require "mtcp"
local function show(...)
  local t = table.pack(...)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "number" then out[i] = math.type(v) .. ":" .. tostring(v)
    elseif type(v) == "string" and (#v > 200 or v:find("[^\32-\126]")) then out[i] = "string#" .. #v
    else out[i] = tostring(v) end
  end
  print(table.concat(out, " | "))
end
local function try(f, ...) show(pcall(f, ...)) end

show(mtcp.VERSION, mtcp.BUFSIZE)
local sfd, saddr = mtcp.bind("127.0.0.1", "0")
show(math.type(sfd), #saddr, string.unpack("<H>HBBBB", saddr))
local raw = mtcp.getsockname(sfd)
local fam, port = string.unpack("<H>H", raw)
show(fam, port > 0, #raw)
local cfd, caddr = mtcp.connect("127.0.0.1", port)
show(math.type(cfd), caddr == raw)
local afd, peer = mtcp.accept(sfd)
show(math.type(afd), #peer, peer == mtcp.getsockname(cfd), mtcp.getpeername(cfd) == raw)

-- write index rules on "abcdef"
show(mtcp.write(cfd, "abcdef", 3))
show(mtcp.write(cfd, "abcdef", 2, 2))
show(mtcp.write(cfd, "abcdef", 5, 100))
show(mtcp.write(cfd, "abcdef", 6))
show(mtcp.write(cfd, 12345))
show(mtcp.read(afd, 100, 1000))
try(mtcp.write, cfd, "abcdef", 7)
try(mtcp.write, cfd, "", 1)
try(mtcp.write, cfd, "abc", -1)
try(mtcp.write, cfd, "abc", 2.5)
try(function() return mtcp.write(cfd, "abc", 1, "x") end)

-- read: chunks of 1024, short chunk ends it, timeouts
show(mtcp.write(cfd, string.rep("x", 3000)))
mtcp.msleep(50)
show(mtcp.read(afd, 100, 1000))
show(mtcp.read(afd, 5000, 1000))
show(mtcp.read(afd, 10, 50))
show(mtcp.read(afd, 10, 0))
try(mtcp.read, "x")
show(mtcp.read("9999", 1, 0))
try(mtcp.read, afd, 1.5)
show(mtcp.write(cfd, "tail"))
show(mtcp.close(cfd))
show(mtcp.read(afd, 100, 1000))
show(mtcp.read(afd, 100, 1000))
show(mtcp.close(cfd))
show(mtcp.getpeername(sfd))
show(mtcp.getsockname(cfd))
show(mtcp.accept(cfd))
-- name functions
local list = mtcp.getaddrinfo("127.0.0.1")
show(#list, #list[1], string.unpack("<H>HBBBB", list[1]))
list = mtcp.getaddrinfo("127.0.0.1", "http")
show(select(2, string.unpack("<H>H", list[1])))
show(mtcp.getaddrinfo("host.invalid"))
show(mtcp.getnameinfo(raw, true) == "127.0.0.1", math.type(select(2, mtcp.getnameinfo(raw, 0))))
show(mtcp.getnameinfo("xx", true))
show(mtcp.msleep(10), mtcp.msleep(1.0))
show(mtcp.msleep(-1))
try(mtcp.msleep, 1.5)
try(mtcp.bind)
try(function() return mtcp.connect("127.0.0.1") end)
-- The descriptor's number is the transport's (a kernel fd for ffm): only its type is checked.
local cfd, caddr = mtcp.connect("127.0.0.1", port)
show(math.type(cfd), caddr)
mtcp.close(afd)
mtcp.close(sfd)
show(mtcp.connect("127.0.0.1", port))
print("done")
