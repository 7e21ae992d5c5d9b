package org.mtcp.bench;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The other end of a workload, on a daemon thread: it runs until its socket closes, and remembers the
 * first failure so that {@link #join} can report it instead of losing it.
 */
final class Background {
    /** The loop to run; returning or throwing ends the thread. */
    interface Body {
        void run() throws Exception;
    }

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Background(String name, Body body) {
        thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code body} on a daemon thread named {@code name}. */
    static Background start(String name, Body body) {
        Background b = new Background(name, body);
        b.thread.start();
        return b;
    }

    /** Waits (bounded) for the thread to end, after its socket was closed. */
    void join() throws InterruptedException {
        thread.join(5_000);
    }

    /** The failure that ended the thread, if any. */
    Throwable failure() {
        return failure.get();
    }
}
