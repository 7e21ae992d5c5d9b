package org.mtcp.conformance;

import java.util.Arrays;

/**
 * A reference model of mtcp's {@code write(fd, s, idx, n)} index rules (behaviour.md a, "write", and f.6),
 * written from the spec with the C code's {@code size_t} arithmetic: unsigned comparisons, wrap-around sums.
 *
 * <ol>
 *   <li>idx greater than #s, compared unsigned (so also a negative idx, and any idx on an empty string),
 *       or idx = 0 (the port's pinned choice) raises {@code write: idx (<idx>) too large};</li>
 *   <li>n = 0 becomes #s;</li>
 *   <li>idx+n−1 greater than #s, compared unsigned (so also a negative end), becomes "the rest": n = #s−idx+1;</li>
 *   <li>a length still negative is the C code's huge size_t: {@code write error: -1  14}, nothing sent.</li>
 * </ol>
 */
final class MtcpWriteModel {
    private MtcpWriteModel() {
    }

    /** What one write call must do. Exactly one of the three fields is set. */
    record Outcome(String raised, String failure, byte[] sent) {
        @Override
        public String toString() {
            return raised != null ? "raises " + raised
                    : failure != null ? "returns nil, " + failure : "sends " + sent.length + " bytes";
        }
    }

    /** The outcome of {@code write(fd, s, idx, n)}. */
    static Outcome write(byte[] s, long idx, long n) {
        long len = s.length;
        if (idx == 0 || Long.compareUnsigned(idx, len) > 0) {
            return new Outcome("write: idx (" + idx + ") too large", null, null);
        }
        if (n == 0) {
            n = len;
        }
        if (Long.compareUnsigned(idx + n - 1, len) > 0) {
            n = len - idx + 1;
        }
        if (n < 0) {
            return new Outcome(null, "write error: -1  14", null);
        }
        int from = (int) (idx - 1);
        return new Outcome(null, null, Arrays.copyOfRange(s, from, from + (int) n));
    }
}
