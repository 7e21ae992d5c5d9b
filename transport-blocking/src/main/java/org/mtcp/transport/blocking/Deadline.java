package org.mtcp.transport.blocking;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;

/**
 * One call's {@code waitNanos} turned into an end time: negative waits forever, 0 is already over, positive
 * ends that long after the call started. Also converts what is left into java.net's {@code SO_TIMEOUT}
 * milliseconds, where 0 means "forever", so a finite wait is never shorter than 1 ms there.
 */
final class Deadline {
    private final boolean forever;
    private final long end;

    private Deadline(boolean forever, long end) {
        this.forever = forever;
        this.end = end;
    }

    static Deadline of(long waitNanos) {
        if (waitNanos < 0) {
            return new Deadline(true, 0);
        }
        long now = System.nanoTime();
        long end = now + waitNanos;
        return new Deadline(false, end - now < 0 ? Long.MAX_VALUE : end);
    }

    boolean forever() {
        return forever;
    }

    /** Nanoseconds left (Long.MAX_VALUE when waiting forever), never negative. */
    long remainingNanos() {
        if (forever) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, end - System.nanoTime());
    }

    boolean expired() {
        return !forever && remainingNanos() == 0;
    }

    /** What is left as an {@code SO_TIMEOUT}: 0 (forever) or at least 1 ms, rounded up. */
    int soTimeoutMillis() {
        if (forever) {
            return 0;
        }
        long ms = (remainingNanos() + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    /** What is left in milliseconds, at least 1 and at most {@code cap}. */
    int sliceMillis(int cap) {
        if (forever) {
            return cap;
        }
        return Math.min(cap, soTimeoutMillis());
    }

    /**
     * Waits on a condition (its lock held) until signalled or the time is up.
     *
     * @return false, without waiting, when the time was already up; true when the caller should look again
     */
    boolean await(Condition condition) throws ErrnoException {
        try {
            if (forever) {
                condition.await();
                return true;
            }
            long left = remainingNanos();
            if (left == 0) {
                return false;
            }
            condition.awaitNanos(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR, e);
        }
    }

    /**
     * Takes a lock within the time left; a zero wait still allows a 1 ms grace so that a poll peeking
     * at the same socket does not turn into a spurious timeout.
     */
    boolean lock(Lock lock) throws ErrnoException {
        try {
            if (forever) {
                lock.lockInterruptibly();
                return true;
            }
            return lock.tryLock(Math.max(remainingNanos(), 1_000_000L), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException(Errno.EINTR, e);
        }
    }
}
