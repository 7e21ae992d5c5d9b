package org.mtcp.lua;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua54.Lua54Natives;

/**
 * Turns a Lua glue function into a C function that calls it. Every function a script can reach is such a
 * C function, as in the C modules, so Lua names it in messages exactly as it names a C function: also in
 * tail calls ({@code return sock:receive("x")} still reports {@code 'receive'}), where a Lua function would
 * be anonymous. The glue's error values pass through unchanged (strings, os.exit's marker, socket.try's
 * wrapped errors).
 */
final class Trampoline {
    private static final int LUA_MULTRET = -1;

    private Trampoline() {
    }

    /** {@code cwrap(f)}: the C function calling Lua function f with all its arguments, returning all its results. */
    static int cwrap(Lua L) {
        L.pushValue(1);
        int ref = L.ref();
        L.push(entry(ref));
        return 1;
    }

    private static JFunction entry(int ref) {
        return L -> {
            SessionLua.watch(L);
            int n = L.getTop();
            L.refGet(ref);
            L.insert(1);
            int status = ((Lua54Natives) L.getLuaNatives()).lua_pcall(L.getPointer(), n, LUA_MULTRET, 0);
            // On failure the error value is on top; LuaJava raises it when we return -1.
            return status == 0 ? L.getTop() : -1;
        };
    }
}
