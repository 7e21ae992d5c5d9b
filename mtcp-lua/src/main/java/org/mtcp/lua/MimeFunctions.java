package org.mtcp.lua;

import party.iroiro.luajava.Lua;

/**
 * The Java half of {@code mime.core}: the glue ({@code mime.lua} in this package) checks the Lua arguments as
 * the C module's {@code luaL_check*}/{@code luaL_opt*} calls do and passes strings (or nil) and numbers here;
 * {@link MimeCore} computes, and the two results are pushed with the C module's types (strings, nil, floats).
 */
final class MimeFunctions {
    private MimeFunctions() {
    }

    static Functions functions() {
        return new Functions()
                .add("version", L -> {
                    L.push(MimeCore.VERSION);
                    return 1;
                })
                .add("b64", L -> two(L, MimeCore.b64(opt(L, 1), opt(L, 2))))
                .add("unb64", L -> two(L, MimeCore.unb64(opt(L, 1), opt(L, 2))))
                .add("qp", L -> two(L, MimeCore.qp(opt(L, 1), opt(L, 2), opt(L, 3))))
                .add("unqp", L -> two(L, MimeCore.unqp(opt(L, 1), opt(L, 2))))
                .add("wrp", L -> two(L, MimeCore.wrp(L.toNumber(1), opt(L, 2), L.toNumber(3))))
                .add("qpwrp", L -> two(L, MimeCore.qpwrp(L.toNumber(1), opt(L, 2), L.toNumber(3))))
                .add("eol", L -> two(L, MimeCore.eol(L.toInteger(1), opt(L, 2), opt(L, 3))))
                .add("dot", L -> two(L, MimeCore.dot(L.toNumber(1), opt(L, 2))));
    }

    private static byte[] opt(Lua L, int idx) {
        return L.isNoneOrNil(idx) ? null : Stack.bytes(L, idx);
    }

    private static int two(Lua L, Object[] r) {
        for (Object v : r) {
            if (v == null) {
                L.pushNil();
            } else if (v instanceof byte[]) {
                Stack.push(L, (byte[]) v);
            } else {
                Stack.pushFloat(L, (Double) v);
            }
        }
        return r.length;
    }
}
