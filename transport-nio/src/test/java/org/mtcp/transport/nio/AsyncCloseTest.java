package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.transport.nio.Net.SECOND;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** A close from another thread ends a blocked call promptly. */
class AsyncCloseTest extends NioTransportTestBase {

    /** Runs {@code call} in another thread, closes {@code fd} after it has blocked, returns its result or -errno. */
    private int closeWhileBlocked(int fd, Callable<Integer> call) throws Exception {
        CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (ErrnoException e) {
                return -e.errno();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!f.isDone(), "the call blocked");
        long t0 = System.nanoTime();
        t.close(fd);
        int r = f.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < 3 * SECOND, "woke promptly");
        return r;
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedReadEndsWithEbadf(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        assertEquals(-Errno.EBADF, closeWhileBlocked(p.client(), () -> t.read(p.client(), new byte[8], 0, 8, -1)));
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[8], 0, 8, 5 * SECOND), "the peer saw the close");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedTimedReadEndsWithEbadf(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        assertEquals(-Errno.EBADF, closeWhileBlocked(p.client(), () -> t.read(p.client(), new byte[8], 0, 8, 60 * SECOND)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedAcceptEndsWithEbadfAndThePortIsFreeAtOnce(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int port = Net.port(t, s);
        assertEquals(-Errno.EBADF, closeWhileBlocked(s, () -> t.accept(s, -1)));
        int again = t.socket(f);
        t.bind(again, Net.lo(f, port)); // the listening socket is really closed, not just deregistered later
        t.listen(again, 1);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedWriteEndsWithEbadf(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        byte[] chunk = new byte[65536];
        Net.fill(t, p.client(), p.accepted());
        assertEquals(-Errno.EBADF, closeWhileBlocked(p.client(), () -> t.write(p.client(), chunk, 0, chunk.length, -1)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedConnectEndsWithEbadf(Family f) throws Exception {
        Net.assume(f);
        // A listener whose queue is full drops further SYNs, so the next connect hangs.
        int s = t.socket(f);
        t.bind(s, Net.lo(f, 0));
        t.listen(s, 1);
        int port = Net.port(t, s);
        int blocked = -1;
        for (int i = 0; i < 20 && blocked < 0; i++) {
            int c = t.socket(f);
            if (t.connect(c, Net.lo(f, port), 300 * Net.MS) == Transport.TIMEOUT) {
                blocked = c;
            }
        }
        assertTrue(blocked >= 0, "found a connect that hangs");
        int c = blocked;
        assertEquals(-Errno.EBADF, closeWhileBlocked(c, () -> t.connect(c, Net.lo(f, port), -1)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedPollReportsTheClosedDescriptor(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        int[] rev = new int[2];
        int n = closeWhileBlocked(p.client(),
                () -> t.poll(new int[] {p.accepted(), p.client()}, new int[] {POLLIN, POLLIN}, rev, 2, -1));
        assertTrue(n >= 1, "at least the closed one");
        assertEquals(POLLNVAL, rev[1]);
        assertEquals(0, rev[0] & POLLNVAL);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockedPollOnAListenerReportsTheClose(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int[] rev = new int[1];
        assertEquals(1, closeWhileBlocked(s, () -> t.poll(new int[] {s}, new int[] {POLLIN}, rev, 1, 60 * SECOND)));
        assertEquals(POLLNVAL, rev[0]);
    }
}
