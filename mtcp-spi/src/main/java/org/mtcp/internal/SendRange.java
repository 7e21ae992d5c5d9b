package org.mtcp.internal;

/**
 * LuaSocket's {@code send(data, i, j)} index rules (behaviour.md b): i and j are truncated toward zero;
 * a negative one counts from the end once; i is raised to 1 and j lowered to the length. Bytes i..j are
 * sent when i ≤ j. Whatever happens, the index reported is {@code sent + i − 1}.
 *
 * @param first the adjusted i (1-based)
 * @param last the adjusted j (1-based, inclusive)
 */
public record SendRange(long first, long last) {

    /** Applies the rules to data of {@code size} bytes; NaN counts as 0, infinities saturate. */
    public static SendRange of(long size, double i, double j) {
        long start = (long) i;
        long end = (long) j;
        if (start < 0) {
            start = size + start + 1;
        }
        if (end < 0) {
            end = size + end + 1;
        }
        if (start < 1) {
            start = 1;
        }
        if (end > size) {
            end = size;
        }
        return new SendRange(start, end);
    }

    /** How many bytes to send (0 when i > j). */
    public long count() {
        return first <= last ? last - first + 1 : 0;
    }

    /** The index {@code send} reports after {@code sent} bytes went out. */
    public long reported(long sent) {
        return sent + first - 1;
    }
}
