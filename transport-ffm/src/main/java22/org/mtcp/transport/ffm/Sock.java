package org.mtcp.transport.ffm;

import java.util.ArrayList;
import java.util.List;
import org.mtcp.spi.ErrnoException;

/**
 * The transport's record of one kernel descriptor: how many calls are using it, whether it is being
 * closed, which wakers to signal when it is, and whether the descriptor is in blocking mode.
 *
 * <p>Closing follows the JDK's NioSocketImpl: {@link #beginClose()} marks the socket closed (new calls
 * fail with EBADF) and hands back the wakers of calls waiting in {@code ppoll}, which the closer signals,
 * and says how to shut the socket down to wake the calls inside a blocking recv, send or accept; the
 * closer then waits in {@link #awaitIdle()} until every call in flight has left, and only then closes
 * the kernel descriptor. So a descriptor number is never released to the kernel (and reused by another
 * socket) while a call of ours may still pass it to libc.
 *
 * <p>Mode: unlimited waits on a descriptor this transport created make one blocking syscall, which needs
 * {@code O_NONBLOCK} off; accept with a limit and connect need it on. The mode is cached here and changed
 * only under this object's lock, so the cache and the kernel's flag agree, and it is never turned off
 * while a call relies on it being on ({@link #enterNonBlocking}). Turning it on under a call that chose
 * to block is harmless: that call gets EAGAIN and waits in {@code ppoll} instead.
 */
final class Sock {
    /** The kernel descriptor. */
    final int fd;
    /** Whether this transport created it (socket/accept) rather than adopting a descriptor from elsewhere. */
    final boolean owned;

    /**
     * Hint: the last read that tried at once found nothing, so the next read that may wait goes straight to
     * waiting (one syscall, not a failed recv first). Cleared when a waited read fills its buffer.
     */
    volatile boolean readWaits;

    private int users;
    private boolean closing;
    private List<Waker> waiters;
    /** Cached: {@code O_NONBLOCK} is off. Only changed (with the kernel flag) under the lock. */
    private boolean blockingMode;
    /** Calls that rely on {@code O_NONBLOCK} being on (accept with a limit, connect). */
    private int nonBlockingUsers;
    /** Calls inside (or about to enter) a blocking recv/accept, and a blocking send. */
    private int blockedReaders;
    private int blockedWriters;
    /** The shutdown(2) {@code how} that wakes the blocking calls, or -1; set by {@link #beginClose()}. */
    private int wakeHow = -1;

    /**
     * @param blockingMode whether the descriptor was created with {@code O_NONBLOCK} off
     */
    Sock(int fd, boolean owned, boolean blockingMode) {
        this.fd = fd;
        this.owned = owned;
        this.blockingMode = blockingMode;
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

    // ---- mode ---------------------------------------------------------------------------------------------

    /** Result of {@link #enterBlocking}: the call may make its blocking syscall. */
    static final int BLOCK = 0;
    /** Result of {@link #enterBlocking}: the mode cannot be switched now; wait in {@code ppoll} instead. */
    static final int POLL = 1;
    /** Result of {@link #enterBlocking}: the socket is being closed. */
    static final int CLOSED = 2;

    /**
     * Before a blocking syscall of a call that holds a use: switches the descriptor to blocking mode if
     * needed and possible, and records the call so that a close wakes it by shutting the socket down.
     * Only for descriptors this transport created (adopted ones share their flags with other holders).
     *
     * @param write a send (woken by SHUT_WR) rather than a recv or accept (woken by SHUT_RD)
     * @return {@link #BLOCK} (then call {@link #leaveBlocking}), {@link #POLL} or {@link #CLOSED}
     */
    synchronized int enterBlocking(boolean write, Scratch s) {
        if (closing) {
            return CLOSED;
        }
        if (!blockingMode) {
            // Our sockets have no other file status flag: 0 only clears O_NONBLOCK.
            if (nonBlockingUsers > 0 || Libc.fcntl(s.capture, fd, Linux.F_SETFL, 0) < 0) {
                return POLL;
            }
            blockingMode = true;
        }
        if (write) {
            blockedWriters++;
        } else {
            blockedReaders++;
        }
        return BLOCK;
    }

    /** Ends what {@link #enterBlocking} started. */
    synchronized void leaveBlocking(boolean write) {
        if (write) {
            blockedWriters--;
        } else {
            blockedReaders--;
        }
    }

    /**
     * A blocking syscall said EAGAIN: someone else changed the flags of the open file description (another
     * instance adopting the descriptor turns O_NONBLOCK on). Learns the real mode again.
     */
    synchronized void relearnMode(Scratch s) {
        int flags = Libc.fcntl(s.capture, fd, Linux.F_GETFL, 0);
        if (flags >= 0) {
            blockingMode = (flags & Linux.O_NONBLOCK) == 0;
        }
    }

    /**
     * Before a call that relies on {@code O_NONBLOCK} (accept with a limit, connect; it holds a use):
     * turns it on if needed and keeps it on until {@link #leaveNonBlocking()}. An adopted descriptor's
     * flag is read from the kernel each time, as the instance that owns it may have changed it.
     *
     * @throws ErrnoException if fcntl fails
     */
    synchronized void enterNonBlocking(Scratch s) throws ErrnoException {
        if (owned) {
            if (blockingMode) {
                if (Libc.fcntl(s.capture, fd, Linux.F_SETFL, Linux.O_NONBLOCK) < 0) {
                    throw new ErrnoException(s.errno());
                }
                blockingMode = false;
            }
        } else {
            int flags = Libc.fcntl(s.capture, fd, Linux.F_GETFL, 0);
            if (flags < 0 || ((flags & Linux.O_NONBLOCK) == 0
                    && Libc.fcntl(s.capture, fd, Linux.F_SETFL, flags | Linux.O_NONBLOCK) < 0)) {
                throw new ErrnoException(s.errno());
            }
        }
        nonBlockingUsers++;
    }

    /** Ends what {@link #enterNonBlocking} started. */
    synchronized void leaveNonBlocking() {
        nonBlockingUsers--;
    }

    // ---- closing ------------------------------------------------------------------------------------------

    /**
     * Marks the socket closed, and notes in {@link #wakeHow()} how to wake the calls in blocking syscalls.
     *
     * @return the wakers to signal, or null if it was already closed
     */
    synchronized List<Waker> beginClose() {
        if (closing) {
            return null;
        }
        closing = true;
        // SHUT_RD alone sends nothing to the peer; SHUT_WR (only for a blocked send) sends the FIN that
        // the close would send anyway.
        if (blockedReaders > 0 && blockedWriters > 0) {
            wakeHow = Linux.SHUT_RDWR;
        } else if (blockedReaders > 0) {
            wakeHow = Linux.SHUT_RD;
        } else if (blockedWriters > 0) {
            wakeHow = Linux.SHUT_WR;
        }
        List<Waker> w = waiters == null ? List.of() : List.copyOf(waiters);
        waiters = null;
        return w;
    }

    /** After {@link #beginClose()}: the shutdown {@code how} that wakes the blocking calls, or -1 if none. */
    synchronized int wakeHow() {
        return wakeHow;
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
