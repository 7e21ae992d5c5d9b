package org.mtcp.internal;

/**
 * LuaSocket's timeout arithmetic (behaviour.md section d), copied exactly. An object has a {@code block}
 * and a {@code total} limit in seconds (negative: no limit) and a {@code start} time that every send,
 * receive and accept (and each address connect tries) sets to now. Each time a call would block, it waits
 * {@link #waitNanos()}: with only a block limit that is {@code block − elapsed}, so a lone block limit
 * bounds the whole call; with both limits it is {@code min(block, total − elapsed)}.
 */
public final class Timeout {
    private volatile double block = -1;
    private volatile double total = -1;
    /** The start of the current operation, or {@link #UNMARKED} while no limit needed the clock. */
    private long start = UNMARKED;
    private static final long UNMARKED = Long.MIN_VALUE;

    /** The block limit in seconds, as set (negative: none). */
    public double block() {
        return block;
    }

    /** The total limit in seconds, as set (negative: none). */
    public double total() {
        return total;
    }

    /** Sets the block limit, stored as given (negatives included). */
    public void setBlock(double seconds) {
        block = seconds;
    }

    /** Sets the total limit, stored as given (negatives included). */
    public void setTotal(double seconds) {
        total = seconds;
    }

    /**
     * Starts the clock of one operation. Without limits nothing reads the clock, so it is not read (a
     * clock read per receive is a measurable part of a line read); should a limit be set while such an
     * operation runs, its clock starts at its next wait.
     */
    public void markStart() {
        start = block < 0 && total < 0 ? UNMARKED : System.nanoTime();
    }

    /** LuaSocket's "zero timeout" shortcut: only an exact block limit of 0 counts (connect stops after one address). */
    public boolean isZero() {
        return block == 0.0;
    }

    /**
     * How long the next wait may take, for {@link org.mtcp.spi.Transport}'s {@code waitNanos}: negative for no
     * limit. Whole milliseconds, as LuaSocket's poll waits, but rounded up (C truncates, so its calls may
     * end up to 1 ms early; these never end early); NaN counts as 0.
     */
    public long waitNanos() {
        double b = block;
        double t = total;
        if (b < 0 && t < 0) {
            return -1;
        }
        long now = System.nanoTime();
        if (start == UNMARKED) {
            start = now;
        }
        double elapsed = (now - start) / 1e9;
        double retry;
        if (b < 0) {
            retry = atLeastZero(t - elapsed);
        } else if (t < 0) {
            retry = atLeastZero(b - elapsed);
        } else {
            double left = atLeastZero(t - elapsed);
            retry = b < left ? b : left;
        }
        // Rounded up to whole milliseconds: C truncates (poll takes an int), which ends a call up to 1 ms
        // before its deadline; rounding up keeps LuaSocket's millisecond waits and is never early.
        return millisToNanos(Math.ceil(retry * 1e3));
    }

    // C's MAX(x, 0.0): NaN compares false and yields 0.
    private static double atLeastZero(double x) {
        return x > 0.0 ? x : 0.0;
    }

    /** Whole milliseconds (truncated) as nanoseconds; too large to represent means no limit. */
    public static long millisToNanos(double millis) {
        if (!(millis >= 0)) {
            return 0;
        }
        if (millis >= Long.MAX_VALUE / 1_000_000L) {
            return -1;
        }
        return (long) millis * 1_000_000L;
    }
}
