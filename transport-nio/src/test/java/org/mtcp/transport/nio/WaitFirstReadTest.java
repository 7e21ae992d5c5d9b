package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mtcp.transport.nio.Net.SECOND;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/**
 * A read whose previous read found nothing selects before trying (request/response loops save the read
 * that would say EAGAIN). These check that it answers exactly as a try-first read would.
 */
class WaitFirstReadTest extends NioTransportTestBase {

    /** Leaves the client's read path in "wait first" mode: a zero-wait read that finds nothing. */
    private Net.Pair pairWaitingFirst(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        assertEquals(Transport.TIMEOUT, t.read(p.client(), new byte[8], 0, 8, 0));
        return p;
    }

    private CompletableFuture<Integer> readAsync(int fd, long waitNanos) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return t.read(fd, new byte[8], 0, 8, waitNanos);
            } catch (ErrnoException e) {
                return -e.errno();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void dataAlreadyQueuedIsReadAtOnceThenEof(Family f) throws Exception {
        Net.Pair p = pairWaitingFirst(f);
        Net.writeAll(t, p.accepted(), "abc".getBytes(StandardCharsets.ISO_8859_1));
        byte[] b = new byte[8];
        long t0 = System.nanoTime();
        int n = 0;
        while (n < 3) {
            int k = t.read(p.client(), b, n, 8 - n, -1);
            assertEquals(true, k > 0, "data, not " + k);
            n += k;
        }
        assertEquals("abc", new String(b, 0, 3, StandardCharsets.ISO_8859_1));
        assertEquals(true, System.nanoTime() - t0 < 3 * SECOND);
        t.close(p.accepted());
        assertEquals(Transport.EOF, t.read(p.client(), b, 0, 8, -1));
        assertEquals(Transport.EOF, t.read(p.client(), b, 0, 8, -1), "EOF again, at once");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void boundedReadStillTimesOut(Family f) throws Exception {
        Net.Pair p = pairWaitingFirst(f);
        assertEquals(Transport.TIMEOUT, t.read(p.client(), new byte[8], 0, 8, SECOND / 10));
        assertEquals(Transport.TIMEOUT, t.read(p.client(), new byte[8], 0, 8, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void closeFromAnotherThreadWakesItWithEbadf(Family f) throws Exception {
        Net.Pair p = pairWaitingFirst(f);
        CompletableFuture<Integer> r = readAsync(p.client(), -1);
        Thread.sleep(300);
        assertFalse(r.isDone(), "the read blocked");
        t.close(p.client());
        assertEquals(-Errno.EBADF, r.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void shutRdWakesItWithEof(Family f) throws Exception {
        Net.Pair p = pairWaitingFirst(f);
        CompletableFuture<Integer> r = readAsync(p.client(), -1);
        Thread.sleep(300);
        assertFalse(r.isDone(), "the read blocked");
        t.shutdown(p.client(), Transport.SHUT_RD);
        assertEquals(Transport.EOF, r.get(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void resetIsReportedOnceThenEof(Family f) throws Exception {
        Net.Pair p = pairWaitingFirst(f);
        Net.abort(t, p.accepted());
        assertEquals(-Errno.ECONNRESET, readAsync(p.client(), -1).get(5, TimeUnit.SECONDS));
        assertEquals(Transport.EOF, t.read(p.client(), new byte[8], 0, 8, -1));
    }
}
