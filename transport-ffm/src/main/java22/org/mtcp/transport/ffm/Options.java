package org.mtcp.transport.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;

/**
 * {@link SocketOption}s as {@code setsockopt}/{@code getsockopt} levels, names and value encodings. The
 * kernel decides what is valid (EINVAL, ENOPROTOOPT, EPERM...); values are only checked for their Java
 * type and encoded into the calling thread's scratch memory.
 */
final class Options {
    private Options() {
    }

    private static int level(SocketOption o) {
        return switch (o) {
            case KEEPALIVE, REUSEADDR, REUSEPORT, LINGER, RECV_BUFFER_SIZE, SEND_BUFFER_SIZE, BINDTODEVICE, ERROR ->
                    Linux.SOL_SOCKET;
            case TCP_NODELAY, TCP_KEEPIDLE, TCP_KEEPCNT, TCP_KEEPINTVL, TCP_DEFER_ACCEPT, TCP_FASTOPEN,
                    TCP_FASTOPEN_CONNECT -> Linux.IPPROTO_TCP;
            case IPV6_V6ONLY -> Linux.IPPROTO_IPV6;
        };
    }

    private static int name(SocketOption o) {
        return switch (o) {
            case KEEPALIVE -> Linux.SO_KEEPALIVE;
            case REUSEADDR -> Linux.SO_REUSEADDR;
            case REUSEPORT -> Linux.SO_REUSEPORT;
            case LINGER -> Linux.SO_LINGER;
            case RECV_BUFFER_SIZE -> Linux.SO_RCVBUF;
            case SEND_BUFFER_SIZE -> Linux.SO_SNDBUF;
            case BINDTODEVICE -> Linux.SO_BINDTODEVICE;
            case ERROR -> Linux.SO_ERROR;
            case TCP_NODELAY -> Linux.TCP_NODELAY;
            case TCP_KEEPIDLE -> Linux.TCP_KEEPIDLE;
            case TCP_KEEPCNT -> Linux.TCP_KEEPCNT;
            case TCP_KEEPINTVL -> Linux.TCP_KEEPINTVL;
            case TCP_DEFER_ACCEPT -> Linux.TCP_DEFER_ACCEPT;
            case TCP_FASTOPEN -> Linux.TCP_FASTOPEN;
            case TCP_FASTOPEN_CONNECT -> Linux.TCP_FASTOPEN_CONNECT;
            case IPV6_V6ONLY -> Linux.IPV6_V6ONLY;
        };
    }

    /** Sets an option on a descriptor the caller holds. */
    static void set(Scratch s, int fd, SocketOption o, Object value) throws ErrnoException {
        if (value == null || !o.type().isInstance(value)) {
            throw new IllegalArgumentException("option " + o.luaName() + " takes a " + o.type().getSimpleName()
                    + ", got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        MemorySegment v = s.opt;
        int len;
        if (value instanceof Boolean b) {
            v.set(JAVA_INT, 0, b ? 1 : 0);
            len = 4;
        } else if (value instanceof Integer i) {
            v.set(JAVA_INT, 0, i);
            len = 4;
        } else if (value instanceof Linger l) {
            v.set(JAVA_INT, 0, l.on() ? 1 : 0);
            v.set(JAVA_INT, 4, l.timeout());
            len = 8;
        } else {
            // As LuaSocket: the name up to its first NUL, plus the NUL. The kernel keeps at most
            // IFNAMSIZ-1 bytes, so longer names are cut before copying without changing the outcome.
            byte[] name = ((String) value).getBytes(StandardCharsets.UTF_8);
            int n = 0;
            while (n < name.length && name[n] != 0) {
                n++;
            }
            n = Math.min(n, (int) v.byteSize() - 1);
            MemorySegment.copy(name, 0, v, JAVA_BYTE, 0, n);
            v.set(JAVA_BYTE, n, (byte) 0);
            len = n + 1;
        }
        if (Libc.setsockopt(s.capture, fd, level(o), name(o), v, len) < 0) {
            throw new ErrnoException(s.errno());
        }
    }

    /** Reads an option from a descriptor the caller holds. */
    static Object get(Scratch s, int fd, SocketOption o) throws ErrnoException {
        MemorySegment v = s.opt;
        v.fill((byte) 0);
        int size = switch (o) {
            case LINGER -> 8;
            case BINDTODEVICE -> Linux.IFNAMSIZ;
            default -> 4;
        };
        s.len.set(JAVA_INT, 0, size);
        if (Libc.getsockopt(s.capture, fd, level(o), name(o), v, s.len) < 0) {
            throw new ErrnoException(s.errno());
        }
        int got = Math.max(0, Math.min(size, s.len.get(JAVA_INT, 0)));
        if (o == SocketOption.BINDTODEVICE) {
            int n = 0;
            while (n < got && v.get(JAVA_BYTE, n) != 0) {
                n++;
            }
            byte[] b = new byte[n];
            MemorySegment.copy(v, JAVA_BYTE, 0, b, 0, n);
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o == SocketOption.LINGER) {
            return new Linger(v.get(JAVA_INT, 0) != 0, v.get(JAVA_INT, 4));
        }
        // The buffer was zeroed, so a shorter (little-endian) answer reads correctly as an int.
        int value = v.get(JAVA_INT, 0);
        return o.type() == Boolean.class ? (Object) (value != 0) : (Object) value;
    }
}
