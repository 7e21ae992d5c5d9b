package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;

/** IPV6_V6ONLY, emulated: NIO cannot set it, so it is not declared as a kernel capability. */
class V6OnlyTest extends NioTransportTestBase {

    @BeforeEach
    void needIpv6() {
        Net.assume(Family.INET6);
    }

    @Test
    void notDeclaredAsKernelEnforced() {
        assertTrue(t.capabilities().contains(Capability.IPV6));
        assertFalse(t.capabilities().contains(Capability.KERNEL_V6ONLY));
    }

    @Test
    void offByDefaultAndSettableBeforeBindOnly() throws Exception {
        int s = t.socket(Family.INET6);
        assertEquals(false, t.getOption(s, SocketOption.IPV6_V6ONLY));
        t.setOption(s, SocketOption.IPV6_V6ONLY, true);
        assertEquals(true, t.getOption(s, SocketOption.IPV6_V6ONLY));
        t.bind(s, Net.lo(Family.INET6, 0));
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.IPV6_V6ONLY, false));
        assertErrno(Errno.EINVAL, () -> t.setOption(s, SocketOption.IPV6_V6ONLY, true));
        int l = Net.listener(t, Family.INET6);
        assertErrno(Errno.EINVAL, () -> t.setOption(l, SocketOption.IPV6_V6ONLY, true));
        int v4 = t.socket(Family.INET);
        assertErrno(Errno.ENOPROTOOPT, () -> t.setOption(v4, SocketOption.IPV6_V6ONLY, true));
    }

    @Test
    void dualStackSocketReachesIpv4AndReportsMappedAddresses() throws Exception {
        int s = Net.listener(t, Family.INET);
        int c = t.socket(Family.INET6);
        SockAddr to = Net.mapped(Net.port(t, s));
        assertEquals(0, t.connect(c, to, 5 * SECOND));
        assertEquals(to, t.remoteAddress(c), "a 28-byte v4-mapped address, as Linux reports");
        assertEquals(28, t.localAddress(c).length());
        assertTrue(t.localAddress(c).isV4Mapped());
    }

    @Test
    void v6onlySocketRefusesMappedDestinationsAndAddresses() throws Exception {
        int s = Net.listener(t, Family.INET);
        int c = t.socket(Family.INET6);
        t.setOption(c, SocketOption.IPV6_V6ONLY, true);
        assertErrno(Errno.ENETUNREACH, () -> t.connect(c, Net.mapped(Net.port(t, s)), 5 * SECOND));
        assertErrno(Errno.EINVAL, () -> t.bind(c, Net.mapped(0)));
        int l = Net.listener(t, Family.INET6);
        assertEquals(0, t.connect(c, Net.lo(Family.INET6, Net.port(t, l)), 5 * SECOND), "IPv6 still works");
    }

    @Test
    void v6onlyListenOnTheWildcardIsRefusedAsNioIsDualStack() throws Exception {
        int l = t.socket(Family.INET6);
        t.setOption(l, SocketOption.IPV6_V6ONLY, true);
        t.bind(l, SockAddr.inet6(new byte[16], 0, 0, 0));
        assertErrno(Errno.EOPNOTSUPP, () -> t.listen(l, 8));
        int unbound = t.socket(Family.INET6);
        t.setOption(unbound, SocketOption.IPV6_V6ONLY, true);
        assertErrno(Errno.EOPNOTSUPP, () -> t.listen(unbound, 8));
        int lo = t.socket(Family.INET6);
        t.setOption(lo, SocketOption.IPV6_V6ONLY, true);
        t.bind(lo, Net.lo(Family.INET6, 0));
        t.listen(lo, 8);
        int v6 = t.socket(Family.INET6);
        assertEquals(0, t.connect(v6, Net.lo(Family.INET6, Net.port(t, lo)), 5 * SECOND));
        int a = t.accept(lo, 5 * SECOND);
        assertTrue(a >= 0);
        assertEquals(true, t.getOption(a, SocketOption.IPV6_V6ONLY), "inherited");
    }
}
