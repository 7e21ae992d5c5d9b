package org.mtcp.transport.nio;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.JdkErrors;

/**
 * Selectors lent to waiting threads. A thread takes a slot for one wait or one poll call and gives it
 * back; the most recently returned slot is lent first, so a single-threaded user always gets the same
 * one and its registrations stay warm. There are never more slots than threads that waited at once, and
 * none is tied to a thread, so nothing leaks when threads die.
 */
final class SlotPool {
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    private final List<Slot> all = new ArrayList<>();
    private boolean closed;

    /** A slot for the calling thread's exclusive use until {@link #give}. */
    Slot take() throws ErrnoException {
        synchronized (this) {
            if (closed) {
                throw new ErrnoException(Errno.EBADF);
            }
            Slot s = idle.pollLast();
            if (s != null) {
                return s;
            }
        }
        Slot s;
        try {
            s = new Slot(Selector.open());
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        }
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
        synchronized (this) {
            if (!closed) {
                idle.addLast(s);
                return;
            }
        }
        s.close();
    }

    /** Closes every slot; later {@link #take}s fail with EBADF. */
    void close() {
        List<Slot> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        for (Slot s : toClose) {
            s.close();
        }
    }
}
