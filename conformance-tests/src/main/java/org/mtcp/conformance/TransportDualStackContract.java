package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.MS;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;
import static org.mtcp.conformance.Sockets.mapped;

import org.junit.jupiter.api.Test;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * IPv6 sockets next to IPv4: dual-stack by default (v4-mapped addresses), and {@code IPV6_V6ONLY} as a
 * security property that holds as the kernel enforces it — or that the transport refuses to set.
 */
public interface TransportDualStackContract extends TransportConformance {

    @Test
    default void T69_aDualStackSocketReachesIpv4ThroughMappedAddressesUnlessV6only(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        s.assume(Family.INET6);
        int l = s.listener(Family.INET);
        int dual = t.socket(Family.INET6);
        SockAddr to = mapped(s.port(l));
        assertEquals(0, t.connect(dual, to, PROMPT));
        assertEquals(to, t.remoteAddress(dual), "a 28-byte v4-mapped address, as Linux reports");
        assertTrue(t.remoteAddress(dual).isV4Mapped());
        assertEquals(28, t.localAddress(dual).length());
        assertTrue(t.localAddress(dual).isV4Mapped());
        int only = t.socket(Family.INET6);
        t.setOption(only, SocketOption.IPV6_V6ONLY, true);
        assertEquals(101, errno(() -> t.connect(only, mapped(s.port(l)), FOREVER)));
        assertEquals(Errno.ENETUNREACH, errno(() -> t.connect(only, mapped(s.port(l)), PROMPT)));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(only, mapped(0))));
        int l6 = s.listener(Family.INET6);
        assertEquals(0, t.connect(only, lo(Family.INET6, s.port(l6)), PROMPT), "IPv6 still works");
    }

    @Test
    default void T70_anIpv6WildcardListenerSeesIpv4PeersAsMappedAddresses(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.socket(Family.INET6);
        t.bind(l, Sockets.any(Family.INET6, 0));
        t.listen(l, 8);
        int c = t.socket(Family.INET);
        assertEquals(0, t.connect(c, lo(Family.INET, s.port(l)), FOREVER));
        int a = t.accept(l, PROMPT);
        assertTrue(a >= 0);
        SockAddr peer = t.remoteAddress(a);
        assertEquals(Family.INET6, peer.family());
        assertTrue(peer.isV4Mapped());
        assertEquals("::ffff:127.0.0.1", peer.hostText());
        assertEquals(t.localAddress(c).port(), peer.port());
    }

    /**
     * The security property LuaSocket documents for {@code tcp6()} (and the README repeats): a v6-only
     * socket bound to {@code ::} takes no IPv4 connection at all. As on Linux, an IPv4 client is refused
     * (nobody listens on IPv4), not accepted and then dropped. A transport that cannot keep it must refuse
     * to set the option instead.
     */
    @Test
    default void T71_aV6onlyListenerOnTheWildcardRefusesIpv4Clients(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.socket(Family.INET6);
        try {
            t.setOption(l, SocketOption.IPV6_V6ONLY, true);
        } catch (ErrnoException refused) {
            return; // the transport refuses what it cannot keep: allowed
        }
        t.bind(l, Sockets.any(Family.INET6, 0));
        if (!t.capabilities().contains(Capability.KERNEL_V6ONLY)) {
            // A dual-stack-only platform cannot keep IPv4 clients off "::": it must refuse to listen there.
            assertEquals(Errno.EOPNOTSUPP, errno(() -> t.listen(l, 8)),
                    "without kernel v6-only, listening on [::] with IPV6_V6ONLY on is refused");
            return;
        }
        t.listen(l, 8);
        int port = s.port(l);
        int c4 = t.socket(Family.INET);
        int r = Sockets.resultOrErrno(() -> t.connect(c4, lo(Family.INET, port), PROMPT));
        assertEquals(-Errno.ECONNREFUSED, r, "an IPv4 client of a v6-only [::] listener must be refused (got "
                + (r < 0 ? "errno " + -r : "connected") + ")");
        assertEquals(Transport.TIMEOUT, t.accept(l, 200 * MS), "no IPv4 peer is handed over");
        int c6 = t.socket(Family.INET6);
        assertEquals(0, t.connect(c6, lo(Family.INET6, port), PROMPT));
        int a = t.accept(l, PROMPT);
        assertTrue(a >= 0);
        assertEquals(true, t.getOption(a, SocketOption.IPV6_V6ONLY), "inherited");
    }

    @Test
    default void T72_anIpv4WildcardListenerDoesNotAcceptIpv6Clients(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        s.assume(Family.INET6);
        int l = t.socket(Family.INET);
        t.bind(l, Sockets.any(Family.INET, 0));
        t.listen(l, 8);
        assertEquals(Sockets.any(Family.INET, s.port(l)), t.localAddress(l));
        int c6 = t.socket(Family.INET6);
        // Refused, unless another process holds [::1] on that port: either way this listener never sees it.
        Sockets.resultOrErrno(() -> t.connect(c6, lo(Family.INET6, s.port(l)), PROMPT));
        assertEquals(Transport.TIMEOUT, t.accept(l, 200 * MS));
        int c4 = t.socket(Family.INET);
        assertEquals(0, t.connect(c4, lo(Family.INET, s.port(l)), FOREVER));
        int a = t.accept(l, PROMPT);
        assertTrue(a >= 0);
        assertEquals(Family.INET, t.remoteAddress(a).family());
    }
}
