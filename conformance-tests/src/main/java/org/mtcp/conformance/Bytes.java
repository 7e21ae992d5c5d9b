package org.mtcp.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Byte-string helpers: tests speak in Latin-1 so that every char is one byte. */
public final class Bytes {
    private Bytes() {
    }

    /** The bytes of a Latin-1 string. */
    public static byte[] of(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A Latin-1 string of bytes (null stays null). */
    public static String str(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** {@code n} random bytes, every value possible. */
    public static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
