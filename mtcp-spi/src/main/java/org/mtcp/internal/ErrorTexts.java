package org.mtcp.internal;

import org.mtcp.spi.Errno;
import org.mtcp.spi.GaiException;

/**
 * Every error text the two contracts return, in one place (behaviour.md section c). mtcp shows raw
 * numbers (two spaces between return value and errno); LuaSocket maps a few errnos and resolver codes to
 * its own words and uses glibc's texts for the rest.
 */
public final class ErrorTexts {
    /** LuaSocket: the object or the peer is closed. */
    public static final String CLOSED = "closed";
    /** LuaSocket: a wait ran out. */
    public static final String TIMEOUT = "timeout";
    /** mtcp read: the poll ran out with nothing read. */
    public static final String POLL_TIMEOUT = "poll timeout";

    private ErrorTexts() {
    }

    // ---- mtcp ----------------------------------------------------------------------------------------

    /** {@code "<call> error: <r>  <errno>"}, e.g. {@code "connect error: -1  111"}. */
    public static String mtcpWithReturn(String call, int returnValue, int errno) {
        return call + " error: " + returnValue + "  " + errno;
    }

    /** {@code "<call> error: <errno>"}, e.g. {@code "accept error: 9"}. */
    public static String mtcpErrno(String call, int errno) {
        return call + " error: " + errno;
    }

    /** mtcp bind/connect resolver failure: {@code "getaddrinfo (<host>) <gai text>"}. */
    public static String mtcpResolve(String host, GaiException e) {
        return "getaddrinfo (" + host + ") " + e.getMessage();
    }

    /** mtcp getaddrinfo/getnameinfo failure: {@code "<call>: <code> <gai text>"}. */
    public static String mtcpGai(String call, GaiException e) {
        return call + ": " + e.code() + " " + e.getMessage();
    }

    // ---- LuaSocket -----------------------------------------------------------------------------------

    /** LuaSocket's {@code socket_strerror}: its own words for a few errnos, glibc's text for the rest. */
    public static String luaSocket(int errno) {
        switch (errno) {
            case Errno.EADDRINUSE: return "address already in use";
            case Errno.EISCONN: return "already connected";
            case Errno.EACCES: return "permission denied";
            case Errno.ECONNREFUSED: return "connection refused";
            case Errno.ECONNABORTED:
            case Errno.ECONNRESET:
            case Errno.EPIPE:
                return CLOSED;
            case Errno.ETIMEDOUT: return TIMEOUT;
            default: return Errno.strerror(errno);
        }
    }

    /** LuaSocket's {@code socket_gaistrerror}: its own words for the common resolver codes. */
    public static String luaSocketGai(GaiException e) {
        switch (e.code()) {
            case GaiException.EAI_AGAIN: return "temporary failure in name resolution";
            case GaiException.EAI_BADFLAGS: return "invalid value for ai_flags";
            case GaiException.EAI_FAIL: return "non-recoverable failure in name resolution";
            case GaiException.EAI_FAMILY: return "ai_family not supported";
            case GaiException.EAI_MEMORY: return "memory allocation failure";
            case GaiException.EAI_NONAME: return "host or service not provided, or not known";
            case GaiException.EAI_OVERFLOW: return "argument buffer overflow";
            case GaiException.EAI_SERVICE: return "service not supported for socket type";
            case GaiException.EAI_SOCKTYPE: return "ai_socktype not supported";
            case GaiException.EAI_SYSTEM: return Errno.strerror(e.errno());
            default: return GaiException.gaiStrerror(e.code());
        }
    }
}
