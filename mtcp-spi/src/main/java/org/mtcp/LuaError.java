package org.mtcp;

/**
 * A Lua error that the C module would have <em>raised</em> (a programming error: a bad argument, a
 * method called in the wrong state, an invalid pattern, mode or option). The message contains the C
 * module's own text, e.g. {@code bad argument #1 to 'receive' (invalid receive pattern)} or
 * {@code calling 'send' on bad self (tcp{client} expected)}.
 *
 * <p>Failures the C module <em>returns</em> as {@code nil, msg} are never exceptions: they are
 * {@link Result} values.
 */
public final class LuaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with exactly this message. */
    public LuaError(String message) {
        super(message);
    }

    /** {@code bad argument #n to 'function' (detail)}, as {@code luaL_argerror} words it. */
    public static LuaError badArgument(int n, String function, String detail) {
        return new LuaError("bad argument #" + n + " to '" + function + "' (" + detail + ")");
    }

    /** {@code bad argument #n to 'function' (T expected, got U)}, as {@code luaL_typeerror} words it. */
    public static LuaError typeError(int n, String function, String expected, Object got) {
        return badArgument(n, function, expected + " expected, got " + luaTypeName(got));
    }

    /** {@code calling 'method' on bad self (class expected)}: a method called on an object of the wrong class. */
    public static LuaError badSelf(String method, String expectedClass) {
        return new LuaError("calling '" + method + "' on bad self (" + expectedClass + " expected)");
    }

    /**
     * The Lua type name a Java value stands for: {@code nil} for null (Lua says "no value" for a missing
     * argument; the Java API has no missing arguments), {@code number}, {@code string}, {@code boolean},
     * {@code table} for maps, lists and arrays, {@code userdata} otherwise.
     */
    public static String luaTypeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof CharSequence || v instanceof byte[]) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof java.util.Map || v instanceof java.util.Collection || v.getClass().isArray()) {
            return "table";
        }
        return "userdata";
    }
}
