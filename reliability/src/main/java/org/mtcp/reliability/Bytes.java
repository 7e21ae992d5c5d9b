package org.mtcp.reliability;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/** Random payloads and the checks that every byte arrived once, in order. */
public final class Bytes {
    private Bytes() {
    }

    /** {@code n} pseudo-random bytes from {@code seed} (the same seed gives the same bytes). */
    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** CRC-32C of a range. */
    public static long crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return c.getValue();
    }

    /**
     * Fails unless {@code got} is exactly {@code expected[0..len)}: same length and every byte in place, so
     * nothing was lost, duplicated or reordered. The message names the first difference and both checksums.
     */
    public static void checkPrefix(String what, byte[] expected, int len, byte[] got) {
        int diff = Arrays.mismatch(expected, 0, len, got, 0, got.length);
        if (diff >= 0) {
            throw new ReliabilityFailure(String.format("%s: expected %d bytes (crc32c %08x), got %d (crc32c %08x);"
                    + " first difference at byte %d", what, len, crc(expected, 0, len), got.length,
                    crc(got, 0, got.length), diff));
        }
    }

    /** {@link #checkPrefix} of the whole array. */
    public static void checkEqual(String what, byte[] expected, byte[] got) {
        checkPrefix(what, expected, expected.length, got);
    }

    /** Concatenation. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
