package org.mtcp.transport.ffm;

import java.util.concurrent.ConcurrentLinkedDeque;

/** The wakers of one transport: as many as calls have blocked at the same time, closed with the transport. */
final class WakerPool {
    private final ConcurrentLinkedDeque<Waker> free = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * Starts with one waker, so a single-threaded program's descriptor numbers do not shift when its first
     * call blocks.
     */
    WakerPool(Scratch s) {
        Waker w = Waker.create(s);
        if (w != null) {
            free.add(w);
        }
    }

    /** A waker for one blocked call, or null if none can be created (the caller then waits in slices). */
    Waker take(Scratch s) {
        Waker w = free.pollFirst();
        return w != null ? w : Waker.create(s);
    }

    /** Returns a waker after use; it is drained so that a late signal causes at most one spurious wake-up. */
    void give(Waker w, Scratch s) {
        if (w == null) {
            return;
        }
        if (closed) {
            w.close(s);
            return;
        }
        free.addFirst(w);
        if (closed && free.remove(w)) {
            w.close(s);
        }
    }

    /** Closes the pooled wakers; those in use are closed when given back. */
    void close(Scratch s) {
        closed = true;
        for (Waker w; (w = free.pollFirst()) != null; ) {
            w.close(s);
        }
    }
}
