-- Keeps coroutines collectable although LuaJava records registry[thread] = id for every coroutine that calls
-- a Java function (see SessionLua.java): the registry gets weak keys, and each such coroutine is watched by
-- a sentinel whose finalizer tells Java (J.forget) to drop its Java object while the coroutine is still
-- alive (the sentinel refers to it, which keeps it for that one cycle).
local J = ...
local setmetatable, debug = setmetatable, debug
local registry = debug.getregistry()
setmetatable(registry, {__mode = "k"})
registry["org.mtcp.lua.anchors"] = {}          -- threads created from Java: kept until Java closes them
local forget = J.forget
local watched = setmetatable({}, {__mode = "k"})  -- coroutine -> sentinel (an ephemeron: no strong path)
local sentinel = {__gc = function(s) forget(s[2]) end}
registry["org.mtcp.lua.watch"] = function(co, id)
  watched[co] = setmetatable({co, id}, sentinel)
end
