package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.MS;
import static org.mtcp.transport.ffm.Net.SECOND;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/**
 * Unlimited waits on our own descriptors are one blocking syscall (the descriptor in blocking mode);
 * bounded and zero waits, connect and adopted descriptors still honour their limits whatever mode the
 * descriptor was left in, and a close wakes every kind of wait.
 */
class BlockingModeTest {
    private static final int O_NONBLOCK = 04000;

    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    interface Call {
        Object call() throws Exception;
    }

    private static CompletableFuture<Object> start(Call call) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread th = new Thread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        th.setDaemon(true);
        th.start();
        return f;
    }

    /** Whether the kernel says the descriptor has O_NONBLOCK (from /proc/self/fdinfo). */
    private static boolean nonBlocking(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return (Integer.parseInt(line.substring(6).trim(), 8) & O_NONBLOCK) != 0;
            }
        }
        throw new AssertionError("no flags line for " + fd);
    }

    private static void assertBlocked(CompletableFuture<Object> f) throws Exception {
        try {
            Object r = f.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("the call did not block, it returned " + r);
        } catch (TimeoutException expected) {
            // blocked
        }
    }

    private static void assertEbadf(CompletableFuture<Object> f) throws Exception {
        try {
            Object r = f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("returned " + r + " instead of failing with EBADF");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof ErrnoException, String.valueOf(e.getCause()));
            assertEquals(Errno.EBADF, ((ErrnoException) e.getCause()).errno());
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private static long millisOf(Action c) throws Exception {
        long t0 = System.nanoTime();
        c.run();
        return (System.nanoTime() - t0) / MS;
    }

    @Test
    void modesFollowTheWaits() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        // New sockets are non-blocking (connect needs it); accepted ones start blocking.
        assertTrue(nonBlocking(p[0]));
        assertFalse(nonBlocking(p[1]));
        assertTrue(nonBlocking(l));
        t.write(p[1], new byte[] {7}, 0, 1, -1);
        byte[] b = new byte[4];
        Thread.sleep(20);
        assertEquals(1, t.read(p[0], b, 0, 4, -1));
        // A read that finds data at once changes nothing; one that has to wait switches to blocking mode.
        assertTrue(nonBlocking(p[0]));
        CompletableFuture<Object> r = start(() -> t.read(p[0], new byte[4], 0, 4, -1));
        assertBlocked(r);
        assertFalse(nonBlocking(p[0]));
        t.write(p[1], new byte[] {8}, 0, 1, -1);
        assertEquals(1, r.get(10, TimeUnit.SECONDS));
        // An unlimited accept puts the listener in blocking mode; a bounded one puts it back.
        CompletableFuture<Object> a = start(() -> t.accept(l, -1));
        assertBlocked(a);
        assertFalse(nonBlocking(l));
        int c = Net.socket(t, Family.INET);
        assertEquals(0, t.connect(c, Net.loopback(Family.INET, Net.port(t, l)), 5 * SECOND));
        int s = (Integer) a.get(10, TimeUnit.SECONDS);
        assertTrue(s >= 0);
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        assertTrue(nonBlocking(l));
        t.close(s);
        t.close(c);
    }

    @Test
    void boundedAndZeroReadsKeepTheirLimitsOnABlockingModeSocket() throws Exception {
        int l = Net.listener(t, Family.INET6);
        int[] p = Net.pair(t, Family.INET6, l);
        byte[] b = new byte[16];
        for (int round = 0; round < 3; round++) {
            // Unlimited read: blocks until the peer writes (the socket is switched to blocking mode).
            CompletableFuture<Object> r = start(() -> t.read(p[0], b, 0, 16, -1));
            assertBlocked(r);
            t.write(p[1], new byte[] {1, 2, 3}, 0, 3, -1);
            assertEquals(3, r.get(10, TimeUnit.SECONDS));
            assertFalse(nonBlocking(p[0]));
            // Zero and bounded waits on the same (blocking-mode) socket still return in time.
            assertEquals(Transport.TIMEOUT, t.read(p[0], b, 0, 16, 0));
            long ms = millisOf(() -> assertEquals(Transport.TIMEOUT, t.read(p[0], b, 0, 16, 100 * MS)));
            assertTrue(ms >= 90 && ms < 5000, ms + " ms");
            // ... and return data at once when there is some, even though the last read had to wait.
            t.write(p[1], new byte[] {4, 5}, 0, 2, -1);
            assertEquals(2, t.read(p[0], b, 0, 16, 5 * SECOND));
            t.write(p[1], new byte[] {6}, 0, 1, -1);
            Thread.sleep(20);
            assertEquals(1, t.read(p[0], b, 0, 16, 0));
            assertEquals(6, b[0]);
        }
        // Writes: zero waits on a blocking-mode socket fill the buffers and then say TIMEOUT, not block.
        byte[] big = new byte[1 << 16];
        int n;
        int rounds = 0;
        while ((n = t.write(p[0], big, 0, big.length, 0)) != Transport.TIMEOUT && rounds++ < 10_000) {
            assertTrue(n > 0);
        }
        assertEquals(Transport.TIMEOUT, n);
        long ms = millisOf(() -> assertEquals(Transport.TIMEOUT, t.write(p[0], big, 0, big.length, 100 * MS)));
        assertTrue(ms >= 90 && ms < 5000, ms + " ms");
    }

    @Test
    void unlimitedWritePassesAFullBufferAndMovesEveryByte() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        byte[] data = new byte[3 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 11));
        }
        CompletableFuture<Object> w = start(() -> {
            int off = 0;
            while (off < data.length) {
                off += t.write(p[0], data, off, data.length - off, -1);
            }
            t.shutdown(p[0], 1);
            return off;
        });
        byte[] got = new byte[data.length];
        byte[] chunk = new byte[5000];
        int off = 0;
        while (true) {
            int n = t.read(p[1], chunk, 0, chunk.length, -1);
            if (n == Transport.EOF) {
                break;
            }
            assertTrue(off + n <= got.length, "more bytes than were written");
            System.arraycopy(chunk, 0, got, off, n);
            off += n;
            if (off % 7 == 0) {
                Thread.sleep(1); // let the writer find the buffer full now and then
            }
        }
        assertEquals(data.length, w.get(30, TimeUnit.SECONDS));
        assertEquals(data.length, off);
        assertArrayEquals(data, got);
    }

    @Test
    void boundedAcceptNextToABlockedUnlimitedAcceptStillTimesOut() throws Exception {
        int l = Net.listener(t, Family.INET);
        CompletableFuture<Object> blocked = start(() -> t.accept(l, -1));
        assertBlocked(blocked);
        long ms = millisOf(() -> assertEquals(Transport.TIMEOUT, t.accept(l, 150 * MS)));
        assertTrue(ms >= 140 && ms < 5000, ms + " ms");
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        // The unlimited accept is still waiting, and gets the next connection.
        assertFalse(blocked.isDone());
        int c = Net.socket(t, Family.INET);
        assertEquals(0, t.connect(c, Net.loopback(Family.INET, Net.port(t, l)), 5 * SECOND));
        int s = (Integer) blocked.get(10, TimeUnit.SECONDS);
        t.write(c, new byte[] {5}, 0, 1, -1);
        byte[] b = new byte[1];
        assertEquals(1, t.read(s, b, 0, 1, 5 * SECOND));
        // And it can block again, and be woken by a close.
        CompletableFuture<Object> again = start(() -> t.accept(l, -1));
        assertBlocked(again);
        t.close(l);
        assertEbadf(again);
    }

    @Test
    void closeWakesBlockingCallsOnAcceptedAndClientSockets() throws Exception {
        int l = Net.listener(t, Family.INET6);
        int[] p = Net.pair(t, Family.INET6, l);
        // The accepted end was born blocking, the client end is switched by its first unlimited read.
        CompletableFuture<Object> onAccepted = start(() -> t.read(p[1], new byte[8], 0, 8, -1));
        CompletableFuture<Object> onClient = start(() -> t.read(p[0], new byte[8], 0, 8, -1));
        assertBlocked(onAccepted);
        assertBlocked(onClient);
        t.close(p[1]);
        assertEbadf(onAccepted);
        // The client's read sees the close as EOF (the peer closed), not as its own close.
        assertEquals(Transport.EOF, onClient.get(10, TimeUnit.SECONDS));
        CompletableFuture<Object> again = start(() -> t.read(p[0], new byte[8], 0, 8, -1));
        assertEquals(Transport.EOF, again.get(10, TimeUnit.SECONDS));
        t.close(p[0]);
        Net.assertErrno(Errno.EBADF, () -> t.read(p[0], new byte[1], 0, 1, -1));
    }

    @Test
    void closeWakesAReaderAndAWriterBlockedTogether() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        t.setOption(p[0], org.mtcp.spi.SocketOption.SEND_BUFFER_SIZE, 4096);
        byte[] big = new byte[1 << 16];
        for (int round = 0; round < 200 && t.write(p[0], big, 0, big.length, 0) != Transport.TIMEOUT; round++) {
            // fill
        }
        CompletableFuture<Object> w = start(() -> {
            while (true) {
                t.write(p[0], big, 0, big.length, -1);
            }
        });
        CompletableFuture<Object> r = start(() -> t.read(p[0], new byte[8], 0, 8, -1));
        assertBlocked(w);
        assertBlocked(r);
        t.close(p[0]);
        assertEbadf(w);
        assertEbadf(r);
    }

    @Test
    void adoptedDescriptorsStayNonBlockingAndKeepTheirLimits() throws Exception {
        try (Transport b = Net.open()) {
            int l = Net.listener(t, Family.INET);
            int[] p = Net.pair(t, Family.INET, l);
            // The owner puts both in blocking mode.
            CompletableFuture<Object> a = start(() -> t.accept(l, -1));
            CompletableFuture<Object> r = start(() -> t.read(p[0], new byte[8], 0, 8, -1));
            assertBlocked(a);
            assertBlocked(r);
            assertFalse(nonBlocking(l));
            assertFalse(nonBlocking(p[0]));
            // Another instance adopting them turns O_NONBLOCK on (shared by both instances' calls) ...
            long ms = millisOf(() -> assertEquals(Transport.TIMEOUT, b.accept(l, 100 * MS)));
            assertTrue(ms >= 90 && ms < 5000, ms + " ms");
            assertEquals(Transport.TIMEOUT, b.accept(l, 0));
            assertTrue(nonBlocking(l));
            assertEquals(Transport.TIMEOUT, b.read(p[0], new byte[8], 0, 8, 0));
            // ... and the owner's blocked calls still complete.
            int c = Net.socket(t, Family.INET);
            assertEquals(0, t.connect(c, Net.loopback(Family.INET, Net.port(t, l)), 5 * SECOND));
            int s = (Integer) a.get(10, TimeUnit.SECONDS);
            t.write(p[1], new byte[] {1}, 0, 1, -1);
            assertEquals(1, r.get(10, TimeUnit.SECONDS));
            // The owner's next unlimited read notices the flag changed under it and still waits properly.
            CompletableFuture<Object> r2 = start(() -> t.read(p[0], new byte[8], 0, 8, -1));
            assertBlocked(r2);
            t.write(p[1], new byte[] {2, 3}, 0, 2, -1);
            assertEquals(2, r2.get(10, TimeUnit.SECONDS));
            // The adopting instance's unlimited read waits in ppoll, and its close wakes it.
            CompletableFuture<Object> rb = start(() -> b.read(p[1], new byte[8], 0, 8, -1));
            assertBlocked(rb);
            b.close(p[1]);
            assertEbadf(rb);
            // The owner forgets the number b closed (at once, before anything can reuse it).
            Net.assertErrno(Errno.EBADF, () -> t.close(p[1]));
            t.close(s);
            t.close(c);
        }
    }

    @Test
    void adoptedDescriptorWithOwnerInBlockingModeStillHonoursZeroAccept() throws Exception {
        try (Transport b = Net.open()) {
            int l = Net.listener(t, Family.INET);
            // b adopts first (non-blocking), then the owner switches it to blocking mode.
            assertEquals(Transport.TIMEOUT, b.accept(l, 0));
            CompletableFuture<Object> a = start(() -> t.accept(l, -1));
            assertBlocked(a);
            assertFalse(nonBlocking(l));
            // b checks the flag again before accepting, so this does not block.
            CompletableFuture<Object> z = start(() -> b.accept(l, 0));
            assertEquals(Transport.TIMEOUT, z.get(10, TimeUnit.SECONDS));
            t.close(l);
            assertEbadf(a);
        }
    }
}
