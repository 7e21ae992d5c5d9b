-- An uncaught error raised by a socket method deep in Lua code: message, traceback and status as lua5.4's.
local socket = require "socket"
print("before")
local function inner(s)
  return s:receive("x") and 1
end
local function outer()
  local s = socket.tcp()
  inner(s)
end
outer()
