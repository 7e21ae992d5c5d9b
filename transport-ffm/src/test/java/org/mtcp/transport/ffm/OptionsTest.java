package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.SECOND;
import static org.mtcp.transport.ffm.Net.assertErrno;

import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** Every {@link SocketOption} through setsockopt/getsockopt. */
class OptionsTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void everyOptionIsSupported() {
        assertEquals(EnumSet.allOf(SocketOption.class), t.options());
    }

    @ParameterizedTest
    @EnumSource(value = SocketOption.class, names = {"KEEPALIVE", "REUSEADDR", "REUSEPORT", "TCP_NODELAY"})
    void booleans(SocketOption o) throws Exception {
        for (Family f : new Family[] {Family.INET, Family.INET6}) {
            int fd = t.socket(f);
            assertEquals(false, t.getOption(fd, o));
            t.setOption(fd, o, true);
            assertEquals(true, t.getOption(fd, o));
            t.setOption(fd, o, false);
            assertEquals(false, t.getOption(fd, o));
        }
    }

    @Test
    void linger() throws Exception {
        int fd = t.socket(Family.INET);
        assertEquals(new Linger(false, 0), t.getOption(fd, SocketOption.LINGER));
        t.setOption(fd, SocketOption.LINGER, new Linger(true, 7));
        assertEquals(new Linger(true, 7), t.getOption(fd, SocketOption.LINGER));
        // Linux keeps the old time when lingering is switched off.
        t.setOption(fd, SocketOption.LINGER, new Linger(false, 3));
        assertEquals(new Linger(false, 7), t.getOption(fd, SocketOption.LINGER));
    }

    @Test
    void v6only() throws Exception {
        int fd = t.socket(Family.INET6);
        assertEquals(false, t.getOption(fd, SocketOption.IPV6_V6ONLY));
        t.setOption(fd, SocketOption.IPV6_V6ONLY, true);
        assertEquals(true, t.getOption(fd, SocketOption.IPV6_V6ONLY));
        int v4 = t.socket(Family.INET);
        assertErrno(Errno.ENOPROTOOPT, () -> t.setOption(v4, SocketOption.IPV6_V6ONLY, true));
        // Enforced by the kernel: next to an IPv4 wildcard listener, a dual-stack [::] bind on the same port
        // fails and a v6-only one succeeds. Other processes may hold the IPv6 port: then try another.
        for (int attempt = 0; ; attempt++) {
            int l4 = t.socket(Family.INET);
            t.bind(l4, org.mtcp.spi.SockAddr.inet(new byte[4], 0));
            int port = Net.port(t, l4);
            org.mtcp.spi.SockAddr any6 = org.mtcp.spi.SockAddr.inet6(new byte[16], port, 0, 0);
            int dual = t.socket(Family.INET6);
            assertErrno(Errno.EADDRINUSE, () -> t.bind(dual, any6));
            int only = t.socket(Family.INET6);
            t.setOption(only, SocketOption.IPV6_V6ONLY, true);
            try {
                t.bind(only, any6);
            } catch (ErrnoException e) {
                assertEquals(Errno.EADDRINUSE, e.errno());
                assertTrue(attempt < 20, "no free IPv6 port found");
                t.close(l4);
                t.close(dual);
                t.close(only);
                continue;
            }
            // Once bound, v6-only cannot change.
            assertErrno(Errno.EINVAL, () -> t.setOption(only, SocketOption.IPV6_V6ONLY, false));
            break;
        }
    }

    @Test
    void linuxTcpIntegers() throws Exception {
        int fd = t.socket(Family.INET);
        t.setOption(fd, SocketOption.TCP_KEEPIDLE, 77);
        assertEquals(77, t.getOption(fd, SocketOption.TCP_KEEPIDLE));
        t.setOption(fd, SocketOption.TCP_KEEPCNT, 5);
        assertEquals(5, t.getOption(fd, SocketOption.TCP_KEEPCNT));
        t.setOption(fd, SocketOption.TCP_KEEPINTVL, 9);
        assertEquals(9, t.getOption(fd, SocketOption.TCP_KEEPINTVL));
        // LuaSocket turns a nil value into 0, which the kernel rejects.
        assertErrno(Errno.EINVAL, () -> t.setOption(fd, SocketOption.TCP_KEEPIDLE, 0));
        assertErrno(Errno.EINVAL, () -> t.setOption(fd, SocketOption.TCP_KEEPCNT, -1));
        t.setOption(fd, SocketOption.TCP_DEFER_ACCEPT, 3);
        assertTrue((Integer) t.getOption(fd, SocketOption.TCP_DEFER_ACCEPT) >= 3);
        t.setOption(fd, SocketOption.TCP_FASTOPEN, 5);
        t.setOption(fd, SocketOption.TCP_FASTOPEN_CONNECT, 1);
        assertEquals(1, t.getOption(fd, SocketOption.TCP_FASTOPEN_CONNECT));
    }

    @Test
    void bufferSizesAreDoubledByLinux() throws Exception {
        int fd = t.socket(Family.INET);
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(fd, SocketOption.RECV_BUFFER_SIZE));
        t.setOption(fd, SocketOption.SEND_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(fd, SocketOption.SEND_BUFFER_SIZE));
    }

    @Test
    void bindToDevice() throws Exception {
        int fd = t.socket(Family.INET);
        assertEquals("", t.getOption(fd, SocketOption.BINDTODEVICE));
        try {
            t.setOption(fd, SocketOption.BINDTODEVICE, "lo");
            assertEquals("lo", t.getOption(fd, SocketOption.BINDTODEVICE));
        } catch (ErrnoException e) {
            assertEquals(Errno.EPERM, e.errno(), "needs CAP_NET_RAW on older kernels");
        }
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> t.setOption(fd, SocketOption.BINDTODEVICE, "no-such-interface-with-a-long-name-" + "x".repeat(500)));
        assertTrue(e.errno() == 19 /* ENODEV */ || e.errno() == Errno.EPERM, e.getMessage());
    }

    @Test
    void pendingErrorIsReadAndCleared() throws Exception {
        int bound = t.socket(Family.INET);
        t.bind(bound, Net.loopback(Family.INET, 0));
        int c = t.socket(Family.INET);
        try {
            if (t.connect(c, Net.loopback(Family.INET, Net.port(t, bound)), 0) != Transport.TIMEOUT) {
                return;
            }
        } catch (ErrnoException refusedAtOnce) {
            return;
        }
        t.poll(new int[] {c}, new int[] {Transport.POLLOUT}, new int[1], 1, 5 * SECOND);
        assertEquals(Errno.ECONNREFUSED, t.getOption(c, SocketOption.ERROR));
        assertEquals(0, t.getOption(c, SocketOption.ERROR));
        assertErrno(Errno.ENOPROTOOPT, () -> t.setOption(c, SocketOption.ERROR, 1));
    }

    @Test
    void wrongValueTypesAreRejectedBeforeAnyCall() throws Exception {
        int fd = t.socket(Family.INET);
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.KEEPALIVE, 1));
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.TCP_KEEPIDLE, true));
        assertThrows(IllegalArgumentException.class, () -> t.setOption(fd, SocketOption.LINGER, null));
        assertThrows(NullPointerException.class, () -> t.setOption(fd, null, true));
    }
}
