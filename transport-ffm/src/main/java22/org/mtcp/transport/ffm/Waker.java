package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An eventfd a blocked call polls next to its socket, so that {@link FfmTransport#close(int)} from another
 * thread can wake it (closing a descriptor does not wake a {@code poll} on Linux). One waker serves one
 * blocked call at a time; they are pooled per transport.
 *
 * <p>{@link #signal} and {@link #close} exclude each other: a closer that picked this waker up just before
 * it was closed must not write to the number afterwards, when it may name someone else's descriptor.
 */
final class Waker {
    /** The eventfd (non-blocking, close-on-exec). */
    final int fd;
    private boolean closed;

    private Waker(int fd) {
        this.fd = fd;
    }

    /** A new waker, or null when no eventfd can be had (EMFILE...). */
    static Waker create(Scratch s) {
        int fd = Libc.eventfd(s.capture, 0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        return fd < 0 ? null : new Waker(fd);
    }

    /** Makes the eventfd readable (nothing once closed). */
    synchronized void signal(Scratch s) {
        if (!closed) {
            s.word.set(JAVA_LONG, 0, 1L);
            Libc.write(s.capture, fd, s.word, 8);
        }
    }

    /** Resets the eventfd to not readable; only its current user calls this. */
    void drain(Scratch s) {
        Libc.read(s.capture, fd, s.word, 8);
    }

    /** Releases the eventfd. */
    synchronized void close(Scratch s) {
        if (!closed) {
            closed = true;
            Libc.close(s.capture, fd);
        }
    }
}
