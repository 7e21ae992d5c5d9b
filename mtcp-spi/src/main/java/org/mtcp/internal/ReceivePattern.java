package org.mtcp.internal;

import org.mtcp.LuaError;

/**
 * A receive pattern as LuaSocket reads its argument (behaviour.md b): a number, or a string Lua reads as
 * a number, is a byte count (truncated; negative or NaN raises); otherwise a string whose first two
 * characters are {@code *l} (also the default) or {@code *a}; anything else raises
 * {@code invalid receive pattern}, and a non-string {@code string expected, got T}.
 *
 * @param kind line, all or count
 * @param count the byte count for {@link Kind#COUNT}
 */
public record ReceivePattern(Kind kind, long count) {
    /** The three ways of reading. */
    public enum Kind { LINE, ALL, COUNT }

    /** {@code "*l"}. */
    public static final ReceivePattern LINE = new ReceivePattern(Kind.LINE, 0);
    /** {@code "*a"}. */
    public static final ReceivePattern ALL = new ReceivePattern(Kind.ALL, 0);

    /** A fixed count; raises for a negative or NaN count, as LuaSocket does. */
    public static ReceivePattern count(double n) {
        if (!(n >= 0)) {
            throw LuaError.badArgument(1, "receive", "invalid receive pattern");
        }
        return new ReceivePattern(Kind.COUNT, (long) n);
    }

    /** Reads a Lua-typed pattern argument: null, a Number, a String or byte[]. */
    public static ReceivePattern parse(Object pattern) {
        if (pattern == null) {
            return LINE;
        }
        // The usual "*l" / "*a" without the number conversion: a string starting with '*' is never a number.
        if (pattern instanceof String && ((String) pattern).length() >= 2 && ((String) pattern).charAt(0) == '*') {
            char c = ((String) pattern).charAt(1);
            if (c == 'l') {
                return LINE;
            }
            if (c == 'a') {
                return ALL;
            }
        }
        Double n = LuaValues.toNumber(pattern);
        if (n != null) {
            return count(n);
        }
        String p = LuaValues.toText(pattern);
        if (p == null) {
            throw LuaError.typeError(1, "receive", "string", pattern);
        }
        if (p.length() >= 2 && p.charAt(0) == '*') {
            if (p.charAt(1) == 'l') {
                return LINE;
            }
            if (p.charAt(1) == 'a') {
                return ALL;
            }
        }
        throw LuaError.badArgument(1, "receive", "invalid receive pattern");
    }
}
