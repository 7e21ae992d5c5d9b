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

    /**
     * A Lua argument as the Java API's {@code Object} parameters take it: null for nil or none, Boolean,
     * Long for integers and Double for floats (the subtype kept), byte[] for strings (binary-safe), a
     * {@link LuaTableView} for a table, and a {@link LuaOpaque} naming any other type.
     */
    static Object value(Lua L, int idx) {
        switch (L.type(idx)) {
            case NONE:
            case NIL:
                return null;
            case BOOLEAN:
                return L.toBoolean(idx);
            case NUMBER:
                return L.isInteger(idx) ? (Object) L.toInteger(idx) : (Object) L.toNumber(idx);
            case STRING:
                return bytes(L, idx);
            case TABLE:
                return new LuaTableView(L, idx < 0 ? L.getTop() + idx + 1 : idx);
            case FUNCTION:
                return new LuaOpaque("function");
            case THREAD:
                return new LuaOpaque("thread");
            default:
                return new LuaOpaque("userdata");
        }
    }

    /** A descriptor from a Lua integer: values outside int range name no descriptor (-1). */
    static int fd(long v) {
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** The body of a Java function called from Lua; returns the number of results it pushed. */
    interface Body {
        int call(Lua L) throws Exception;
    }

    /** Registry field holding auxlib.lua's {@code reraise(argument, detail, message)}. */
    static final String RERAISE = "org.mtcp.lua.reraise";

    /**
     * A function the Lua glue can call. A {@link LuaError} from the Java API becomes the Lua error the C
     * module raises: auxlib.lua's {@code reraise} numbers the argument and names and positions the message
     * as {@code luaL_argerror}/{@code luaL_error} would for the API function. A {@link LuaRaised} re-raises
     * its Lua error value; anything else is a Lua error carrying the Java exception's text, never an
     * escaping Java exception.
     */
    static JFunction fn(Body body) {
        return L -> {
            SessionLua.watch(L);
            try {
                return body.call(L);
            } catch (LuaError e) {
                L.setTop(0);
                L.getRegisteredMetatable(RERAISE);
                L.push((long) e.argument());
                push(L, e.detail());
                push(L, e.getMessage());
                // reraise always raises: its message is left on top for LuaJava to raise.
                ((Lua54Natives) L.getLuaNatives()).lua_pcall(L.getPointer(), 3, 0, 0);
                return -1;
            } catch (LuaRaised e) {
                L.setTop(0);
                e.push(L);
                return -1;
            } catch (Exception | LinkageError | AssertionError e) {
                L.setTop(0);
                push(L, e.toString());
                return -1;
            }
        };
    }
}
