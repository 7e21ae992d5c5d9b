package org.mtcp.transport.nio;

/** The {@code waitNanos} convention: negative waits without limit, 0 does not wait, positive is a bound. */
final class Waits {
    /** Beyond this a bound is as good as none (and would overflow a deadline). */
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private Waits() {
    }

    /** The deadline of a bounded wait (unused for the other two kinds). */
    static long deadline(long waitNanos) {
        return waitNanos > 0 && waitNanos < FOREVER ? System.nanoTime() + waitNanos : 0;
    }

    /** What is left of a wait: -1 for no limit, 0 when it has run out, else nanoseconds. */
    static long remaining(long waitNanos, long deadline) {
        if (waitNanos < 0 || waitNanos >= FOREVER) {
            return -1;
        }
        if (waitNanos == 0) {
            return 0;
        }
        long left = deadline - System.nanoTime();
        return left > 0 ? left : 0;
    }
}
