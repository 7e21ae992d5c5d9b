-- The parts of LuaSocket's socket module that C LuaSocket writes in Lua (socket.lua) and that the loader of
-- socket.lua here does not already add: LTN12 sinks and sources over TCP objects (socket.sink, socket.source,
-- their tables socket.sinkt/socket.sourcet, socket.BLOCKSIZE), and socket.core's remaining constants.
-- Written for this runtime from LuaSocket's documented behaviour. Returns the socket module's loader,
-- wrapping the one socket.lua returned.
local J, H, load_socket = ...
local setmetatable, min = setmetatable, math.min

local core = package.preload["socket.core"]()
core._DATAGRAMSIZE = 8192
-- socket.core's __unload: nothing to release here (the session closes what scripts leave open).
core.__unload = H.export({f = function() end}, 0).f

-- A sink or source is also selectable: select() asks it for getfd and dirty, which its socket answers.
local function selectable(sock, pump)
  local object = {}
  function object.getfd() return sock:getfd() end
  function object.dirty() return sock:dirty() end
  return setmetatable(object, {__call = pump})
end

local function add_ltn12(socket)
  socket.BLOCKSIZE = 2048

  -- Sinks: every chunk is sent; the end of the stream (nil) closes the socket or leaves it open.
  local sinkt = {}
  sinkt["keep-open"] = function(sock)
    return selectable(sock, function(_, chunk)
      if not chunk then return 1 end
      return sock:send(chunk)
    end)
  end
  sinkt["close-when-done"] = function(sock)
    return selectable(sock, function(_, chunk)
      if not chunk then
        sock:close()
        return 1
      end
      return sock:send(chunk)
    end)
  end
  sinkt.default = sinkt["keep-open"]

  -- Sources: blocks of at most socket.BLOCKSIZE bytes, read when called; nil at the end.
  local sourcet = {}
  sourcet["by-length"] = function(sock, length)
    return selectable(sock, function()
      if length <= 0 then return nil end
      local chunk, err = sock:receive(min(socket.BLOCKSIZE, length))
      if err then return nil, err end
      length = length - #chunk
      return chunk
    end)
  end
  sourcet["until-closed"] = function(sock)
    local finished = false
    return selectable(sock, function()
      if finished then return nil end
      local chunk, err, partial = sock:receive(socket.BLOCKSIZE)
      if err == nil then return chunk end
      if err ~= "closed" then return nil, err end
      -- The peer closed: what arrived before is the last chunk.
      sock:close()
      finished = true
      return partial
    end)
  end
  sourcet.default = sourcet["until-closed"]

  socket.sinkt, socket.sourcet = sinkt, sourcet
  socket.sink = socket.choose(sinkt)
  socket.source = socket.choose(sourcet)
  return socket
end

return function(...)
  return add_ltn12(load_socket(...))
end
