package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.MS;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.async;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;
import static org.mtcp.conformance.Sockets.valueOf;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport#socket}, {@link Transport#bind}, {@link Transport#listen}, {@link Transport#accept},
 * the addresses and the descriptors: what Linux gives, with its errnos.
 */
public interface TransportBindContract extends TransportConformance {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T51_bindGivesThePortAtOnceAndListenKeepsTheAddress(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        SockAddr before = t.localAddress(fd);
        assertEquals(family, before.family());
        assertTrue(before.isWildcard());
        assertEquals(0, before.port(), "unbound: the wildcard, port 0");
        t.bind(fd, lo(family, 0));
        SockAddr a = t.localAddress(fd);
        assertEquals(family, a.family());
        assertEquals(family == Family.INET ? SockAddr.INET_SIZE : SockAddr.INET6_SIZE, a.length());
        assertTrue(a.port() > 0, "bind alone assigns the ephemeral port");
        assertArrayEquals(lo(family, 0).address(), a.address());
        assertEquals(lo(family, a.port()), a);
        // Bound but not listening: a connect is refused.
        int c = t.socket(family);
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, lo(family, a.port()), FOREVER)));
        t.listen(fd, 8);
        assertEquals(a, t.localAddress(fd), "listen keeps the address bind gave");
        // listen again only updates the backlog, as on Linux.
        t.listen(fd, 4);
        assertEquals(a, t.localAddress(fd));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T52_bindToAnAddressInUseIsEaddrinuse(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        int fd = t.socket(family);
        assertEquals(98, errno(() -> t.bind(fd, lo(family, s.port(l)))));
        // Even with SO_REUSEADDR, a listening port stays taken.
        int reuse = t.socket(family);
        t.setOption(reuse, SocketOption.REUSEADDR, true);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(reuse, lo(family, s.port(l)))));
        // Two sockets that only bound collide too, before anyone listens.
        int a = t.socket(family);
        t.bind(a, lo(family, 0));
        int b = t.socket(family);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(b, lo(family, s.port(a)))));
        // The failed bind leaves the socket usable.
        t.bind(fd, lo(family, 0));
        assertTrue(s.port(fd) > 0);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T53_badBindsAreRefusedAsLinuxRefusesThem(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        t.bind(fd, lo(family, 0));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(fd, lo(family, 0))), "already bound");
        Family wrong = family == Family.INET ? Family.INET6 : Family.INET;
        // An IPv4 socket rejects an IPv6 sockaddr (EAFNOSUPPORT); an IPv6 socket finds a sockaddr_in too short.
        int expected = family == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL;
        assertEquals(expected, errno(() -> t.bind(t.socket(family), lo(wrong, 0))));
        assertEquals(expected, errno(() -> t.connect(t.socket(family), lo(wrong, 1), FOREVER)));
        assertEquals(expected, errno(() -> t.connect(t.socket(family), lo(wrong, 1), 0)));
        SockAddr notHere = family == Family.INET ? SockAddr.inet(new byte[] {(byte) 192, 0, 2, 1}, 0)
                : SockAddr.inet6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0, 0);
        assertEquals(Errno.EADDRNOTAVAIL, errno(() -> t.bind(t.socket(family), notHere)));
        Sockets.Pair p = s.pair(family);
        assertEquals(Errno.EINVAL, errno(() -> t.bind(p.client(), lo(family, 0))));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(p.listener(), lo(family, 0))));
        assertEquals(Errno.EAFNOSUPPORT, errno(() -> t.socket(Family.UNSPEC)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T54_listenOnAnUnboundSocketPicksTheWildcardAndAPort(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.socket(family);
        t.listen(l, 8);
        SockAddr a = t.localAddress(l);
        assertEquals(family, a.family());
        assertTrue(a.isWildcard(), () -> "wildcard, got " + a);
        assertTrue(a.port() > 0);
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, a.port()), FOREVER), "reachable through loopback");
        assertTrue(t.accept(l, PROMPT) >= 0);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T55_acceptGivesTheConnectionWithMatchingAddresses(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        int p = s.port(l);
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, p), FOREVER));
        int a = t.accept(l, PROMPT);
        assertTrue(a >= 0);
        assertEquals(t.localAddress(c), t.remoteAddress(a));
        assertEquals(t.remoteAddress(c), t.localAddress(a));
        assertEquals(t.localAddress(l), t.remoteAddress(c));
        assertEquals(p, t.localAddress(l).port());
        assertEquals(Errno.ENOTCONN, errno(() -> t.remoteAddress(l)));
        // acceptWithAddress gives the peer as accept saw it.
        int c2 = t.socket(family);
        assertEquals(0, t.connect(c2, lo(family, p), FOREVER));
        var accepted = t.acceptWithAddress(l, PROMPT);
        assertTrue(accepted.fd() >= 0);
        assertEquals(t.localAddress(c2), accepted.peer());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T56_acceptWaitsNotAtAllAsLongAsAskedOrUntilAClientComes(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        long start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        assertTrue(System.nanoTime() - start < PROMPT);
        start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(l, 200 * MS));
        long took = System.nanoTime() - start;
        assertTrue(took >= 200 * MS && took < PROMPT, "took " + took / MS + " ms");
        CompletableFuture<Integer> accepted = async(() -> t.accept(l, FOREVER));
        Peer.pause(150);
        assertFalse(accepted.isDone(), "accept returned without a client");
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, s.port(l)), FOREVER));
        int a = valueOf(accepted);
        assertEquals(t.localAddress(c), t.remoteAddress(a));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T57_acceptAndListenRefuseSocketsThatCannotListen(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fresh = s.socket(family);
        assertEquals(Errno.EINVAL, errno(() -> t.accept(fresh, 0)));
        Sockets.Pair p = s.pair(family);
        assertEquals(Errno.EINVAL, errno(() -> t.accept(p.client(), 0)));
        assertEquals(Errno.EINVAL, errno(() -> t.accept(p.accepted(), 0)));
        assertEquals(Errno.EINVAL, errno(() -> t.listen(p.client(), 1)));
    }

    @Test
    default void T58_everyPrimitiveOnAnUnknownDescriptorIsEbadf(Fixture f) {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        byte[] b = new byte[4];
        boolean own = !t.capabilities().contains(Capability.REAL_DESCRIPTORS);
        int[] bad = own ? new int[] {-1, -2, 0, 2, 42, Integer.MIN_VALUE, Integer.MAX_VALUE, Sockets.farFd()}
                : new int[] {-1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, Sockets.farFd()};
        for (int fd : bad) {
            String at = "fd " + fd;
            assertEquals(Errno.EBADF, errno(() -> t.bind(fd, lo(Family.INET, 0))), at);
            assertEquals(Errno.EBADF, errno(() -> t.listen(fd, 1)), at);
            assertEquals(Errno.EBADF, errno(() -> t.accept(fd, 0)), at);
            assertEquals(Errno.EBADF, errno(() -> t.accept(fd, FOREVER)), at);
            assertEquals(Errno.EBADF, errno(() -> t.connect(fd, lo(Family.INET, 1), 0)), at);
            assertEquals(Errno.EBADF, errno(() -> t.connect(fd, lo(Family.INET, 1), FOREVER)), at);
            assertEquals(Errno.EBADF, errno(() -> t.read(fd, b, 0, 4, 0)), at);
            assertEquals(Errno.EBADF, errno(() -> t.read(fd, b, 0, 4, FOREVER)), at);
            assertEquals(Errno.EBADF, errno(() -> t.write(fd, b, 0, 4, FOREVER)), at);
            assertEquals(Errno.EBADF, errno(() -> t.shutdown(fd, Transport.SHUT_RDWR)), at);
            assertEquals(Errno.EBADF, errno(() -> t.close(fd)), at);
            assertEquals(Errno.EBADF, errno(() -> t.localAddress(fd)), at);
            assertEquals(Errno.EBADF, errno(() -> t.remoteAddress(fd)), at);
            assertEquals(Errno.EBADF, errno(() -> t.setOption(fd, SocketOption.KEEPALIVE, true)), at);
            assertEquals(Errno.EBADF, errno(() -> t.getOption(fd, SocketOption.KEEPALIVE)), at);
        }
        assertEquals(9, Errno.EBADF);
    }

    @Test
    default void T59_ownDescriptorsAreTheLowestFreeNumbersFromThreeInEachTransport(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Assumptions.assumeFalse(t.capabilities().contains(Capability.REAL_DESCRIPTORS),
                "the kernel numbers this transport's descriptors (checked by T76)");
        int a = t.socket(Family.INET);
        int b = t.socket(Family.INET);
        int c = t.socket(Family.INET);
        assertEquals(3, a);
        assertEquals(4, b);
        assertEquals(5, c);
        t.close(b);
        assertEquals(4, t.socket(Family.INET));
        // Each transport has its own descriptor space.
        try (Transport other = f.provider.open()) {
            int o = other.socket(Family.INET);
            assertEquals(3, o);
            other.close(o);
            t.localAddress(a);
        }
    }
}
