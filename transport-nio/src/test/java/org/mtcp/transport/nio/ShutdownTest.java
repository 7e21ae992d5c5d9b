package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLOUT;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** shutdown of each direction, and of a listening socket. */
class ShutdownTest extends NioTransportTestBase {

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutWrSendsEofButTheSocketStillReads(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        t.write(p.client(), new byte[] {1, 2}, 0, 2, SECOND);
        t.shutdown(p.client(), Transport.SHUT_WR);
        assertArrayEquals(new byte[] {1, 2}, Net.readFully(t, p.accepted(), 2));
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[4], 0, 4, 5 * SECOND));
        assertErrno(Errno.EPIPE, () -> t.write(p.client(), new byte[1], 0, 1, 0));
        t.write(p.accepted(), new byte[] {3}, 0, 1, SECOND);
        assertArrayEquals(new byte[] {3}, Net.readFully(t, p.client(), 1));
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(POLLOUT, rev[0], "Linux: writable (the error is immediate), nothing to read");
        t.shutdown(p.client(), Transport.SHUT_WR); // again: fine
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutRdMakesReadsEndButLaterDataIsStillDelivered(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        t.shutdown(p.client(), Transport.SHUT_RD);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 0));
        assertEquals(POLLIN, rev[0]);
        assertEquals(Transport.EOF, t.read(p.client(), new byte[4], 0, 4, 5 * SECOND), "does not wait");
        t.write(p.accepted(), new byte[] {1, 2, 3}, 0, 3, SECOND);
        Thread.sleep(50);
        byte[] b = new byte[3];
        assertEquals(3, t.read(p.client(), b, 0, 3, 0), "as Linux, queued data is still read");
        assertEquals(2, t.write(p.client(), new byte[] {7, 8}, 0, 2, SECOND), "the send side is untouched");
        assertArrayEquals(new byte[] {7, 8}, Net.readFully(t, p.accepted(), 2));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutRdrwIsHangUp(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        t.shutdown(p.client(), Transport.SHUT_RDWR);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(POLLIN | POLLOUT | POLLHUP, rev[0], "Linux shows 0x15");
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[1], 0, 1, 5 * SECOND));
        assertErrno(Errno.EINVAL, () -> t.shutdown(p.client(), 3));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutRdWakesABlockedReader(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        CompletableFuture<Integer> r = CompletableFuture.supplyAsync(() -> {
            try {
                return t.read(p.client(), new byte[1], 0, 1, -1);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        t.shutdown(p.client(), Transport.SHUT_RD);
        assertEquals(Transport.EOF, r.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutWrWakesABlockedWriterWithEpipe(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] chunk = new byte[65536];
        Net.fill(t, p.client(), p.accepted());
        CompletableFuture<Integer> w = CompletableFuture.supplyAsync(() -> {
            try {
                return t.write(p.client(), chunk, 0, chunk.length, -1);
            } catch (org.mtcp.spi.ErrnoException e) {
                return -e.errno();
            }
        });
        Thread.sleep(200);
        t.shutdown(p.client(), Transport.SHUT_WR);
        assertEquals(-Errno.EPIPE, w.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shuttingAListenerStopsItListeningButKeepsItBound(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int port = Net.port(t, s);
        t.shutdown(s, Transport.SHUT_WR); // no effect on a listener
        assertEquals(Transport.TIMEOUT, t.accept(s, 0));
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return t.accept(s, -1);
            } catch (org.mtcp.spi.ErrnoException e) {
                return -e.errno();
            }
        });
        Thread.sleep(200);
        t.shutdown(s, Transport.SHUT_RD);
        assertEquals(-Errno.EINVAL, blocked.get(5, TimeUnit.SECONDS), "a blocked accept ends with EINVAL");
        assertErrno(Errno.EINVAL, () -> t.accept(s, 0));
        assertEquals(port, Net.port(t, s), "still bound");
        t.listen(s, 4);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, Net.lo(f, port), 5 * SECOND));
        assertTrue(t.accept(s, 5 * SECOND) >= 0);
    }
}
