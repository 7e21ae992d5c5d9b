-- package.path/cpath and the searchers as the stand-alone lua5.4 has them (Debian's build, which adds
-- /usr/share/lua/5.4 and the multiarch C directory to Lua's defaults), and the loading of C modules.
-- J (PackageFunctions.java): getenv(name) from the session's environment (empty for lua5.4 -E), lualib()
-- (the path of the Lua shared library LuaJava loaded, or nil), multiarch() ("x86_64-linux-gnu", or nil).
-- 'builtin' is our own socket module's loader: it is found after the path, so a LuaSocket distribution's
-- socket.lua (which runs on our socket.core) is used where it is installed, and ours where it is not.
local J, H, builtin = ...
local find, sub, gsub, format = string.find, string.sub, string.gsub, string.format
local type, pcall, error, tostring = type, pcall, error, tostring

local V = "5.4"
local arch = J.multiarch()
local multi = arch and ("/usr/lib/" .. arch .. "/lua/" .. V .. "/?.so;") or ""
local PATH = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;"
  .. "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;"
  .. "/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua"
local CPATH = "/usr/local/lib/lua/5.4/?.so;" .. multi .. "/usr/lib/lua/5.4/?.so;"
  .. "/usr/local/lib/lua/5.4/loadall.so;./?.so"

-- loadlib.c's setpath: LUA_PATH_5_4, else LUA_PATH; its first ";;" stands for the default.
local function setpath(field, envname, default)
  local path = J.getenv(envname .. "_5_4") or J.getenv(envname)
  if path == nil then
    package[field] = default
    return
  end
  local at = find(path, ";;", 1, true)
  if not at then
    package[field] = path
    return
  end
  local prefix, suffix = sub(path, 1, at - 1), sub(path, at + 2)
  package[field] = (prefix ~= "" and prefix .. ";" or "") .. default .. (suffix ~= "" and ";" .. suffix or "")
end
setpath("path", "LUA_PATH", PATH)
setpath("cpath", "LUA_CPATH", CPATH)

-- C modules need the Lua API's symbols: LuaJava loads its library privately (RTLD_LOCAL), so it is linked
-- again with its symbols made global (package.loadlib's "*" is dlopen with RTLD_GLOBAL). Where that is not
-- possible, a C module that fails to load says why.
local lib = J.lualib()
local global, why = false, "the Lua library LuaJava loaded was not found in this process"
if lib then
  local ok, err = package.loadlib(lib, "*")
  global = ok and true or false
  if not global then why = "linking " .. lib .. " globally failed: " .. tostring(err) end
end

local searchers = package.searchers
if not global then
  local function explain(searcher)
    return function(name)
      local ok, a, b = pcall(searcher, name)
      if ok then return a, b end
      error(tostring(a) .. "\n\t(mtcp lua cannot load C modules here: " .. why .. ")", 0)
    end
  end
  searchers[3] = explain(searchers[3])
  searchers[4] = explain(searchers[4])
end

-- After the four standard searchers: our own modules that a path may override.
searchers[#searchers + 1] = function(name)
  if name == "socket" then return builtin, ":mtcp-lua:socket" end
  return nil -- lua5.4's "module not found" message stays as it is
end
