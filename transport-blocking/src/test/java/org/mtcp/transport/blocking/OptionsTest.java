package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;

class OptionsTest extends TransportFixture {
    private static final EnumSet<SocketOption> UNSUPPORTED = EnumSet.of(SocketOption.BINDTODEVICE,
            SocketOption.TCP_DEFER_ACCEPT, SocketOption.TCP_FASTOPEN, SocketOption.TCP_FASTOPEN_CONNECT);

    @Test
    void theListedOptionsAreWhatJavaNetCanDo() {
        assertTrue(t.options().containsAll(EnumSet.of(SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.TCP_NODELAY, SocketOption.LINGER, SocketOption.RECV_BUFFER_SIZE,
                SocketOption.SEND_BUFFER_SIZE, SocketOption.TCP_KEEPIDLE, SocketOption.TCP_KEEPCNT,
                SocketOption.TCP_KEEPINTVL, SocketOption.ERROR, SocketOption.IPV6_V6ONLY)), t.options().toString());
        for (SocketOption o : UNSUPPORTED) {
            assertFalse(t.options().contains(o), o.toString());
        }
    }

    @Test
    void unsupportedOptionsAreEnoprotoopt() throws Exception {
        int fd = t.socket(Family.INET);
        assertEquals(92, errno(() -> t.setOption(fd, SocketOption.BINDTODEVICE, "lo")));
        assertEquals(92, errno(() -> t.getOption(fd, SocketOption.BINDTODEVICE)));
        assertEquals(92, errno(() -> t.setOption(fd, SocketOption.TCP_FASTOPEN, 5)));
        assertEquals(92, errno(() -> t.setOption(fd, SocketOption.ERROR, 0)));
        assertEquals(92, errno(() -> t.setOption(fd, SocketOption.IPV6_V6ONLY, true)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void defaultsAndRoundTripsOnAFreshSocket(Family f) throws Exception {
        assumeFamily(f);
        int fd = t.socket(f);
        for (SocketOption o : new SocketOption[] {SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.TCP_NODELAY}) {
            assertEquals(false, t.getOption(fd, o), o + " default");
            t.setOption(fd, o, true);
            assertEquals(true, t.getOption(fd, o), o.toString());
            t.setOption(fd, o, false);
            assertEquals(false, t.getOption(fd, o), o.toString());
        }
        if (t.options().contains(SocketOption.REUSEPORT)) {
            assertEquals(false, t.getOption(fd, SocketOption.REUSEPORT));
            t.setOption(fd, SocketOption.REUSEPORT, true);
            assertEquals(true, t.getOption(fd, SocketOption.REUSEPORT));
        }
        assertEquals(new Linger(false, 0), t.getOption(fd, SocketOption.LINGER));
        t.setOption(fd, SocketOption.LINGER, new Linger(true, 5));
        assertEquals(new Linger(true, 5), t.getOption(fd, SocketOption.LINGER));
        // Linux keeps the last timeout when linger is switched off.
        t.setOption(fd, SocketOption.LINGER, new Linger(false, 7));
        assertEquals(new Linger(false, 5), t.getOption(fd, SocketOption.LINGER));
        t.setOption(fd, SocketOption.TCP_KEEPIDLE, 30);
        assertEquals(30, t.getOption(fd, SocketOption.TCP_KEEPIDLE));
        t.setOption(fd, SocketOption.TCP_KEEPCNT, 4);
        assertEquals(4, t.getOption(fd, SocketOption.TCP_KEEPCNT));
        t.setOption(fd, SocketOption.TCP_KEEPINTVL, 11);
        assertEquals(11, t.getOption(fd, SocketOption.TCP_KEEPINTVL));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.TCP_KEEPIDLE, 0)));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.TCP_KEEPCNT, -1)));
        // Buffer sizes: the kernel doubles what it is given and has a floor; 0 and negatives are accepted.
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 4096);
        assertEquals(8192, t.getOption(fd, SocketOption.RECV_BUFFER_SIZE));
        t.setOption(fd, SocketOption.SEND_BUFFER_SIZE, 16384);
        assertEquals(32768, t.getOption(fd, SocketOption.SEND_BUFFER_SIZE));
        t.setOption(fd, SocketOption.RECV_BUFFER_SIZE, 0);
        int floor = (Integer) t.getOption(fd, SocketOption.RECV_BUFFER_SIZE);
        assertTrue(floor > 0 && floor < 8192, "floor " + floor);
        t.setOption(fd, SocketOption.SEND_BUFFER_SIZE, -1);
        assertTrue((Integer) t.getOption(fd, SocketOption.SEND_BUFFER_SIZE) > 32768);
        assertEquals(0, t.getOption(fd, SocketOption.ERROR));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.KEEPALIVE, 1)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void optionsSetBeforeListenStayOnTheListenerAndPassToAcceptedSockets(Family f) throws Exception {
        assumeFamily(f);
        int l = t.socket(f);
        t.setOption(l, SocketOption.REUSEADDR, true);
        t.setOption(l, SocketOption.KEEPALIVE, true);
        t.setOption(l, SocketOption.TCP_NODELAY, true);
        t.setOption(l, SocketOption.TCP_KEEPIDLE, 42);
        t.setOption(l, SocketOption.LINGER, new Linger(true, 3));
        t.setOption(l, SocketOption.SEND_BUFFER_SIZE, 20000);
        t.bind(l, loopback(f, 0));
        t.listen(l, 8);
        assertEquals(true, t.getOption(l, SocketOption.REUSEADDR));
        assertEquals(true, t.getOption(l, SocketOption.KEEPALIVE));
        assertEquals(true, t.getOption(l, SocketOption.TCP_NODELAY));
        assertEquals(42, t.getOption(l, SocketOption.TCP_KEEPIDLE));
        assertEquals(new Linger(true, 3), t.getOption(l, SocketOption.LINGER));
        assertEquals(40000, t.getOption(l, SocketOption.SEND_BUFFER_SIZE));
        t.setOption(l, SocketOption.TCP_KEEPCNT, 3); // set on the listener itself
        int c = t.socket(f);
        t.connect(c, loopback(f, port(l)), FOREVER);
        int s = t.accept(l, ms(PROMPT_MS));
        assertEquals(true, t.getOption(s, SocketOption.REUSEADDR), "inherited by the kernel, not replayed");
        assertEquals(true, t.getOption(s, SocketOption.KEEPALIVE));
        assertEquals(true, t.getOption(s, SocketOption.TCP_NODELAY));
        assertEquals(42, t.getOption(s, SocketOption.TCP_KEEPIDLE));
        assertEquals(3, t.getOption(s, SocketOption.TCP_KEEPCNT));
        assertEquals(new Linger(true, 3), t.getOption(s, SocketOption.LINGER));
        assertEquals(40000, t.getOption(s, SocketOption.SEND_BUFFER_SIZE));
        // The connecting side has only its own defaults.
        assertEquals(false, t.getOption(c, SocketOption.KEEPALIVE));
    }

    @Test
    void reuseaddrLetsTwoSocketsBindButOnlyOneListen() throws Exception {
        int a = t.socket(Family.INET);
        t.setOption(a, SocketOption.REUSEADDR, true);
        t.bind(a, loopback(Family.INET, 0));
        int b = t.socket(Family.INET);
        t.setOption(b, SocketOption.REUSEADDR, true);
        t.bind(b, loopback(Family.INET, port(a)));
        t.listen(a, 4);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.listen(b, 4)));
        assertEquals(port(a), port(b));
    }

    @Test
    void listenerWithoutReuseaddrReportsFalse() throws Exception {
        int l = listener(Family.INET);
        assertEquals(false, t.getOption(l, SocketOption.REUSEADDR)); // java.net's ServerSocket default is true
    }

    @Test
    void v6onlyRules() throws Exception {
        assumeFamily(Family.INET6);
        int fd = t.socket(Family.INET6);
        assertEquals(false, t.getOption(fd, SocketOption.IPV6_V6ONLY)); // the Linux default
        t.setOption(fd, SocketOption.IPV6_V6ONLY, true);
        assertEquals(true, t.getOption(fd, SocketOption.IPV6_V6ONLY));
        t.bind(fd, loopback(Family.INET6, 0));
        assertEquals(Errno.EINVAL, errno(() -> t.setOption(fd, SocketOption.IPV6_V6ONLY, false)));
        int v4 = t.socket(Family.INET);
        assertEquals(Errno.ENOPROTOOPT, errno(() -> t.setOption(v4, SocketOption.IPV6_V6ONLY, true)));
        assertEquals(Errno.ENOPROTOOPT, errno(() -> t.getOption(v4, SocketOption.IPV6_V6ONLY)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void optionsSurviveARefusedConnect(Family f) throws Exception {
        assumeFamily(f);
        int dead = t.socket(f);
        t.bind(dead, loopback(f, 0));
        int c = t.socket(f);
        t.setOption(c, SocketOption.TCP_NODELAY, true);
        t.setOption(c, SocketOption.TCP_KEEPIDLE, 77);
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, loopback(f, port(dead)), FOREVER)));
        assertEquals(true, t.getOption(c, SocketOption.TCP_NODELAY));
        assertEquals(77, t.getOption(c, SocketOption.TCP_KEEPIDLE));
        int l = listener(f);
        assertEquals(0, t.connect(c, loopback(f, port(l)), FOREVER));
        assertEquals(true, t.getOption(c, SocketOption.TCP_NODELAY));
        assertEquals(77, t.getOption(c, SocketOption.TCP_KEEPIDLE));
    }
}
