package org.mtcp.transport.blocking;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.JdkErrors;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;

/**
 * Our socket options as java.net {@link java.net.SocketOption}s, with the value conversions that make
 * java.net accept what {@code setsockopt} accepts. {@link SocketOption#LINGER}, {@link SocketOption#ERROR}
 * and {@link SocketOption#IPV6_V6ONLY} are handled by {@link SocketHandle}, not here.
 */
final class JavaOptions {
    /** The options this JDK can set on a plain {@link Socket} here (probed once). */
    static final Set<SocketOption> SUPPORTED = probe();

    private JavaOptions() {
    }

    /** The java.net option behind one of ours, or null when java.net has none. */
    static java.net.SocketOption<?> of(SocketOption option) {
        switch (option) {
            case KEEPALIVE:
                return StandardSocketOptions.SO_KEEPALIVE;
            case REUSEADDR:
                return StandardSocketOptions.SO_REUSEADDR;
            case REUSEPORT:
                return StandardSocketOptions.SO_REUSEPORT;
            case TCP_NODELAY:
                return StandardSocketOptions.TCP_NODELAY;
            case LINGER:
                return StandardSocketOptions.SO_LINGER;
            case RECV_BUFFER_SIZE:
                return StandardSocketOptions.SO_RCVBUF;
            case SEND_BUFFER_SIZE:
                return StandardSocketOptions.SO_SNDBUF;
            case TCP_KEEPIDLE:
                return ExtendedSocketOptions.TCP_KEEPIDLE;
            case TCP_KEEPCNT:
                return ExtendedSocketOptions.TCP_KEEPCOUNT;
            case TCP_KEEPINTVL:
                return ExtendedSocketOptions.TCP_KEEPINTERVAL;
            default:
                return null;
        }
    }

    /**
     * The value to hand java.net. Buffer sizes: Linux takes any int (0 and below become the minimum or,
     * read as unsigned, the maximum) where java.net insists on a positive size, so 0 becomes 1 and a
     * negative size becomes {@link Integer#MAX_VALUE}; the kernel then clamps both exactly as it would have.
     * Linger: a Java SO_LINGER of -1 is "off", and java.net takes at most 65535 seconds.
     */
    static Object toJava(SocketOption option, Object value) {
        switch (option) {
            case RECV_BUFFER_SIZE:
            case SEND_BUFFER_SIZE: {
                int v = (Integer) value;
                return v == 0 ? 1 : v < 0 ? Integer.MAX_VALUE : v;
            }
            case LINGER: {
                Linger l = (Linger) value;
                return l.on() ? (l.timeout() < 0 ? 65535 : Math.min(l.timeout(), 65535)) : -1;
            }
            default:
                return value;
        }
    }

    @SuppressWarnings("unchecked")
    static void set(Socket socket, SocketOption option, Object value) throws ErrnoException {
        try {
            socket.setOption((java.net.SocketOption<Object>) of(option), toJava(option, value));
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        }
    }

    /**
     * The value as Linux's {@code getsockopt} gives it. java.net halves SO_RCVBUF/SO_SNDBUF on Linux (to
     * undo the kernel's doubling); Linux reports the doubled size, so it is doubled back.
     */
    static Object fromJava(SocketOption option, Object value) {
        if ((option == SocketOption.RECV_BUFFER_SIZE || option == SocketOption.SEND_BUFFER_SIZE)
                && value instanceof Integer) {
            return (int) Math.min(Integer.MAX_VALUE, 2L * (Integer) value);
        }
        return value;
    }

    static Object get(Socket socket, SocketOption option) throws ErrnoException {
        try {
            return fromJava(option, socket.getOption(of(option)));
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        }
    }

    /** Whether a {@link ServerSocket} takes this option itself (the others live on a shadow socket). */
    static boolean onServer(ServerSocket server, SocketOption option) {
        java.net.SocketOption<?> o = of(option);
        return o != null && option != SocketOption.LINGER && server.supportedOptions().contains(o);
    }

    @SuppressWarnings("unchecked")
    static void set(ServerSocket server, SocketOption option, Object value) throws ErrnoException {
        try {
            server.setOption((java.net.SocketOption<Object>) of(option), toJava(option, value));
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        }
    }

    static Object get(ServerSocket server, SocketOption option) throws ErrnoException {
        try {
            return fromJava(option, server.getOption(of(option)));
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        }
    }

    private static Set<SocketOption> probe() {
        Set<SocketOption> out = EnumSet.noneOf(SocketOption.class);
        Set<java.net.SocketOption<?>> javaSide;
        try (Socket s = new Socket()) {
            javaSide = s.supportedOptions();
        } catch (IOException | RuntimeException | LinkageError e) {
            return Collections.unmodifiableSet(out);
        }
        for (SocketOption o : SocketOption.values()) {
            java.net.SocketOption<?> j;
            try {
                j = of(o);
            } catch (LinkageError e) {
                continue;
            }
            if (j != null && javaSide.contains(j)) {
                out.add(o);
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
