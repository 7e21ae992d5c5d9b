package org.mtcp.spi;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

/**
 * Maps the JDK's socket exceptions to the Linux errno libc would have reported for the same failure, so
 * java.net and NIO transports give the same numbers and texts as the FFM one. The JDK mostly words its
 * messages with {@code strerror}, so the text decides first; exception types settle the rest.
 */
public final class JdkErrors {
    private JdkErrors() {
    }

    /** The errno behind a JDK exception ({@link Errno#EIO} when nothing better is known). */
    public static int errno(Throwable e) {
        if (e instanceof ErrnoException) {
            return ((ErrnoException) e).errno();
        }
        if (e instanceof ClosedChannelException) {
            return Errno.EBADF;
        }
        if (e instanceof AlreadyConnectedException) {
            return Errno.EISCONN;
        }
        if (e instanceof ConnectionPendingException) {
            return Errno.EALREADY;
        }
        if (e instanceof NotYetConnectedException) {
            return Errno.ENOTCONN;
        }
        if (e instanceof AlreadyBoundException || e instanceof NotYetBoundException) {
            return Errno.EINVAL;
        }
        if (e instanceof UnsupportedAddressTypeException || e instanceof UnresolvedAddressException) {
            return Errno.EAFNOSUPPORT;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        int byText = byStrerrorText(lower);
        if (byText > 0) {
            return byText;
        }
        if (lower.contains("connection reset")) {
            return Errno.ECONNRESET;
        }
        if (lower.contains("broken pipe")) {
            return Errno.EPIPE;
        }
        if (lower.contains("refused")) {
            return Errno.ECONNREFUSED;
        }
        if (lower.contains("timed out")) {
            return Errno.ETIMEDOUT;
        }
        if (lower.contains("socket closed") || lower.contains("socket is closed") || lower.contains("closed by interrupt")) {
            return Errno.EBADF;
        }
        if (lower.contains("not connected")) {
            return Errno.ENOTCONN;
        }
        if (lower.contains("already connected")) {
            return Errno.EISCONN;
        }
        if (lower.contains("already bound")) {
            return Errno.EINVAL;
        }
        if (lower.contains("too many open files")) {
            return Errno.EMFILE;
        }
        if (lower.contains("protocol family unavailable") || lower.contains("address family not supported")) {
            return Errno.EAFNOSUPPORT;
        }
        if (lower.contains("unreachable")) {
            return Errno.ENETUNREACH;
        }
        if (e instanceof BindException) {
            return Errno.EADDRINUSE;
        }
        if (e instanceof ConnectException) {
            return Errno.ECONNREFUSED;
        }
        if (e instanceof NoRouteToHostException) {
            return Errno.EHOSTUNREACH;
        }
        if (e instanceof PortUnreachableException) {
            return Errno.ECONNREFUSED;
        }
        return Errno.EIO;
    }

    /** The same failure as an {@link ErrnoException}, keeping the JDK exception as its cause. */
    public static ErrnoException toErrno(IOException e) {
        if (e instanceof ErrnoException) {
            return (ErrnoException) e;
        }
        return new ErrnoException(errno(e), e);
    }

    private static int byStrerrorText(String lowerMessage) {
        // Only whole-message matches (optionally with the JDK's " (...)" suffix) are trusted.
        String core = lowerMessage;
        int paren = core.indexOf(" (");
        if (paren > 0) {
            core = core.substring(0, paren);
        }
        int colon = core.lastIndexOf(": ");
        if (colon >= 0) {
            core = core.substring(colon + 2);
        }
        for (int n = 1; n < 134; n++) {
            if (Errno.strerror(n).toLowerCase(Locale.ROOT).equals(core)) {
                return n;
            }
        }
        return -1;
    }
}
