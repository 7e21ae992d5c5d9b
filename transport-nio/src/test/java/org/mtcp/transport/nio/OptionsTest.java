package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;

/** Every option NIO can carry, and ENOPROTOOPT for the rest. */
class OptionsTest extends NioTransportTestBase {

    @Test
    void theListIsWhatNioCanDo() {
        EnumSet<SocketOption> expected = EnumSet.of(SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.REUSEPORT, SocketOption.TCP_NODELAY, SocketOption.LINGER, SocketOption.IPV6_V6ONLY,
                SocketOption.TCP_KEEPIDLE, SocketOption.TCP_KEEPCNT, SocketOption.TCP_KEEPINTVL,
                SocketOption.RECV_BUFFER_SIZE, SocketOption.SEND_BUFFER_SIZE, SocketOption.ERROR);
        assertEquals(expected, t.options());
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void unsupportedOptionsAreEnoprotoopt(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        for (SocketOption o : SocketOption.values()) {
            if (!t.options().contains(o)) {
                Object v = o.type() == String.class ? "lo" : o.type() == Integer.class ? (Object) 1 : Boolean.TRUE;
                assertErrno(Errno.ENOPROTOOPT, () -> t.setOption(s, o, v));
                assertErrno(Errno.ENOPROTOOPT, () -> t.getOption(s, o));
            }
        }
        assertErrno(Errno.ENOPROTOOPT, () -> t.setOption(s, SocketOption.ERROR, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void booleanOptionsDefaultOffAndRoundTrip(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        for (SocketOption o : new SocketOption[] {SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.REUSEPORT, SocketOption.TCP_NODELAY}) {
            assertEquals(false, t.getOption(s, o), o.luaName());
            t.setOption(s, o, true);
            assertEquals(true, t.getOption(s, o), o.luaName());
            t.setOption(s, o, false);
            assertEquals(false, t.getOption(s, o), o.luaName());
        }
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.KEEPALIVE, 1));
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.KEEPALIVE, null));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void lingerAsLinuxReportsIt(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        assertEquals(new Linger(false, 0), t.getOption(s, SocketOption.LINGER));
        t.setOption(s, SocketOption.LINGER, new Linger(true, 5));
        assertEquals(new Linger(true, 5), t.getOption(s, SocketOption.LINGER));
        t.setOption(s, SocketOption.LINGER, new Linger(false, 0));
        assertEquals(new Linger(false, 5), t.getOption(s, SocketOption.LINGER), "Linux keeps the time while off");
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.LINGER, true));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void keepaliveTuningWithLinuxRanges(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.setOption(s, SocketOption.TCP_KEEPIDLE, 30);
        assertEquals(30, t.getOption(s, SocketOption.TCP_KEEPIDLE));
        t.setOption(s, SocketOption.TCP_KEEPINTVL, 7);
        assertEquals(7, t.getOption(s, SocketOption.TCP_KEEPINTVL));
        t.setOption(s, SocketOption.TCP_KEEPCNT, 4);
        assertEquals(4, t.getOption(s, SocketOption.TCP_KEEPCNT));
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.TCP_KEEPIDLE, 0));
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.TCP_KEEPCNT, 1000));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void bufferSizesAsTheKernelDoublesThem(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.setOption(s, SocketOption.RECV_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(s, SocketOption.RECV_BUFFER_SIZE));
        t.setOption(s, SocketOption.SEND_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(s, SocketOption.SEND_BUFFER_SIZE));
        t.setOption(s, SocketOption.SEND_BUFFER_SIZE, -5); // Linux clamps an "unsigned" -5 to the maximum
        assertTrue((Integer) t.getOption(s, SocketOption.SEND_BUFFER_SIZE) > 16384);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void optionsSetBeforeListenCarryOverAndAcceptedSocketsInheritThem(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.setOption(s, SocketOption.REUSEADDR, true);
        t.setOption(s, SocketOption.TCP_NODELAY, true);
        t.setOption(s, SocketOption.KEEPALIVE, true);
        t.setOption(s, SocketOption.TCP_KEEPIDLE, 42);
        t.setOption(s, SocketOption.LINGER, new Linger(true, 3));
        t.setOption(s, SocketOption.RECV_BUFFER_SIZE, 32768);
        t.bind(s, Net.lo(f, 0));
        t.listen(s, 4);
        assertEquals(true, t.getOption(s, SocketOption.REUSEADDR));
        assertEquals(true, t.getOption(s, SocketOption.TCP_NODELAY));
        assertEquals(true, t.getOption(s, SocketOption.KEEPALIVE));
        assertEquals(42, t.getOption(s, SocketOption.TCP_KEEPIDLE));
        assertEquals(new Linger(true, 3), t.getOption(s, SocketOption.LINGER));
        assertEquals(65536, t.getOption(s, SocketOption.RECV_BUFFER_SIZE));
        assertEquals(false, t.getOption(s, SocketOption.REUSEPORT));
        int c = t.socket(f);
        t.connect(c, Net.lo(f, Net.port(t, s)), 5 * SECOND);
        int a = t.accept(s, 5 * SECOND);
        assertEquals(true, t.getOption(a, SocketOption.TCP_NODELAY), "inherited as on Linux");
        assertEquals(true, t.getOption(a, SocketOption.KEEPALIVE));
        assertEquals(42, t.getOption(a, SocketOption.TCP_KEEPIDLE));
        assertEquals(new Linger(true, 3), t.getOption(a, SocketOption.LINGER));
        assertEquals(false, t.getOption(c, SocketOption.TCP_NODELAY), "the client has its own");
        // Options set on the listening socket itself reach later accepted sockets too.
        t.setOption(s, SocketOption.TCP_NODELAY, false);
        assertEquals(false, t.getOption(s, SocketOption.TCP_NODELAY));
        t.setOption(s, SocketOption.SEND_BUFFER_SIZE, 8192);
        assertEquals(16384, t.getOption(s, SocketOption.SEND_BUFFER_SIZE), "held for accepted sockets, doubled as Linux reports");
        int c2 = t.socket(f);
        t.connect(c2, Net.lo(f, Net.port(t, s)), 5 * SECOND);
        int a2 = t.accept(s, 5 * SECOND);
        assertEquals(false, t.getOption(a2, SocketOption.TCP_NODELAY));
        assertEquals(16384, t.getOption(a2, SocketOption.SEND_BUFFER_SIZE));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void aListenerWithoutExplicitOptionsHasLinuxDefaults(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        assertEquals(false, t.getOption(s, SocketOption.REUSEADDR), "not the JDK's server default");
        assertEquals(false, t.getOption(s, SocketOption.KEEPALIVE));
        assertEquals(false, t.getOption(s, SocketOption.TCP_NODELAY));
        assertEquals(new Linger(false, 0), t.getOption(s, SocketOption.LINGER));
        assertTrue((Integer) t.getOption(s, SocketOption.SEND_BUFFER_SIZE) > 0);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void errorOptionIsZeroOnAHealthySocket(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        assertEquals(0, t.getOption(p.client(), SocketOption.ERROR));
        assertEquals(0, t.getOption(p.server(), SocketOption.ERROR));
        assertFalse(t.capabilities().contains(org.mtcp.spi.Capability.LINUX_TCP_OPTIONS),
                "no tcp-defer-accept/tcp-fastopen over NIO");
    }
}
