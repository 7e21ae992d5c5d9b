package org.mtcp.lua;

import party.iroiro.luajava.Lua;

/**
 * A Lua error raised while Java code was reading a Lua value (an {@code __index} metamethod that fails,
 * say). The error value waits in the registry; {@link Stack#fn} raises it unchanged from the Java function.
 */
final class LuaRaised extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient int ref;

    /** Takes the error value on top of the stack. */
    LuaRaised(Lua L) {
        super("Lua error", null, false, false);
        this.ref = L.ref();
    }

    /** Pushes the error value (once). */
    void push(Lua L) {
        L.refGet(ref);
        L.unref(ref);
    }
}
