package org.mtcp.cli.echo;

/**
 * What an echo server has been doing: connections accepted and open, and when anything last happened.
 * {@link #awaitExit} lets a command wait, without polling, for the moment its exit conditions hold.
 */
public final class Activity {
    private int accepted;
    private int open;
    private long lastNanos = System.nanoTime();
    private String failure;

    /** One more connection: returns its number, counting from 1. */
    synchronized int onAccept() {
        accepted++;
        open++;
        touchLocked();
        return accepted;
    }

    synchronized void onClose() {
        open--;
        touchLocked();
    }

    /** Data moved: the server is not idle. */
    synchronized void onData() {
        touchLocked();
    }

    /** The accept loop stopped on an error: the server cannot serve any more. */
    synchronized void onFailure(String why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    private void touchLocked() {
        lastNanos = System.nanoTime();
        notifyAll();
    }

    /** Connections accepted so far. */
    public synchronized int accepted() {
        return accepted;
    }

    /** Connections open now. */
    public synchronized int open() {
        return open;
    }

    /** Why the accept loop stopped, or null while it runs (or after a normal stop). */
    public synchronized String failure() {
        return failure;
    }

    /** Why {@link #awaitExit} returned. */
    public enum Exit {
        /** {@code maxConnections} were accepted and all of them have closed. */
        MAX_CONNECTIONS,
        /** Nothing happened for the idle time. */
        IDLE,
        /** The server failed (see {@link #failure()}). */
        FAILED
    }

    /**
     * Waits until {@code maxConnections} (if &gt; 0) have been accepted and closed, or nothing happened for
     * {@code idleNanos} (if &gt; 0), or the server failed. With neither limit it waits until the server fails
     * (or the thread is interrupted).
     */
    public synchronized Exit awaitExit(int maxConnections, long idleNanos) throws InterruptedException {
        while (true) {
            if (failure != null) {
                return Exit.FAILED;
            }
            if (maxConnections > 0 && accepted >= maxConnections && open == 0) {
                return Exit.MAX_CONNECTIONS;
            }
            if (idleNanos > 0) {
                long left = lastNanos + idleNanos - System.nanoTime();
                if (left <= 0) {
                    return Exit.IDLE;
                }
                long ms = Math.max(1, left / 1_000_000L);
                wait(ms);
            } else {
                wait();
            }
        }
    }
}
