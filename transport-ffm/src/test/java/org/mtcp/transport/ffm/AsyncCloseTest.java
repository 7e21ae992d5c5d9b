package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.SECOND;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** Closing a descriptor from another thread wakes the calls blocked on it, which fail with EBADF. */
class AsyncCloseTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    interface Blocking {
        Object call() throws Exception;
    }

    /** Starts a call that blocks without limit, checks it is blocked, closes fd, and returns how it ended. */
    private Throwable closeWhileBlocked(int fd, Blocking call) throws Exception {
        CompletableFuture<Object> f = new CompletableFuture<>();
        Thread th = new Thread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        th.start();
        try {
            f.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("the call did not block");
        } catch (TimeoutException expected) {
            // blocked, as it should be
        }
        long t0 = System.nanoTime();
        t.close(fd);
        try {
            Object r = f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the blocked call returned " + r + " instead of failing");
        } catch (ExecutionException e) {
            long woke = System.nanoTime() - t0;
            assertTrue(woke < 5 * SECOND, "woken after " + woke + " ns");
            th.join(5000);
            return e.getCause();
        }
    }

    private static void assertEbadf(Throwable e) {
        assertTrue(e instanceof ErrnoException, String.valueOf(e));
        assertEquals(Errno.EBADF, ((ErrnoException) e).errno());
    }

    @Test
    void blockedReadIsWoken() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        assertEbadf(closeWhileBlocked(p[0], () -> t.read(p[0], new byte[10], 0, 10, -1)));
        // The peer sees the close (FIN) since the kernel descriptor was really closed.
        assertEquals(Transport.EOF, t.read(p[1], new byte[10], 0, 10, 5 * SECOND));
    }

    @Test
    void boundedReadIsWokenToo() throws Exception {
        int l = Net.listener(t, Family.INET6);
        int[] p = Net.pair(t, Family.INET6, l);
        assertEbadf(closeWhileBlocked(p[1], () -> t.read(p[1], new byte[10], 0, 10, 60 * SECOND)));
    }

    @Test
    void blockedAcceptIsWoken() throws Exception {
        int l = Net.listener(t, Family.INET);
        assertEbadf(closeWhileBlocked(l, () -> t.accept(l, -1)));
    }

    @Test
    void blockedWriteIsWoken() throws Exception {
        int l = Net.socket(t, Family.INET);
        t.setOption(l, SocketOption.RECV_BUFFER_SIZE, 4096); // inherited by the accepted socket
        t.bind(l, Net.loopback(Family.INET, 0));
        t.listen(l, 4);
        int[] p = Net.pair(t, Family.INET, l);
        t.setOption(p[0], SocketOption.SEND_BUFFER_SIZE, 4096);
        byte[] big = new byte[1 << 16];
        fill(p[0], big);
        assertEbadf(closeWhileBlocked(p[0], () -> t.write(p[0], big, 0, big.length, -1)));
    }

    /** Writes until the buffers stay full (the kernel may free window space for a while). */
    private void fill(int fd, byte[] big) throws Exception {
        for (int round = 0; round < 100; round++) {
            int wrote = 0;
            int n;
            while ((n = t.write(fd, big, 0, big.length, 0)) != Transport.TIMEOUT) {
                wrote += n;
            }
            if (wrote == 0 && round > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("could not fill the socket buffers");
    }

    @Test
    void blockedPollIsWokenAndReportsPollnval() throws Exception {
        int l = Net.listener(t, Family.INET);
        int other = Net.listener(t, Family.INET);
        int[] fds = {other, l};
        int[] rev = new int[2];
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread th = new Thread(() -> {
            try {
                f.complete(t.poll(fds, new int[] {Transport.POLLIN, Transport.POLLIN}, rev, 2, -1));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        th.start();
        Thread.sleep(300);
        assertFalse(f.isDone());
        t.close(l);
        assertEquals(1, f.get(10, TimeUnit.SECONDS));
        assertEquals(0, rev[0]);
        assertEquals(Transport.POLLNVAL, rev[1]);
    }

    @Test
    void closeWaitsForTheWokenCallsSoTheNumberIsNotReusedUnderThem() throws Exception {
        // Many readers on one socket; after close returns none of them may still use the number, so a new
        // socket that gets the same number is untouched by them.
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        int readers = 8;
        AtomicInteger ebadf = new AtomicInteger();
        Thread[] th = new Thread[readers];
        for (int i = 0; i < readers; i++) {
            th[i] = new Thread(() -> {
                try {
                    t.read(p[0], new byte[4], 0, 4, -1);
                } catch (ErrnoException e) {
                    if (e.errno() == Errno.EBADF) {
                        ebadf.incrementAndGet();
                    }
                }
            });
            th[i].start();
        }
        Thread.sleep(300);
        t.close(p[0]);
        for (Thread x : th) {
            x.join(10_000);
            assertFalse(x.isAlive());
        }
        assertEquals(readers, ebadf.get());
        Net.assertErrno(Errno.EBADF, () -> t.read(p[0], new byte[1], 0, 1, 0));
    }

    @Test
    void secondCloseDuringCloseIsEbadf() throws Exception {
        int l = Net.listener(t, Family.INET);
        int[] p = Net.pair(t, Family.INET, l);
        Thread reader = new Thread(() -> {
            try {
                t.read(p[0], new byte[4], 0, 4, -1);
            } catch (ErrnoException expected) {
                // EBADF
            }
        });
        reader.start();
        Thread.sleep(200);
        t.close(p[0]);
        Net.assertErrno(Errno.EBADF, () -> t.read(p[0], new byte[1], 0, 1, 0));
        reader.join(10_000);
    }

    @Test
    void closingTheTransportWakesEverything() throws Exception {
        Transport u = Net.open();
        int l = Net.listener(u, Family.INET);
        int[] p = Net.pair(u, Family.INET, l);
        CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> call(() -> u.accept(l, -1)));
        CompletableFuture<Object> r = CompletableFuture.supplyAsync(() -> call(() -> u.read(p[0], new byte[1], 0, 1, -1)));
        Thread.sleep(300);
        u.close();
        assertEbadf((Throwable) a.get(10, TimeUnit.SECONDS));
        assertEbadf((Throwable) r.get(10, TimeUnit.SECONDS));
    }

    private static Object call(Blocking b) {
        try {
            return b.call();
        } catch (Throwable e) {
            return e;
        }
    }
}
