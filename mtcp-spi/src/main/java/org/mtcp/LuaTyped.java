package org.mtcp;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A value handed over by a Lua binding that has no Java counterpart (a function, a thread, a userdata):
 * it names its own Lua type, so the API's type errors say {@code got function} as Lua would.
 */
// Implemented by users of the API (a Lua binding, a caller's own selectable): a new method breaks them.
@ConsumerType
public interface LuaTyped {
    /** The Lua type name, as {@code luaL_typename} gives it ({@code function}, {@code thread}, ...). */
    String luaTypeName();
}
