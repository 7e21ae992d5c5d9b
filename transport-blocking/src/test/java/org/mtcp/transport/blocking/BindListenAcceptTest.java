package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

class BindListenAcceptTest extends TransportFixture {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void bindGivesThePortAtOnceWithoutListening(Family f) throws Exception {
        assumeFamily(f);
        int fd = t.socket(f);
        assertTrue(fd >= 3, "descriptors start at 3");
        SockAddr before = t.localAddress(fd);
        assertEquals(f, before.family());
        assertTrue(before.isWildcard());
        assertEquals(0, before.port());
        t.bind(fd, loopback(f, 0));
        SockAddr a = t.localAddress(fd);
        assertEquals(f, a.family());
        assertEquals(f == Family.INET ? SockAddr.INET_SIZE : SockAddr.INET6_SIZE, a.length());
        assertTrue(a.port() > 0);
        assertArrayEquals(loopback(f, 0).address(), a.address());
        // Bound but not listening: a connect is refused.
        int c = t.socket(f);
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, loopback(f, a.port()), FOREVER)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void bindToAPortInUseIsEaddrinuse(Family f) throws Exception {
        int l = listener(f);
        int fd = t.socket(f);
        assertEquals(98, errno(() -> t.bind(fd, loopback(f, port(l)))));
        // Even two sockets that only bound collide, before anyone listens.
        int a = t.socket(f);
        t.bind(a, loopback(f, 0));
        int b = t.socket(f);
        assertEquals(Errno.EADDRINUSE, errno(() -> t.bind(b, loopback(f, port(a)))));
        // The failed bind leaves the socket usable.
        t.bind(fd, loopback(f, 0));
        assertTrue(port(fd) > 0);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void listenKeepsTheBoundAddressAndAccepts(Family f) throws Exception {
        int l = listener(f);
        int p = port(l);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, loopback(f, p), FOREVER));
        int s = t.accept(l, ms(PROMPT_MS));
        assertTrue(s >= 3);
        assertEquals(t.localAddress(c), t.remoteAddress(s));
        assertEquals(t.remoteAddress(c), t.localAddress(s));
        assertEquals(p, t.localAddress(l).port());
        assertEquals(Errno.ENOTCONN, errno(() -> t.remoteAddress(l)));
        // listen again only updates the backlog, as on Linux.
        t.listen(l, 4);
        assertEquals(p, port(l));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void listenOnAnUnboundSocketPicksTheWildcardAndAPort(Family f) throws Exception {
        assumeFamily(f);
        int l = t.socket(f);
        t.listen(l, 8);
        SockAddr a = t.localAddress(l);
        assertEquals(f, a.family());
        assertTrue(a.isWildcard());
        assertTrue(a.port() > 0);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, loopback(f, a.port()), FOREVER));
        assertTrue(t.accept(l, ms(PROMPT_MS)) >= 0);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void secondBindAndWrongFamilyAreRefusedAsLinuxDoes(Family f) throws Exception {
        assumeFamily(f);
        int fd = t.socket(f);
        t.bind(fd, loopback(f, 0));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(fd, loopback(f, 0))));
        int other = t.socket(f);
        Family wrong = f == Family.INET ? Family.INET6 : Family.INET;
        // An IPv4 socket rejects an IPv6 sockaddr (EAFNOSUPPORT); an IPv6 socket finds a sockaddr_in too short.
        assertEquals(f == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL,
                errno(() -> t.bind(other, loopback(wrong, 0))));
        assertEquals(f == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL,
                errno(() -> t.connect(other, loopback(wrong, 1), FOREVER)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void acceptTimesOutWithZeroPositiveWaitsAndRefusesNonListeners(Family f) throws Exception {
        int l = listener(f);
        long start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        assertTrue(elapsedMs(start) < PROMPT_MS);
        start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(l, ms(200)));
        long took = elapsedMs(start);
        assertTrue(took >= 150 && took < PROMPT_MS, "took " + took);
        int fresh = t.socket(f);
        assertEquals(Errno.EINVAL, errno(() -> t.accept(fresh, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void acceptWithNegativeWaitBlocksUntilAClientComes(Family f) throws Exception {
        int l = listener(f);
        int p = port(l);
        var accepted = async(() -> t.accept(l, FOREVER));
        pause(150);
        assertTrue(!accepted.isDone());
        int c = t.socket(f);
        assertEquals(0, t.connect(c, loopback(f, p), FOREVER));
        int s = accepted.get(PROMPT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(t.localAddress(c), t.remoteAddress(s));
    }

    @Test
    void ipv6ListenerSeesIpv4PeersAsMappedUnlessV6only() throws Exception {
        assumeFamily(Family.INET6);
        int l = t.socket(Family.INET6);
        t.bind(l, SockAddr.inet6(new byte[16], 0, 0, 0));
        t.listen(l, 8);
        int c = t.socket(Family.INET);
        assertEquals(0, t.connect(c, loopback(Family.INET, port(l)), FOREVER));
        int s = t.accept(l, ms(PROMPT_MS));
        assertTrue(s >= 0);
        SockAddr peer = t.remoteAddress(s);
        assertEquals(Family.INET6, peer.family());
        assertTrue(peer.isV4Mapped());
        assertEquals("::ffff:127.0.0.1", peer.hostText());
        assertEquals(t.localAddress(c).port(), peer.port());
    }

    @Test
    void v6onlyListenOnTheWildcardIsRefusedAsJavaNetIsDualStack() throws Exception {
        assumeFamily(Family.INET6);
        int l = t.socket(Family.INET6);
        t.setOption(l, SocketOption.IPV6_V6ONLY, true);
        t.bind(l, SockAddr.inet6(new byte[16], 0, 0, 0));
        assertEquals(Errno.EOPNOTSUPP, errno(() -> t.listen(l, 8)), "\"::\" would take IPv4 clients too");
        int unbound = t.socket(Family.INET6);
        t.setOption(unbound, SocketOption.IPV6_V6ONLY, true);
        assertEquals(Errno.EOPNOTSUPP, errno(() -> t.listen(unbound, 8)), "the kernel would pick \"::\"");
        int lo = t.socket(Family.INET6);
        t.setOption(lo, SocketOption.IPV6_V6ONLY, true);
        t.bind(lo, loopback(Family.INET6, 0));
        t.listen(lo, 8);
        int c6 = t.socket(Family.INET6);
        t.connect(c6, loopback(Family.INET6, port(lo)), FOREVER);
        int a = t.accept(lo, ms(PROMPT_MS));
        assertTrue(a >= 0);
        assertEquals(true, t.getOption(a, SocketOption.IPV6_V6ONLY), "inherited");
    }

    @Test
    void ipv4WildcardListenerDoesNotAcceptIpv6Peers() throws Exception {
        assumeFamily(Family.INET6);
        int l = t.socket(Family.INET);
        t.bind(l, SockAddr.inet(new byte[4], 0));
        t.listen(l, 8);
        assertEquals(SockAddr.inet(new byte[4], port(l)), t.localAddress(l));
        int c6 = t.socket(Family.INET6);
        t.connect(c6, loopback(Family.INET6, port(l)), FOREVER);
        assertEquals(Transport.TIMEOUT, t.accept(l, ms(300)));
        int c4 = t.socket(Family.INET);
        t.connect(c4, loopback(Family.INET, port(l)), FOREVER);
        int s = t.accept(l, ms(PROMPT_MS));
        assertTrue(s >= 0);
        assertEquals(Family.INET, t.remoteAddress(s).family());
    }

    @Test
    void descriptorsAreLowestFreeAndUnknownOnesAreEbadf() throws Exception {
        int a = t.socket(Family.INET);
        int b = t.socket(Family.INET);
        assertEquals(a + 1, b);
        t.close(a);
        assertEquals(a, t.socket(Family.INET));
        assertEquals(Errno.EBADF, errno(() -> t.bind(999, loopback(Family.INET, 0))));
        assertEquals(Errno.EBADF, errno(() -> t.listen(-1, 1)));
        assertEquals(Errno.EBADF, errno(() -> t.accept(999, 0)));
        assertEquals(Errno.EBADF, errno(() -> t.localAddress(999)));
        assertEquals(Errno.EAFNOSUPPORT, errno(() -> t.socket(Family.UNSPEC)));
    }
}
