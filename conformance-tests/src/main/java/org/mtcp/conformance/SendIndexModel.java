package org.mtcp.conformance;

import java.util.Arrays;

/**
 * The reference for {@code client:send(data, i, j)}, written from behaviour.md section (b) and kept
 * independent of the shared layer's code: i and j are truncated toward zero; a negative one becomes
 * {@code #data + x + 1} (once); i below 1 becomes 1 and j above {@code #data} becomes {@code #data}; bytes
 * i..j go out when i ≤ j; the returned index is {@code (bytes sent) + i − 1}.
 *
 * @param wire the bytes that must appear on the wire
 * @param last the index send must return
 */
record SendIndexModel(byte[] wire, long last) {

    static SendIndexModel of(byte[] data, double i, double j) {
        long len = data.length;
        long first = truncate(i);
        long end = truncate(j);
        if (first < 0) {
            first = len + first + 1;
        }
        if (end < 0) {
            end = len + end + 1;
        }
        if (first < 1) {
            first = 1;
        }
        if (end > len) {
            end = len;
        }
        byte[] wire = first <= end ? Arrays.copyOfRange(data, (int) first - 1, (int) end) : new byte[0];
        return new SendIndexModel(wire, wire.length + first - 1);
    }

    /** C's double-to-integer cast: toward zero. */
    private static long truncate(double x) {
        return (long) (x < 0 ? Math.ceil(x) : Math.floor(x));
    }
}
