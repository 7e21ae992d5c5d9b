package org.mtcp.transport.nio;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.JdkErrors;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;

/**
 * Which of our options NIO can carry, and how values convert. Two options are emulated by the socket
 * itself and have no JDK counterpart: {@link SocketOption#ERROR} and {@link SocketOption#IPV6_V6ONLY}.
 */
final class Options {
    /** Our options mapped to the JDK's, for those a {@code SocketChannel} supports here. */
    private static final Map<SocketOption, java.net.SocketOption<?>> JDK;
    /** Everything {@link org.mtcp.spi.Transport#options()} lists. */
    static final Set<SocketOption> SUPPORTED;

    static {
        Map<SocketOption, java.net.SocketOption<?>> m = new EnumMap<>(SocketOption.class);
        m.put(SocketOption.KEEPALIVE, StandardSocketOptions.SO_KEEPALIVE);
        m.put(SocketOption.REUSEADDR, StandardSocketOptions.SO_REUSEADDR);
        m.put(SocketOption.REUSEPORT, StandardSocketOptions.SO_REUSEPORT);
        m.put(SocketOption.TCP_NODELAY, StandardSocketOptions.TCP_NODELAY);
        m.put(SocketOption.LINGER, StandardSocketOptions.SO_LINGER);
        m.put(SocketOption.RECV_BUFFER_SIZE, StandardSocketOptions.SO_RCVBUF);
        m.put(SocketOption.SEND_BUFFER_SIZE, StandardSocketOptions.SO_SNDBUF);
        try {
            m.putAll(KeepaliveTuning.options());
        } catch (LinkageError noJdkNet) {
            // Without jdk.net the keepalive tuning options are simply not offered.
        }
        Set<java.net.SocketOption<?>> here;
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.INET)) {
            here = probe.supportedOptions();
        } catch (IOException | RuntimeException e) {
            here = Set.of(StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_REUSEADDR,
                    StandardSocketOptions.TCP_NODELAY, StandardSocketOptions.SO_LINGER,
                    StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF);
        }
        Set<java.net.SocketOption<?>> supportedHere = here;
        m.values().removeIf(o -> !supportedHere.contains(o));
        JDK = m;
        EnumSet<SocketOption> all = EnumSet.noneOf(SocketOption.class);
        all.addAll(m.keySet());
        all.add(SocketOption.ERROR);
        all.add(SocketOption.IPV6_V6ONLY);
        SUPPORTED = Collections.unmodifiableSet(all);
    }

    private Options() {
    }

    /** The JDK option behind one of ours, or null when it is emulated or unsupported. */
    static java.net.SocketOption<?> jdk(SocketOption o) {
        return JDK.get(o);
    }

    /** Checks a value's type; EINVAL for the wrong one (or null). */
    static void checkType(SocketOption o, Object value) throws ErrnoException {
        if (!o.type().isInstance(value)) {
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    /** Our value as the JDK wants it, with Linux's rules where the JDK's differ. */
    static Object toJdk(SocketOption o, Object value) throws ErrnoException {
        switch (o) {
            case LINGER: {
                Linger l = (Linger) value;
                if (!l.on()) {
                    return -1;
                }
                if (l.timeout() < 0) {
                    // Linux would store an unusable huge time; refusing is the honest answer here.
                    throw new ErrnoException(Errno.EINVAL);
                }
                return l.timeout();
            }
            case RECV_BUFFER_SIZE:
            case SEND_BUFFER_SIZE:
                // Linux reads the int as unsigned and clamps it to the maximum; the JDK refuses negatives.
                return ((Integer) value) < 0 ? Integer.MAX_VALUE : value;
            default:
                return value;
        }
    }

    /** The JDK's value as ours; {@code lingerTime} is what a linger that is off still reports. */
    static Object fromJdk(SocketOption o, Object value, int lingerTime) {
        switch (o) {
            case LINGER: {
                int v = (Integer) value;
                return v >= 0 ? new Linger(true, v) : new Linger(false, lingerTime);
            }
            case RECV_BUFFER_SIZE:
            case SEND_BUFFER_SIZE:
                // On Linux the JDK halves what getsockopt says (to match what was set); Linux callers see
                // the kernel's doubled number.
                return (int) Math.min(Integer.MAX_VALUE, 2L * (Integer) value);
            default:
                return value;
        }
    }

    /**
     * What Linux would report for a buffer size set on a socket whose channel cannot hold it (a listening
     * socket's send buffer): the doubled value, at least the kernel's minimum.
     */
    static int kernelBufferSize(SocketOption o, int value) {
        long v = value < 0 ? Integer.MAX_VALUE : value;
        long min = o == SocketOption.SEND_BUFFER_SIZE ? 4608 : 2304;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2 * v, min));
    }

    /** Sets a JDK option on a channel, with failures as errnos. */
    @SuppressWarnings("unchecked")
    static void set(NetworkChannel c, java.net.SocketOption<?> o, Object value) throws ErrnoException {
        try {
            c.setOption((java.net.SocketOption<Object>) o, value);
        } catch (ClosedChannelException e) {
            throw new ErrnoException(Errno.EBADF, e);
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, e);
        }
    }

    /** Reads a JDK option from a channel, with failures as errnos. */
    static Object get(NetworkChannel c, java.net.SocketOption<?> o) throws ErrnoException {
        try {
            return c.getOption(o);
        } catch (ClosedChannelException e) {
            throw new ErrnoException(Errno.EBADF, e);
        } catch (IOException e) {
            throw JdkErrors.toErrno(e);
        } catch (UnsupportedOperationException e) {
            throw new ErrnoException(Errno.ENOPROTOOPT, e);
        }
    }
}
