package org.mtcp.lua;

import org.mtcp.LuaTyped;

/**
 * A Lua value the Java API has no type for (function, thread, userdata, or a table nested in one it
 * reads): only its type name travels, so the API's type errors name it as Lua does.
 */
record LuaOpaque(String luaTypeName) implements LuaTyped {
}
