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

    private final int argument;
    private final String function;
    private final String detail;

    /** An error with exactly this message (not tied to an argument). */
    public LuaError(String message) {
        this(message, 0, null, message);
    }

    private LuaError(String message, int argument, String function, String detail) {
        super(message);
        this.argument = argument;
        this.function = function;
        this.detail = detail;
    }

    /** {@code bad argument #n to 'function' (detail)}, as {@code luaL_argerror} words it. */
    public static LuaError badArgument(int n, String function, String detail) {
        return new LuaError("bad argument #" + n + " to '" + function + "' (" + detail + ")", n, function, detail);
    }

    /**
     * The argument the error is about, counted as in method-call syntax (self not counted), or 0 when
     * it is not an argument error. A binding re-raises it with its own numbering and position.
     */
    public int argument() {
        return argument;
    }

    /** The function named in an argument error, or null. */
    public String function() {
        return function;
    }

    /** The text inside the parentheses of an argument error ({@code invalid receive pattern}), else the message. */
    public String detail() {
        return detail;
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
     * {@code table} for maps, lists and arrays, a {@link LuaTyped} value's own name, {@code userdata}
     * otherwise.
     */
    public static String luaTypeName(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof LuaTyped) {
            return ((LuaTyped) v).luaTypeName();
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
