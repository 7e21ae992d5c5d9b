package org.mtcp.transport.nio;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.JdkErrors;

/**
 * Selectors lent to waiting threads. A thread takes a slot for one wait or one poll call and gives it
 * back. A caller names the slot it would like (the one its socket or thread used last), so that
 * registrations and interest sets stay as they were and waiting costs no {@code epoll_ctl}; taking it
 * is one compare-and-set. Otherwise a free slot is lent, the newest first. A slot is made only when none
 * is free, so there are about as many as threads that waited at once, and none is tied to a thread, so
 * nothing leaks when threads die.
 */
final class SlotPool {
    private final List<Slot> all = new ArrayList<>();
    private volatile boolean closed;

    /** A slot for the calling thread's exclusive use until {@link #give}: {@code preferred} if it is free. */
    Slot take(Slot preferred) throws ErrnoException {
        // The common case (a socket waiting on the slot it used last, nobody else on it) takes no lock.
        if (preferred != null && preferred.claim()) {
            if (closed) {
                preferred.release();
                throw new ErrnoException(Errno.EBADF);
            }
            return preferred;
        }
        synchronized (this) {
            if (closed) {
                throw new ErrnoException(Errno.EBADF);
            }
            for (int i = all.size() - 1; i >= 0; i--) {
                Slot s = all.get(i);
                if (s.claim()) {
                    return s;
                }
            }
        }
        Slot s;
        try {
            s = new Slot(Selector.open());
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        }
        s.claim();
        synchronized (this) {
            if (closed) {
                s.close();
                throw new ErrnoException(Errno.EBADF);
            }
            all.add(s);
        }
        return s;
    }

    /** Returns a slot taken with {@link #take}. */
    void give(Slot s) {
        s.release();
        if (closed) {
            s.close();
        }
    }

    /** Closes every slot; later {@link #take}s fail with EBADF. */
    void close() {
        List<Slot> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all);
            all.clear();
        }
        for (Slot s : toClose) {
            s.close();
        }
    }
}
