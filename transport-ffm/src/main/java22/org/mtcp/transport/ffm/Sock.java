package org.mtcp.transport.ffm;

import java.util.ArrayList;
import java.util.List;

/**
 * The transport's record of one kernel descriptor: how many calls are using it, whether it is being
 * closed, and which wakers to signal when it is.
 *
 * <p>Closing follows the JDK's NioSocketImpl: {@link #beginClose()} marks the socket closed (new calls
 * fail with EBADF) and hands back the wakers of blocked calls, which the closer signals; the closer then
 * waits in {@link #awaitIdle()} until every call in flight has left, and only then closes the kernel
 * descriptor. So a descriptor number is never released to the kernel (and reused by another socket)
 * while a call of ours may still pass it to libc.
 */
final class Sock {
    /** The kernel descriptor. */
    final int fd;
    /** Whether this transport created it (socket/accept) rather than adopting a descriptor from elsewhere. */
    final boolean owned;

    private int users;
    private boolean closing;
    private List<Waker> waiters;

    Sock(int fd, boolean owned) {
        this.fd = fd;
        this.owned = owned;
    }

    /** Starts a call: false if the socket is closed. */
    synchronized boolean enter() {
        if (closing) {
            return false;
        }
        users++;
        return true;
    }

    /** Ends a call started by {@link #enter()}. */
    synchronized void leave() {
        if (--users == 0 && closing) {
            notifyAll();
        }
    }

    /** {@link #enter()} and {@link #addWaiter} in one step (for poll's many sockets): false if closed. */
    synchronized boolean enterWaiting(Waker w) {
        if (closing) {
            return false;
        }
        users++;
        if (w != null) {
            if (waiters == null) {
                waiters = new ArrayList<>(2);
            }
            waiters.add(w);
        }
        return true;
    }

    /** Undoes {@link #enterWaiting}. */
    synchronized void leaveWaiting(Waker w) {
        if (w != null && waiters != null) {
            waiters.remove(w);
        }
        if (--users == 0 && closing) {
            notifyAll();
        }
    }

    /** Registers a blocked call's waker: false if the socket is already closed. */
    synchronized boolean addWaiter(Waker w) {
        if (closing) {
            return false;
        }
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(w);
        return true;
    }

    /** Unregisters one registration of a waker. */
    synchronized void removeWaiter(Waker w) {
        if (waiters != null) {
            waiters.remove(w);
        }
    }

    /** Whether {@link #beginClose()} has run. */
    synchronized boolean isClosing() {
        return closing;
    }

    /**
     * Marks the socket closed.
     *
     * @return the wakers to signal, or null if it was already closed
     */
    synchronized List<Waker> beginClose() {
        if (closing) {
            return null;
        }
        closing = true;
        List<Waker> w = waiters == null ? List.of() : List.copyOf(waiters);
        waiters = null;
        return w;
    }

    /** Waits until no call is using the socket (they were woken, so this is short). */
    synchronized void awaitIdle() {
        boolean interrupted = false;
        while (users > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
