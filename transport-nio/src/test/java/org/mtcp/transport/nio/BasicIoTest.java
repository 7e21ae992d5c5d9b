package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** socket, bind, listen, accept, connect, read, write, addresses: the ordinary paths, IPv4 and IPv6. */
class BasicIoTest extends NioTransportTestBase {

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void bindListenAndGetsockname(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.bind(s, Net.lo(f, 0));
        SockAddr bound = t.localAddress(s);
        assertEquals(f, bound.family());
        assertTrue(bound.port() > 0, "bind alone assigns the ephemeral port");
        assertEquals(Net.lo(f, bound.port()), bound);
        t.listen(s, 8);
        assertEquals(bound, t.localAddress(s), "listen keeps the address bind gave");
        assertEquals(f == Family.INET ? 16 : 28, bound.length());
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void unboundSocketShowsWildcardPortZero(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        SockAddr a = t.localAddress(s);
        assertEquals(f, a.family());
        assertTrue(a.isWildcard());
        assertEquals(0, a.port());
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void listenOnAnUnboundSocketPicksWildcardAndPort(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.listen(s, 4);
        SockAddr a = t.localAddress(s);
        assertTrue(a.isWildcard(), () -> "wildcard, got " + a);
        assertTrue(a.port() > 0);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, Net.lo(f, a.port()), 5 * SECOND), "reachable through loopback");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectAcceptAndAddressesMatch(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        assertEquals(t.localAddress(p.server()), t.remoteAddress(p.client()));
        assertEquals(t.localAddress(p.client()), t.remoteAddress(p.accepted()));
        assertEquals(t.remoteAddress(p.client()), t.localAddress(p.accepted()));
        assertErrno(Errno.ENOTCONN, () -> t.remoteAddress(p.server()));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void dataBothWaysIncludingLargeTransfers(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] small = "hello".getBytes();
        assertEquals(5, t.write(p.client(), small, 0, 5, -1));
        assertArrayEquals(small, Net.readFully(t, p.accepted(), 5));

        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Net.readFully(t, p.client(), big.length);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Net.writeAll(t, p.accepted(), big);
        assertArrayEquals(big, reader.get(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void readHonoursOffsetAndLength(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] src = "..abcdef..".getBytes();
        assertEquals(6, t.write(p.client(), src, 2, 6, SECOND));
        byte[] dst = new byte[10];
        int n = 0;
        while (n < 6) {
            int r = t.read(p.accepted(), dst, 3 + n, 6 - n, SECOND);
            assertTrue(r > 0);
            n += r;
        }
        assertEquals("\0\0\0abcdef\0", new String(dst, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void peerCloseGivesEofAgainAndAgain(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        t.write(p.client(), new byte[] {1, 2, 3}, 0, 3, SECOND);
        t.close(p.client());
        byte[] b = new byte[10];
        assertEquals(3, Net.readFully(t, p.accepted(), 3).length);
        assertEquals(Transport.EOF, t.read(p.accepted(), b, 0, 10, SECOND));
        assertEquals(Transport.EOF, t.read(p.accepted(), b, 0, 10, 0));
        assertEquals(Transport.EOF, t.read(p.accepted(), b, 0, 10, -1));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void bindThenConnectUsesTheBoundAddress(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        t.bind(c, Net.lo(f, 0));
        int local = Net.port(t, c);
        assertEquals(0, t.connect(c, Net.lo(f, Net.port(t, s)), 5 * SECOND));
        assertEquals(local, Net.port(t, c));
        int a = t.accept(s, 5 * SECOND);
        assertEquals(local, t.remoteAddress(a).port());
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectToTheWildcardReachesLoopback(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr any = Net.lo(f, 0).family() == Family.INET
                ? SockAddr.inet(new byte[4], Net.port(t, s)) : SockAddr.inet6(new byte[16], Net.port(t, s), 0, 0);
        assertEquals(0, t.connect(c, any, 5 * SECOND));
        assertEquals(Net.lo(f, Net.port(t, s)), t.remoteAddress(c));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void descriptorsAreLowestFreeNumbersFromThree(Family f) throws Exception {
        Net.assume(f);
        int a = t.socket(f);
        int b = t.socket(f);
        int c = t.socket(f);
        assertEquals(3, a);
        assertEquals(4, b);
        assertEquals(5, c);
        t.close(b);
        assertEquals(4, t.socket(f));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void acceptedSocketsAreNonBlockingAndIndependent(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] b = new byte[4];
        assertEquals(Transport.TIMEOUT, t.read(p.accepted(), b, 0, 4, 0));
        t.close(p.server());
        assertEquals(2, t.write(p.accepted(), new byte[] {9, 8}, 0, 2, SECOND), "closing the listener leaves accepted sockets");
        assertArrayEquals(new byte[] {9, 8}, Net.readFully(t, p.client(), 2));
        assertFalse(t.capabilities().contains(org.mtcp.spi.Capability.REAL_DESCRIPTORS));
    }
}
