package org.mtcp.cli.echo;

import java.util.Random;

/** Test data for round trips, and the byte-for-byte check of what came back. */
public final class Payloads {
    /** The smallest payload: it must hold every byte value once. */
    public static final int MIN_SIZE = 256;

    private Payloads() {
    }

    /** {@code size} (≥ 256) random bytes in which every value 0..255 occurs at least once. */
    public static byte[] random(int size, Random rnd) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("a payload needs at least " + MIN_SIZE + " bytes: " + size);
        }
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        for (int v = 0; v < 256; v++) {
            b[v] = (byte) v;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return b;
    }

    /** Null when {@code got} equals {@code sent}; otherwise where and how they first differ. */
    public static String difference(byte[] sent, byte[] got) {
        int n = Math.min(sent.length, got.length);
        for (int i = 0; i < n; i++) {
            if (sent[i] != got[i]) {
                return String.format("echo differs at byte %d of %d: sent 0x%02x, got 0x%02x", i, sent.length,
                        sent[i] & 0xff, got[i] & 0xff);
            }
        }
        if (sent.length != got.length) {
            return "echo has " + got.length + " bytes, sent " + sent.length;
        }
        return null;
    }
}
