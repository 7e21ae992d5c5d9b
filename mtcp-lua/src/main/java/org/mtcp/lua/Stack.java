package org.mtcp.lua;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.mtcp.LuaError;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua54.Lua54Natives;

/**
 * Moving values between the Lua stack and Java, byte-exact: Lua strings travel as byte buffers (LuaJava's
 * {@code String} conversion is not binary-safe), integers with {@code push(long)} and floats with
 * {@code push(Number)} so each value keeps the Lua 5.4 subtype the C modules give it.
 */
final class Stack {
    private Stack() {
    }

    /** The Lua string at {@code idx} as its bytes. */
    static byte[] bytes(Lua L, int idx) {
        ByteBuffer b = L.toBuffer(idx);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** The Lua string at {@code idx} as text (UTF-8). */
    static String text(Lua L, int idx) {
        return new String(bytes(L, idx), StandardCharsets.UTF_8);
    }

    /** The Lua string at {@code idx}, or null when that slot is nil or absent. */
    static String optText(Lua L, int idx) {
        return L.isNoneOrNil(idx) ? null : text(L, idx);
    }

    /** Pushes bytes as a Lua string (LuaJava copies from a direct buffer). */
    static void push(Lua L, byte[] a) {
        ByteBuffer b = ByteBuffer.allocateDirect(a.length);
        b.put(a).flip();
        L.push(b);
    }

    /** Pushes text as a Lua string (UTF-8 bytes). */
    static void push(Lua L, String s) {
        push(L, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes a Lua float ({@code lua_pushnumber}). */
    static void pushFloat(Lua L, double d) {
        L.push((Number) Double.valueOf(d));
    }

    /** A descriptor from a Lua integer: values outside int range name no descriptor (-1). */
    static int fd(long v) {
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** The body of a Java function called from Lua; returns the number of results it pushed. */
    interface Body {
        int call(Lua L) throws Exception;
    }

    /**
     * A function the Lua glue can call. A {@link LuaError} becomes a Lua error with the C module's text,
     * positioned as {@code luaL_error} positions it; anything else is a Lua error carrying the Java
     * exception's text, never an escaping Java exception.
     */
    static JFunction fn(Body body) {
        return L -> {
            try {
                return body.call(L);
            } catch (LuaError e) {
                // luaL_error's position: the Lua code that called the API function. Levels from here: 0 this
                // function, 1 the Lua glue, 2 the API function (a Trampoline), 3 its caller.
                L.setTop(0);
                ((Lua54Natives) L.getLuaNatives()).luaL_where(L.getPointer(), 3);
                push(L, e.getMessage());
                L.concat(2);
                return -1;
            } catch (Exception | LinkageError | AssertionError e) {
                L.setTop(0);
                push(L, e.toString());
                return -1;
            }
        };
    }
}
