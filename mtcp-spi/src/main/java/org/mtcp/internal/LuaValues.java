package org.mtcp.internal;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.mtcp.LuaError;

/**
 * Lua's coercions, for the API methods that take a Lua-typed value ({@code Object}): numbers from numeric
 * strings ({@code tonumber}), strings from numbers ({@code tostring}), and truthiness.
 */
public final class LuaValues {
    /** A decimal number's body (after the sign): compiled once, not on every conversion. */
    private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private LuaValues() {
    }

    /** Lua's {@code lua_isnumber}+{@code lua_tonumber}: a Number, or a string Lua reads as one; else null. */
    public static Double toNumber(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof CharSequence) {
            return parseNumber(v.toString());
        }
        if (v instanceof byte[]) {
            return parseNumber(new String((byte[]) v, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    /** Lua's string-to-number conversion (decimal or hex integers, decimal floats; no inf/nan words). */
    static Double parseNumber(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 200) {
            return null;
        }
        boolean negative = false;
        String body = t;
        if (body.startsWith("-") || body.startsWith("+")) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        if (body.startsWith("0x") || body.startsWith("0X")) {
            String hex = body.substring(2);
            if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            long v = 0;
            for (int i = 0; i < hex.length(); i++) {
                v = v * 16 + Character.digit(hex.charAt(i), 16); // wraps around like Lua's integers
            }
            return (double) (negative ? -v : v);
        }
        if (!DECIMAL.matcher(body).matches()) {
            return null;
        }
        double d = new BigDecimal(body).doubleValue();
        return negative ? -d : d;
    }

    /** A number argument as a Lua library function checks it: raises "number expected, got T". */
    public static double checkNumber(Object v, int arg, String function) {
        Double d = toNumber(v);
        if (d == null) {
            throw LuaError.typeError(arg, function, "number", v);
        }
        return d;
    }

    /** A string argument as {@code luaL_checklstring} takes it: strings as they are, numbers via tostring. */
    public static byte[] checkString(Object v, int arg, String function) {
        byte[] b = toBytes(v);
        if (b == null) {
            throw LuaError.typeError(arg, function, "string", v);
        }
        return b;
    }

    /** A string or a number as bytes (UTF-8 for Java strings), or null for anything else. */
    public static byte[] toBytes(Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof CharSequence) {
            return v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Number) {
            return numberToString((Number) v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return null;
    }

    /** A string or a number as text, or null. */
    public static String toText(Object v) {
        if (v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof byte[]) {
            return new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Number) {
            return numberToString((Number) v);
        }
        return null;
    }

    /** A string argument as text: raises "string expected, got T". */
    public static String checkText(Object v, int arg, String function) {
        String s = toText(v);
        if (s == null) {
            throw LuaError.typeError(arg, function, "string", v);
        }
        return s;
    }

    /**
     * Lua 5.4's {@code tostring} for numbers: integers as digits, floats with {@code %.14g} and a
     * {@code .0} when they look integral ({@code 8080.0}).
     */
    public static String numberToString(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Long.toString(n.longValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return d != d && Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = String.format(java.util.Locale.ROOT, "%.14g", d);
        // %g keeps trailing zeros in Java; C's %g drops them.
        String mantissa = s;
        String exponent = "";
        int e = s.indexOf('e');
        if (e >= 0) {
            mantissa = s.substring(0, e);
            exponent = s.substring(e);
        }
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        if (!exponent.isEmpty()) {
            // C prints at least two exponent digits: e+100, e-05.
            char sign = exponent.charAt(1);
            String digits = exponent.substring(2).replaceFirst("^0+(?=\\d\\d)", "");
            exponent = "e" + sign + digits;
        }
        String out = mantissa + exponent;
        if (out.matches("-?\\d+")) {
            out += ".0";
        }
        return out;
    }

    /** Lua truthiness: only nil and false are false. */
    public static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }
}
