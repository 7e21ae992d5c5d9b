package org.mtcp.transport.nio;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;

/**
 * A selector that one thread at a time uses for waiting (it is taken from a {@link SlotPool}), with the
 * scratch space of a poll call.
 *
 * <p>Other threads touch a slot in two ways only:
 * <ul>
 *   <li>{@link #signal()}: something a waiter may be waiting for changed (a shutdown, a state change);
 *       the waiter's current or next selection returns at once.</li>
 *   <li>{@link #flush()}: keys were cancelled (a socket closed or changed channel); returns once the
 *       selector has deregistered them, so the JDK really closes the channel now (a channel still
 *       registered with an idle selector would stay open, and keep its port, until that selector ran).</li>
 * </ul>
 * The owner checks the change counter it read before its last look at the sockets, and a signal both
 * moves the counter and wakes the selector (a wake-up before the selection makes it return at once), so
 * no signal can be lost between that look and the wait.
 */
final class Slot {
    private static final AtomicIntegerFieldUpdater<Slot> CHANGES =
            AtomicIntegerFieldUpdater.newUpdater(Slot.class, "changes");
    private static final AtomicIntegerFieldUpdater<Slot> FLUSHING =
            AtomicIntegerFieldUpdater.newUpdater(Slot.class, "flushing");
    private static final AtomicIntegerFieldUpdater<Slot> TAKEN =
            AtomicIntegerFieldUpdater.newUpdater(Slot.class, "taken");
    /** A selection whose ready keys nobody needs (waits look at the socket again instead). */
    static final Consumer<SelectionKey> IGNORE = k -> { };

    private final Selector selector;
    private volatile int changes;
    /** Flushes waiting for (or running) their selection; the owner must not start a blocking one meanwhile. */
    private volatile int flushing;
    /** 1 while a thread holds the slot (see {@link SlotPool}). */
    private volatile int taken;
    private volatile boolean closed;

    /** The registration the last wait on this slot armed (only the owner uses it); see NioTransport.await. */
    Reg waitArmed;

    // ---- poll scratch: only the owner uses these ----
    private int gen;
    Reg[] cur = new Reg[16];
    int curCount;
    Reg[] armed = new Reg[16];
    int armedCount;
    private int armedRound;
    Reg[] ready = new Reg[16];
    int readyCount;
    int[] next = new int[16];
    NioSocket[] handles = new NioSocket[16];
    /** Records ready keys of the registrations of the current poll round. */
    final Consumer<SelectionKey> collector = this::collect;

    Slot(Selector selector) {
        this.selector = selector;
    }

    Selector selector() {
        return selector;
    }

    /** Takes the slot for the calling thread if nobody holds it. */
    boolean claim() {
        return taken == 0 && TAKEN.compareAndSet(this, 0, 1);
    }

    /** Gives up a slot taken with {@link #claim}. */
    void release() {
        taken = 0;
    }

    /** The change counter; read it before looking at the sockets, pass it to {@link #select}. */
    int changes() {
        return changes;
    }

    /**
     * One selection: returns when a key is ready, {@code nanos} have passed (negative: no limit, 0: do
     * not wait), a {@link #signal()} or {@link #flush()} arrived, or the counter moved since {@code seen}.
     * A thread whose interrupt flag is set gets EINTR instead of spinning.
     */
    void select(Consumer<SelectionKey> action, long nanos, int seen) throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.EBADF);
        }
        awaitFlushes();
        try {
            if (nanos == 0 || changes != seen) {
                selector.selectNow(action);
            } else if (nanos < 0) {
                selector.select(action);
            } else {
                long ms = nanos >= Long.MAX_VALUE - 999_999 ? Long.MAX_VALUE / 1_000_000 : (nanos + 999_999) / 1_000_000;
                selector.select(action, ms);
            }
        } catch (ClosedSelectorException e) {
            throw new ErrnoException(Errno.EBADF, e);
        } catch (IOException e) {
            throw new ErrnoException(Errno.EIO, e);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new ErrnoException(Errno.EINTR);
        }
    }

    /** Wakes the owner's current or next selection. Any thread. */
    void signal() {
        CHANGES.incrementAndGet(this);
        selector.wakeup();
    }

    /**
     * Makes the selector deregister cancelled keys now, waking the owner if it is selecting. Any thread
     * but the owner while it selects. The JDK runs one selection of a selector at a time: this one runs
     * once the owner's (woken) selection has returned, and deregisters whatever is still queued.
     */
    void flush() {
        FLUSHING.incrementAndGet(this);
        try {
            CHANGES.incrementAndGet(this);
            if (closed) {
                return;
            }
            selector.wakeup();
            try {
                selector.selectNow(IGNORE);
            } catch (IOException | ClosedSelectorException ignored) {
                // Nothing registered survives a broken selector anyway.
            }
        } finally {
            FLUSHING.decrementAndGet(this);
        }
        // selectNow cancels earlier wake-ups, including a signal's meant for an owner about to select:
        // wake again, so its next selection returns at once (at worst once for nothing).
        selector.wakeup();
    }

    /**
     * Lets pending flushes take the selector first. The JDK holds a selector's lock for a whole selection:
     * an owner woken by a flush that went straight back into a blocking selection would keep the flush
     * (queued on that lock) waiting for as long as nothing else happened. A flush holds the lock only for
     * a {@code selectNow}, so this wait is short.
     */
    private void awaitFlushes() {
        while (flushing != 0 && !closed) {
            Thread.onSpinWait();
            LockSupport.parkNanos(10_000);
        }
    }

    /** Closes the selector, which deregisters every key. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }

    // ---- poll bookkeeping ----

    /** Starts a poll round; registrations stamped with the returned number take part in it. */
    int nextGen() {
        return ++gen;
    }

    /** Makes the scratch arrays hold a poll call of {@code count} entries. */
    void ensureCapacity(int count) {
        if (next.length < count) {
            int n = Math.max(count, next.length * 2);
            next = new int[n];
            handles = new NioSocket[n];
        }
    }

    /** Adds a registration seen for the first time in this round; true if the previous round had armed it. */
    boolean arm(Reg r, int round) {
        boolean wasArmed = r.armedIn == armedRound;
        r.armedIn = round;
        if (curCount == cur.length) {
            cur = Arrays.copyOf(cur, curCount * 2);
        }
        cur[curCount++] = r;
        return wasArmed;
    }

    /**
     * Ends the walk of a round: registrations the previous round armed but this one did not name lose
     * their interest. When the set did not change ({@code stillArmed} equals the previous count), no pass
     * is needed at all.
     */
    void disarmStale(int round, int stillArmed) {
        if (stillArmed != armedCount) {
            for (int i = 0; i < armedCount; i++) {
                Reg r = armed[i];
                if (r.armedIn != round) {
                    r.interest(0);
                }
            }
        }
        Arrays.fill(armed, 0, armedCount, null);
        Reg[] swap = armed;
        armed = cur;
        armedCount = curCount;
        armedRound = round;
        cur = swap;
        curCount = 0;
    }

    private void collect(SelectionKey k) {
        Reg r = (Reg) k.attachment();
        if (r == null || r.gen != gen) {
            return;
        }
        try {
            r.readyOps = k.readyOps();
        } catch (CancelledKeyException closedMeanwhile) {
            return; // closed by another thread during this selection: the next round says POLLNVAL
        }
        if (readyCount == ready.length) {
            ready = Arrays.copyOf(ready, readyCount * 2);
        }
        ready[readyCount++] = r;
    }

    /** Forgets the sockets of the last poll call, so the slot keeps no closed socket alive. */
    void clearScratch(int count) {
        Arrays.fill(handles, 0, Math.min(count, handles.length), null);
        Arrays.fill(ready, 0, readyCount, null);
        readyCount = 0;
    }
}
