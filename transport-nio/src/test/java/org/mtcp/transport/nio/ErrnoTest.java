package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.nio.Net.MS;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** The Linux errno numbers each failure gives, and the three kinds of wait. */
class ErrnoTest extends NioTransportTestBase {

    @Test
    void everyPrimitiveOnABadDescriptorIsEbadf() {
        byte[] b = new byte[1];
        int[] fds = {42};
        for (int fd : new int[] {-1, 0, 2, 42, 1 << 22}) {
            assertErrno(Errno.EBADF, () -> t.bind(fd, Net.lo(Family.INET, 0)));
            assertErrno(Errno.EBADF, () -> t.listen(fd, 1));
            assertErrno(Errno.EBADF, () -> t.accept(fd, 0));
            assertErrno(Errno.EBADF, () -> t.connect(fd, Net.lo(Family.INET, 1), 0));
            assertErrno(Errno.EBADF, () -> t.read(fd, b, 0, 1, 0));
            assertErrno(Errno.EBADF, () -> t.write(fd, b, 0, 1, 0));
            assertErrno(Errno.EBADF, () -> t.shutdown(fd, Transport.SHUT_RDWR));
            assertErrno(Errno.EBADF, () -> t.close(fd));
            assertErrno(Errno.EBADF, () -> t.localAddress(fd));
            assertErrno(Errno.EBADF, () -> t.remoteAddress(fd));
            assertErrno(Errno.EBADF, () -> t.setOption(fd, SocketOption.KEEPALIVE, true));
            assertErrno(Errno.EBADF, () -> t.getOption(fd, SocketOption.KEEPALIVE));
        }
        assertEquals(9, Errno.EBADF);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void closeTwiceIsEbadf(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.close(s);
        assertErrno(Errno.EBADF, () -> t.close(s));
        assertErrno(Errno.EBADF, () -> t.read(s, new byte[1], 0, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void refusedConnectIs111(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        assertErrno(111, () -> t.connect(t.socket(f), nobody, -1));
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(t.socket(f), nobody, 5 * SECOND));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void addressInUseIs98(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int other = t.socket(f);
        assertErrno(98, () -> t.bind(other, Net.lo(f, Net.port(t, s))));
        // Even with SO_REUSEADDR on both, a listening port stays taken.
        int reuse = t.socket(f);
        t.setOption(reuse, SocketOption.REUSEADDR, true);
        assertErrno(Errno.EADDRINUSE, () -> t.bind(reuse, Net.lo(f, Net.port(t, s))));
        // Bound (not listening) ports are taken too.
        int b1 = t.socket(f);
        t.bind(b1, Net.lo(f, 0));
        int b2 = t.socket(f);
        assertErrno(Errno.EADDRINUSE, () -> t.bind(b2, Net.lo(f, Net.port(t, b1))));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void noReuseaddrByDefaultSoARecentlyUsedPortCannotBeRebound(Family f) throws Exception {
        Net.assume(f);
        // Active close on the server side leaves TIME_WAIT on its port.
        int port = serverClosesFirst(f, false);
        Net.assumeTimeWaitsAreKept();
        int again = t.socket(f);
        assertEquals(Boolean.FALSE, t.getOption(again, SocketOption.REUSEADDR));
        assertErrno(Errno.EADDRINUSE, () -> t.bind(again, Net.lo(f, port)));
        int reuse = t.socket(f);
        t.setOption(reuse, SocketOption.REUSEADDR, true);
        // Linux: the TIME_WAIT socket did not have SO_REUSEADDR, so the new one's does not help.
        assertErrno(Errno.EADDRINUSE, () -> t.bind(reuse, Net.lo(f, port)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void reuseaddrOnTheListenerLetsTheNextServerRebind(Family f) throws Exception {
        Net.assume(f);
        int port = serverClosesFirst(f, true);
        int reuse = t.socket(f);
        t.setOption(reuse, SocketOption.REUSEADDR, true);
        t.bind(reuse, Net.lo(f, port));
        t.listen(reuse, 4);
        assertEquals(Boolean.TRUE, t.getOption(reuse, SocketOption.REUSEADDR), "carried over to the listening socket");
    }

    private int serverClosesFirst(Family f, boolean reuseaddr) throws Exception {
        int s = t.socket(f);
        t.setOption(s, SocketOption.REUSEADDR, reuseaddr);
        t.bind(s, Net.lo(f, 0));
        t.listen(s, 4);
        int port = Net.port(t, s);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, Net.lo(f, port), 5 * SECOND));
        int a = t.accept(s, 5 * SECOND);
        t.close(a);
        t.close(s);
        assertEquals(Transport.EOF, Net.drainToEof(t, c));
        t.close(c);
        return port;
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void bindErrors(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        t.bind(s, Net.lo(f, 0));
        assertErrno(Errno.EINVAL, () -> t.bind(s, Net.lo(f, 0)));
        Family other = f == Family.INET ? Family.INET6 : Family.INET;
        // Linux: an IPv6 sockaddr on an IPv4 socket is EAFNOSUPPORT; a 16-byte one on an IPv6 socket EINVAL.
        assertErrno(f == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL, () -> t.bind(t.socket(f), Net.lo(other, 0)));
        assertErrno(f == Family.INET ? Errno.EAFNOSUPPORT : Errno.EINVAL,
                () -> t.connect(t.socket(f), Net.lo(other, 1), -1));
        int foreign = t.socket(f);
        SockAddr notHere = f == Family.INET ? SockAddr.inet(new byte[] {(byte) 192, 0, 2, 1}, 0)
                : SockAddr.inet6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0, 0);
        assertErrno(Errno.EADDRNOTAVAIL, () -> t.bind(foreign, notHere));
        Net.Pair p = Net.pair(t, f);
        assertErrno(Errno.EINVAL, () -> t.bind(p.client(), Net.lo(f, 0)));
        assertErrno(Errno.EINVAL, () -> t.bind(p.server(), Net.lo(f, 0)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void notConnectedIs107AndSendingUnconnectedIsEpipe(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        byte[] b = new byte[1];
        assertErrno(107, () -> t.read(s, b, 0, 1, 0));
        assertErrno(Errno.ENOTCONN, () -> t.remoteAddress(s));
        assertErrno(Errno.ENOTCONN, () -> t.shutdown(s, Transport.SHUT_WR));
        assertErrno(Errno.EPIPE, () -> t.write(s, b, 0, 1, 0));
        int l = Net.listener(t, f);
        assertErrno(Errno.ENOTCONN, () -> t.read(l, b, 0, 1, 0));
        assertErrno(Errno.EPIPE, () -> t.write(l, b, 0, 1, 0));
        assertErrno(Errno.EINVAL, () -> t.accept(s, 0));
        Net.Pair p = Net.pair(t, f);
        assertErrno(Errno.EINVAL, () -> t.accept(p.client(), 0));
        assertErrno(Errno.EINVAL, () -> t.listen(p.client(), 1));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void resetIs104ThenEofAndWritesAreEpipe(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        Net.abort(t, p.accepted());
        byte[] b = new byte[8];
        assertErrno(104, () -> t.read(p.client(), b, 0, 8, 5 * SECOND));
        assertEquals(Transport.EOF, t.read(p.client(), b, 0, 8, 0), "Linux: end of stream after the reset was reported");
        assertErrno(Errno.EPIPE, () -> t.write(p.client(), b, 0, 8, 0));
        assertErrno(Errno.ENOTCONN, () -> t.remoteAddress(p.client()));
        assertErrno(Errno.ENOTCONN, () -> t.shutdown(p.client(), Transport.SHUT_RDWR));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void writeAfterThePeerClosedEndsInEpipe(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        t.close(p.accepted());
        byte[] b = new byte[100];
        int err = 0;
        for (int i = 0; i < 200 && err == 0; i++) {
            try {
                t.write(p.client(), b, 0, b.length, SECOND);
                Thread.sleep(5);
            } catch (org.mtcp.spi.ErrnoException e) {
                err = e.errno();
            }
        }
        assertEquals(32, err, "the first send is accepted, the peer's RST makes the next one EPIPE");
        assertErrno(Errno.EPIPE, () -> t.write(p.client(), b, 0, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void writeFirstAfterAResetIsEconnresetThenEpipe(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        Net.abort(t, p.accepted());
        Thread.sleep(50); // let the RST arrive
        byte[] b = new byte[4];
        assertErrno(Errno.ECONNRESET, () -> t.write(p.client(), b, 0, 4, 0));
        assertErrno(Errno.EPIPE, () -> t.write(p.client(), b, 0, 4, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void zeroWaitsReturnTimeoutAtOnce(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] b = new byte[4];
        long t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p.client(), b, 0, 4, 0));
        assertEquals(Transport.TIMEOUT, t.accept(p.server(), 0));
        assertTrue(System.nanoTime() - t0 < 2 * SECOND, "no real wait");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void boundedWaitsTimeOutAfterTheirTime(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] b = new byte[4];
        long t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p.client(), b, 0, 4, 200 * MS));
        long dt = System.nanoTime() - t0;
        assertTrue(dt >= 190 * MS, () -> "waited only " + dt / MS + " ms");
        assertTrue(dt < 5 * SECOND, () -> "waited " + dt / MS + " ms");
        t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(p.server(), 150 * MS));
        assertTrue(System.nanoTime() - t0 >= 140 * MS);
        // A wait shorter than a millisecond still times out (the selector rounds it up).
        assertEquals(Transport.TIMEOUT, t.read(p.client(), b, 0, 4, 1000));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void unlimitedWaitsEndWhenDataArrives(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(200);
                t.write(p.accepted(), new byte[] {7}, 0, 1, -1);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        byte[] b = new byte[4];
        assertEquals(1, t.read(p.client(), b, 0, 4, -1));
        assertEquals(7, b[0]);
        writer.join(5000);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void writeTimesOutWhenThePeerDoesNotRead(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] chunk = new byte[65536];
        long total = Net.fill(t, p.client(), p.accepted());
        assertEquals(Transport.TIMEOUT, t.write(p.client(), chunk, 0, chunk.length, 0));
        long t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.write(p.client(), chunk, 0, chunk.length, 100 * MS));
        assertTrue(System.nanoTime() - t0 >= 90 * MS);
        // Reading on the other side makes room again.
        Net.readFully(t, p.accepted(), (int) total);
        assertTrue(t.write(p.client(), chunk, 0, chunk.length, 5 * SECOND) > 0);
    }

    @Test
    void sleepAndItsErrors() throws Exception {
        assertErrno(Errno.EINVAL, () -> t.sleep(-1));
        long t0 = System.nanoTime();
        t.sleep(20 * MS);
        assertTrue(System.nanoTime() - t0 >= 19 * MS);
        Thread.currentThread().interrupt();
        try {
            assertErrno(Errno.EINTR, () -> t.sleep(SECOND));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void lingerZeroCloseResetsThePeer() throws Exception {
        Net.Pair p = Net.pair(t, Family.INET);
        t.setOption(p.client(), SocketOption.LINGER, new Linger(true, 0));
        assertEquals(new Linger(true, 0), t.getOption(p.client(), SocketOption.LINGER));
        t.close(p.client());
        assertErrno(Errno.ECONNRESET, () -> t.read(p.accepted(), new byte[1], 0, 1, 5 * SECOND));
    }
}
