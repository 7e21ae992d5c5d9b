package org.mtcp;

/**
 * A value handed over by a Lua binding that has no Java counterpart (a function, a thread, a userdata):
 * it names its own Lua type, so the API's type errors say {@code got function} as Lua would.
 */
public interface LuaTyped {
    /** The Lua type name, as {@code luaL_typename} gives it ({@code function}, {@code thread}, ...). */
    String luaTypeName();
}
