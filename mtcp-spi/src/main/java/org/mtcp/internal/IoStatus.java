package org.mtcp.internal;

/**
 * Status codes of one I/O step, as LuaSocket's {@code io.c} has them: a step is done, found the
 * connection closed, ran out of time, or failed with an errno. Encoded in an {@code int} so the hot path
 * allocates nothing: {@link #DONE}, {@link #CLOSED}, {@link #TIMEOUT}, or {@code ERRNO_BASE - errno}.
 */
public final class IoStatus {
    public static final int DONE = 0;
    public static final int CLOSED = -1;
    public static final int TIMEOUT = -2;
    private static final int ERRNO_BASE = -1000;

    private IoStatus() {
    }

    /** The status for a failed call with this errno. */
    public static int ofErrno(int errno) {
        return ERRNO_BASE - errno;
    }

    /** The errno in an errno status, or 0. */
    public static int errno(int status) {
        return status <= ERRNO_BASE ? ERRNO_BASE - status : 0;
    }

    /** LuaSocket's message for a status that is not {@link #DONE}. */
    public static String message(int status) {
        switch (status) {
            case CLOSED: return ErrorTexts.CLOSED;
            case TIMEOUT: return ErrorTexts.TIMEOUT;
            default: return ErrorTexts.luaSocket(errno(status));
        }
    }
}
