package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.MS;
import static org.mtcp.transport.ffm.Net.SECOND;
import static org.mtcp.transport.ffm.Net.assertErrno;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** Every primitive over real loopback sockets, IPv4 and IPv6, with the kernel's errnos. */
class PrimitivesTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void descriptorsAreTheKernels(Family f) throws Exception {
        int fd = t.socket(f);
        // The kernel's own number: /proc/self/fd shows it as a socket.
        String link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
        assertTrue(link.startsWith("socket:["), link);
        t.close(fd);
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/fd/" + fd))
                && java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString()
                        .equals(link));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void echoBothWays(Family f) throws Exception {
        int l = Net.listener(t, f);
        int[] p = Net.pair(t, f, l);
        byte[] msg = "hello, mtcp".getBytes(StandardCharsets.US_ASCII);
        assertEquals(msg.length, t.write(p[0], msg, 0, msg.length, SECOND));
        byte[] buf = new byte[64];
        int n = t.read(p[1], buf, 3, 20, SECOND);
        assertEquals(msg.length, n);
        assertArrayEquals(msg, Arrays.copyOfRange(buf, 3, 3 + n));
        // Offsets and lengths inside the arrays are honoured: write the middle, read into the middle.
        assertEquals(3, t.write(p[1], msg, 7, 3, SECOND));
        byte[] back = new byte[10];
        assertEquals(3, t.read(p[0], back, 5, 5, SECOND));
        assertEquals("mtc", new String(back, 5, 3, StandardCharsets.US_ASCII));
        assertEquals(0, back[4]);
        assertEquals(0, back[8]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void addressesAreKernelSockaddrs(Family f) throws Exception {
        int l = Net.listener(t, f);
        SockAddr la = t.localAddress(l);
        assertEquals(f, la.family());
        assertEquals(f == Family.INET ? 16 : 28, la.length());
        assertTrue(la.port() > 0);
        assertEquals(f == Family.INET ? "127.0.0.1" : "::1", la.hostText());
        int[] p = Net.pair(t, f, l);
        assertEquals(t.localAddress(p[0]), t.remoteAddress(p[1]));
        assertEquals(t.remoteAddress(p[0]), t.localAddress(p[1]));
        assertEquals(la.port(), t.remoteAddress(p[0]).port());
        byte[] raw = t.localAddress(p[0]).raw();
        assertEquals(f.linuxNumber(), raw[0] & 0xff);
        assertEquals(0, raw[1]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void refusedConnectIs111(Family f) throws Exception {
        // A bound socket that does not listen: connecting to its port is refused, and nobody else takes it.
        int bound = Net.socket(t, f);
        t.bind(bound, Net.loopback(f, 0));
        int port = Net.port(t, bound);
        int c = Net.socket(t, f);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c, Net.loopback(f, port), 5 * SECOND));
        int c2 = Net.socket(t, f);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c2, Net.loopback(f, port), -1));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void addressInUseIs98(Family f) throws Exception {
        int l = Net.listener(t, f);
        int other = Net.socket(t, f);
        assertErrno(Errno.EADDRINUSE, () -> t.bind(other, Net.loopback(f, Net.port(t, l))));
    }

    @Test
    void bindErrors() throws Exception {
        int fd = t.socket(Family.INET);
        t.bind(fd, Net.loopback(Family.INET, 0));
        assertErrno(Errno.EINVAL, () -> t.bind(fd, Net.loopback(Family.INET, 0))); // already bound
        int v6 = t.socket(Family.INET6);
        assertErrno(Errno.EINVAL, () -> t.bind(v6, Net.loopback(Family.INET, 0))); // too short for sockaddr_in6
        int v4 = t.socket(Family.INET);
        assertErrno(Errno.EAFNOSUPPORT, () -> t.bind(v4, Net.loopback(Family.INET6, 0)));
        int far = t.socket(Family.INET);
        assertErrno(Errno.EADDRNOTAVAIL, () -> t.bind(far, SockAddr.inet(new byte[] {(byte) 192, 0, 2, 1}, 0)));
        assertErrno(Errno.EAFNOSUPPORT, () -> t.socket(Family.UNSPEC));
    }

    @Test
    void listenOnUnboundSocketPicksWildcardAndPort() throws Exception {
        int fd = t.socket(Family.INET);
        t.listen(fd, 5);
        SockAddr a = t.localAddress(fd);
        assertTrue(a.isWildcard());
        assertTrue(a.port() > 0);
    }

    @Test
    void badDescriptorIs9Everywhere() throws Exception {
        int bad = Net.farFd();
        byte[] b = new byte[4];
        for (int fd : new int[] {-1, -2, Integer.MIN_VALUE, bad, Integer.MAX_VALUE}) {
            assertErrno(Errno.EBADF, () -> t.read(fd, b, 0, 4, 0));
            assertErrno(Errno.EBADF, () -> t.read(fd, b, 0, 4, -1));
            assertErrno(Errno.EBADF, () -> t.write(fd, b, 0, 4, -1));
            assertErrno(Errno.EBADF, () -> t.accept(fd, -1));
            assertErrno(Errno.EBADF, () -> t.connect(fd, Net.loopback(Family.INET, 1), -1));
            assertErrno(Errno.EBADF, () -> t.bind(fd, Net.loopback(Family.INET, 0)));
            assertErrno(Errno.EBADF, () -> t.listen(fd, 1));
            assertErrno(Errno.EBADF, () -> t.shutdown(fd, Transport.SHUT_RDWR));
            assertErrno(Errno.EBADF, () -> t.close(fd));
            assertErrno(Errno.EBADF, () -> t.localAddress(fd));
            assertErrno(Errno.EBADF, () -> t.remoteAddress(fd));
            assertErrno(Errno.EBADF, () -> t.setOption(fd, SocketOption.REUSEADDR, true));
            assertErrno(Errno.EBADF, () -> t.getOption(fd, SocketOption.REUSEADDR));
        }
    }

    @Test
    void closedDescriptorIs9() throws Exception {
        int fd = t.socket(Family.INET);
        t.close(fd);
        // Only calls that cannot harm a descriptor the JVM might open meanwhile: they check the number first.
        assertErrno(Errno.EBADF, () -> t.read(fd, new byte[1], 0, 1, 0));
        assertErrno(Errno.EBADF, () -> t.write(fd, new byte[1], 0, 1, 0));
        assertErrno(Errno.EBADF, () -> t.getOption(fd, SocketOption.ERROR));
        // A second close is tried on a number that cannot be open (a reused one would be closed for real).
        int never = Net.farFd();
        assertErrno(Errno.EBADF, () -> t.close(never));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void notConnectedIs107(Family f) throws Exception {
        int fd = Net.socket(t, f);
        assertErrno(Errno.ENOTCONN, () -> t.remoteAddress(fd));
        assertErrno(Errno.ENOTCONN, () -> t.read(fd, new byte[4], 0, 4, 0));
        assertErrno(Errno.ENOTCONN, () -> t.shutdown(fd, Transport.SHUT_RDWR));
        int l = Net.listener(t, f);
        assertErrno(Errno.ENOTCONN, () -> t.read(l, new byte[4], 0, 4, 0));
        assertErrno(Errno.ENOTCONN, () -> t.remoteAddress(l));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void resetIs104ThenWriteIsEpipe(Family f) throws Exception {
        int l = Net.listener(t, f);
        int[] p = Net.pair(t, f, l);
        t.setOption(p[1], SocketOption.LINGER, new Linger(true, 0));
        t.close(p[1]); // RST
        byte[] b = new byte[8];
        assertErrno(Errno.ECONNRESET, () -> t.read(p[0], b, 0, 8, 5 * SECOND));
        // No SIGPIPE: the JVM is still here to see EPIPE.
        assertErrno(Errno.EPIPE, () -> t.write(p[0], b, 0, 8, SECOND));
        assertErrno(Errno.EPIPE, () -> t.write(p[0], b, 0, 8, 0));
    }

    @Test
    void writeToResetPeerFirstGivesResetThenEpipe() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        t.setOption(p[1], SocketOption.LINGER, new Linger(true, 0));
        t.close(p[1]);
        int[] fds = {p[0]};
        int[] rev = new int[1];
        assertEquals(1, t.poll(fds, new int[] {Transport.POLLIN}, rev, 1, 5 * SECOND));
        byte[] b = new byte[8];
        ErrnoException e = assertThrows(ErrnoException.class, () -> t.write(p[0], b, 0, 8, 0));
        assertTrue(e.errno() == Errno.ECONNRESET || e.errno() == Errno.EPIPE, e.getMessage());
        assertErrno(Errno.EPIPE, () -> t.write(p[0], b, 0, 8, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void eofAfterPeerClose(Family f) throws Exception {
        int l = Net.listener(t, f);
        int[] p = Net.pair(t, f, l);
        t.write(p[1], new byte[] {1, 2, 3}, 0, 3, SECOND);
        t.close(p[1]);
        byte[] b = new byte[10];
        assertEquals(3, t.read(p[0], b, 0, 10, SECOND));
        assertEquals(Transport.EOF, t.read(p[0], b, 0, 10, SECOND));
        assertEquals(Transport.EOF, t.read(p[0], b, 0, 10, 0));
        assertEquals(Transport.EOF, t.read(p[0], b, 0, 10, -1));
    }

    @Test
    void shutdownWriteGivesPeerEofAndKeepsReading() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        t.shutdown(p[0], Transport.SHUT_WR);
        byte[] b = new byte[4];
        assertEquals(Transport.EOF, t.read(p[1], b, 0, 4, SECOND));
        assertErrno(Errno.EPIPE, () -> t.write(p[0], b, 0, 4, 0));
        assertEquals(2, t.write(p[1], new byte[] {9, 8}, 0, 2, SECOND));
        assertEquals(2, t.read(p[0], b, 0, 4, SECOND));
    }

    @Test
    void shutdownReadGivesEof() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        t.shutdown(p[0], Transport.SHUT_RD);
        assertEquals(Transport.EOF, t.read(p[0], new byte[4], 0, 4, -1));
        t.shutdown(p[0], Transport.SHUT_RDWR);
        assertErrno(Errno.EINVAL, () -> t.shutdown(p[0], 7));
    }

    @Test
    void readAndWriteTimeouts() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        byte[] b = new byte[4];
        long t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p[0], b, 0, 4, 0));
        assertEquals(Transport.TIMEOUT, t.read(p[0], b, 0, 4, 1)); // 1 ns
        assertTrue(System.nanoTime() - t0 < SECOND, "zero waits must not wait");
        t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p[0], b, 0, 4, 200 * MS));
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 200 * MS, "waited " + waited);
        assertTrue(waited < 5 * SECOND, "waited " + waited);
        // Fill the send buffer: a write then times out (0 wait at once, positive after the wait).
        t.setOption(p[0], SocketOption.SEND_BUFFER_SIZE, 4096);
        t.setOption(p[1], SocketOption.RECV_BUFFER_SIZE, 4096);
        byte[] big = new byte[65536];
        int total = 0;
        for (int i = 0; i < 10_000; i++) {
            int n = t.write(p[0], big, 0, big.length, 0);
            if (n == Transport.TIMEOUT) {
                break;
            }
            total += n;
        }
        assertTrue(total > 0);
        assertEquals(Transport.TIMEOUT, t.write(p[0], big, 0, big.length, 0));
        t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.write(p[0], big, 0, big.length, 100 * MS));
        assertTrue(System.nanoTime() - t0 >= 100 * MS);
        // A reader in another thread drains: a write waiting without limit then completes.
        Thread reader = new Thread(() -> {
            byte[] sink = new byte[65536];
            try {
                while (t.read(p[1], sink, 0, sink.length, 5 * SECOND) > 0) {
                    // drain until EOF
                }
            } catch (Exception e) {
                // the test's end closes everything
            }
        });
        reader.start();
        assertTrue(t.write(p[0], big, 0, big.length, -1) > 0);
        t.shutdown(p[0], Transport.SHUT_WR);
        reader.join(10_000);
        assertFalse(reader.isAlive());
    }

    @Test
    void acceptTimeoutsAndWaits() throws Exception {
        int l = Net.listener(t, Family.INET);
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        long t0 = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.accept(l, 150 * MS));
        assertTrue(System.nanoTime() - t0 >= 150 * MS);
        int port = Net.port(t, l);
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(100);
                int c = t.socket(Family.INET);
                t.connect(c, Net.loopback(Family.INET, port), 5 * SECOND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        int s = t.accept(l, -1);
        assertTrue(s >= 0);
        SockAddr peer = t.remoteAddress(s);
        assertEquals("127.0.0.1", peer.hostText());
        late.join(5000);
    }

    @Test
    void readArgumentsAreCheckedBeforeAnyCall() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        byte[] b = new byte[8];
        assertThrows(IndexOutOfBoundsException.class, () -> t.read(p[0], b, -1, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.read(p[0], b, 7, 2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.write(p[0], b, 0, 9, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.write(p[0], b, Integer.MAX_VALUE, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.read(p[0], b, 0, 0, 0));
        assertThrows(NullPointerException.class, () -> t.read(p[0], null, 0, 1, 0));
        // Nothing was written by the rejected calls.
        assertEquals(Transport.TIMEOUT, t.read(p[1], b, 0, 8, 0));
    }

    @Test
    void largeTransfersArriveIntact() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        Thread writer = new Thread(() -> {
            try {
                int off = 0;
                while (off < data.length) {
                    int n = t.write(p[0], data, off, data.length - off, 5 * SECOND);
                    assertNotEquals(Transport.TIMEOUT, n);
                    off += n;
                }
                t.shutdown(p[0], Transport.SHUT_WR);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        byte[] got = new byte[data.length];
        int off = 0;
        while (true) {
            int n = t.read(p[1], got, off, Math.min(8192, got.length - off), 5 * SECOND);
            if (n == Transport.EOF) {
                break;
            }
            assertTrue(n > 0);
            off += n;
            if (off == got.length) {
                assertEquals(Transport.EOF, t.read(p[1], new byte[1], 0, 1, 5 * SECOND));
                break;
            }
        }
        writer.join(10_000);
        assertArrayEquals(data, got);
    }

    @Test
    void sleepIsNanosleep() throws Exception {
        long t0 = System.nanoTime();
        t.sleep(50 * MS);
        assertTrue(System.nanoTime() - t0 >= 50 * MS);
        t.sleep(0);
        assertErrno(Errno.EINVAL, () -> t.sleep(-1));
        assertErrno(Errno.EINVAL, () -> t.sleep(Long.MIN_VALUE));
    }

    @Test
    void closedTransportRefusesCalls() throws Exception {
        Transport u = Net.open();
        int fd = u.socket(Family.INET);
        u.close();
        u.close(); // idempotent
        assertErrno(Errno.EBADF, () -> u.read(fd, new byte[1], 0, 1, 0));
        assertErrno(Errno.EBADF, () -> u.socket(Family.INET));
    }
}
