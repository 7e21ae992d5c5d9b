package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An eventfd a blocked call polls next to its socket, so that {@link FfmTransport#close(int)} from another
 * thread can wake it (closing a descriptor does not wake a {@code poll} on Linux). One waker serves one
 * blocked call at a time; they are pooled per transport.
 */
final class Waker {
    /** The eventfd (non-blocking, close-on-exec). */
    final int fd;

    private Waker(int fd) {
        this.fd = fd;
    }

    /** A new waker, or null when no eventfd can be had (EMFILE...). */
    static Waker create(Scratch s) {
        int fd = Libc.eventfd(s.capture, 0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        return fd < 0 ? null : new Waker(fd);
    }

    /** Makes the eventfd readable. */
    void signal(Scratch s) {
        s.word.set(JAVA_LONG, 0, 1L);
        Libc.write(s.capture, fd, s.word, 8);
    }

    /** Resets the eventfd to not readable. */
    void drain(Scratch s) {
        Libc.read(s.capture, fd, s.word, 8);
    }

    /** Releases the eventfd. */
    void close(Scratch s) {
        Libc.close(s.capture, fd);
    }
}
