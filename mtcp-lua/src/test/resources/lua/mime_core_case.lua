-- One differential case for mime.core: every function on the inputs given as hex strings (a, b, marker) and
-- numbers (left, length, ctx, state); prints each result as its type and value (strings in hex), so C
-- LuaSocket's mime.core and ours can be compared byte for byte.
local mime = require "mime.core"
local ahex, bhex, mhex, left, length, ctx, state = ...
local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
local a, b, marker = unhex(ahex), unhex(bhex), unhex(mhex)
left, length, ctx, state = tonumber(left), tonumber(length), math.tointeger(tonumber(ctx)), tonumber(state)
local out = {}
local function show(name, ...)
  local parts = {name, select("#", ...)}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if type(v) == "string" then
      parts[#parts + 1] = "s:" .. v:gsub(".", function(c) return string.format("%02x", c:byte()) end)
    elseif type(v) == "number" then
      parts[#parts + 1] = math.type(v) .. ":" .. tostring(v)
    else
      parts[#parts + 1] = tostring(v)
    end
  end
  out[#out + 1] = table.concat(parts, " ")
end
for _, f in ipairs({"b64", "unb64", "unqp"}) do
  show(f .. "(a)", mime[f](a))
  show(f .. "(a,b)", mime[f](a, b))
  show(f .. "(nil)", mime[f](nil))
end
show("qp(a)", mime.qp(a))
show("qp(a,b)", mime.qp(a, b))
show("qp(a,nil,m)", mime.qp(a, nil, marker))
show("qp(a,b,m)", mime.qp(a, b, marker))
show("qp(b64(a))", mime.qp((mime.b64(a)), nil, "=0D=0A"))
show("unqp(qp(a))", mime.unqp((mime.qp(a))))
show("unb64(b64(a))", mime.unb64((mime.b64(a))))
show("wrp", mime.wrp(left, a, length))
show("wrp(def)", mime.wrp(left, a))
show("wrp(nil)", mime.wrp(left, nil, length))
show("qpwrp", mime.qpwrp(left, a, length))
show("qpwrp(nil)", mime.qpwrp(left, nil, length))
show("eol", mime.eol(ctx, a, marker))
show("eol(def)", mime.eol(ctx, a))
show("eol(nil)", mime.eol(ctx, nil))
show("dot", mime.dot(state, a))
show("dot(nil)", mime.dot(state, nil))
for _, bad in ipairs({{"b64", {}}, {"wrp", "x"}, {"eol", 1.5}, {"dot"}, {"qp", "a", "b", {}}}) do
  show("error " .. bad[1], pcall(mime[bad[1]], table.unpack(bad, 2)))
end
print(table.concat(out, "\n"))
