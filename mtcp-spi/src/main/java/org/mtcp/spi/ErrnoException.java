package org.mtcp.spi;

import java.io.IOException;

/**
 * A failed system call, as a Linux errno. Transports throw it from every primitive; the shared layer turns
 * it into each contract's message ({@code "read error: -1  104"} in mtcp, {@code "closed"} in LuaSocket).
 * The message is glibc's {@code strerror} text, whatever the transport.
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** A failure with this Linux errno; the message is its {@link Errno#strerror} text. */
    public ErrnoException(int errno) {
        super(Errno.strerror(errno));
        this.errno = errno;
    }

    /** A failure with this Linux errno, keeping the exception it was mapped from. */
    public ErrnoException(int errno, Throwable cause) {
        super(Errno.strerror(errno), cause);
        this.errno = errno;
    }

    /** The Linux errno number. */
    public int errno() {
        return errno;
    }
}
