package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLOUT;
import static org.mtcp.transport.nio.Net.MS;
import static org.mtcp.transport.nio.Net.SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** Threads at once: one reader and one writer per socket, and random operations racing with closes. */
class ConcurrencyTest extends NioTransportTestBase {

    @Test
    void aReaderAndAWriterOnEachEndAtOnce() throws Exception {
        Net.Pair p = Net.pair(t, Family.INET);
        byte[] data = new byte[2 << 20];
        new Random(3).nextBytes(data);
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            Future<?> w1 = ex.submit(() -> {
                Net.writeAll(t, p.client(), data);
                return null;
            });
            Future<?> w2 = ex.submit(() -> {
                Net.writeAll(t, p.accepted(), data);
                return null;
            });
            Future<byte[]> r1 = ex.submit(() -> Net.readFully(t, p.accepted(), data.length));
            Future<byte[]> r2 = ex.submit(() -> Net.readFully(t, p.client(), data.length));
            w1.get(30, TimeUnit.SECONDS);
            w2.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, r1.get(30, TimeUnit.SECONDS));
            assertArrayEquals(data, r2.get(30, TimeUnit.SECONDS));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void randomOperationsRacingWithClosesFailOnlyWithErrnos() throws Exception {
        Set<Integer> allowed = Set.of(Errno.EBADF, Errno.EPIPE, Errno.ECONNRESET, Errno.ENOTCONN, Errno.EINVAL,
                Errno.EISCONN, Errno.ECONNREFUSED, Errno.ECONNABORTED, Errno.EMFILE);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        int server = Net.listener(t, Family.INET);
        int port = Net.port(t, server);
        List<Integer> fds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Net.Pair p = Net.pair(t, Family.INET);
            t.close(p.server());
            fds.add(p.client());
            fds.add(p.accepted());
        }
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        long end = System.nanoTime() + 1500 * MS;
        for (int w = 0; w < 4; w++) {
            int seed = w;
            jobs.add(ex.submit(() -> {
                Random r = new Random(seed);
                byte[] b = new byte[512];
                int[] rev = new int[4];
                while (System.nanoTime() < end) {
                    int fd = fds.get(r.nextInt(fds.size()));
                    try {
                        switch (r.nextInt(9)) {
                            case 0 -> t.read(fd, b, 0, b.length, r.nextInt(3) * MS);
                            case 1 -> t.write(fd, b, 0, b.length, r.nextInt(3) * MS);
                            case 2 -> t.poll(new int[] {fd, fds.get(r.nextInt(fds.size())), server, -1},
                                    new int[] {POLLIN, POLLOUT, POLLIN, POLLIN}, rev, 4, r.nextInt(3) * MS);
                            case 3 -> {
                                if (r.nextInt(10) == 0) {
                                    t.close(fd);
                                }
                            }
                            case 4 -> t.shutdown(fd, r.nextInt(3));
                            case 5 -> t.remoteAddress(fd);
                            case 6 -> {
                                int c = t.socket(Family.INET);
                                t.connect(c, Net.lo(Family.INET, port), r.nextInt(2) * MS);
                                t.close(c);
                            }
                            case 7 -> {
                                int a = t.accept(server, 0);
                                if (a >= 0) {
                                    t.close(a);
                                }
                            }
                            default -> t.getOption(fd, org.mtcp.spi.SocketOption.ERROR);
                        }
                    } catch (ErrnoException e) {
                        seen.add(e.errno());
                        if (!allowed.contains(e.errno())) {
                            throw new AssertionError("unexpected errno " + e.errno() + " " + e.getMessage(), e);
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : jobs) {
                f.get(30, TimeUnit.SECONDS); // a deadlock would time out here
            }
        } finally {
            ex.shutdownNow();
        }
        assertTrue(seen.contains(Errno.EBADF), "closes did race with other calls");
        // The transport is still healthy.
        Net.Pair p = Net.pair(t, Family.INET);
        assertEquals(1, t.write(p.client(), new byte[] {1}, 0, 1, SECOND));
        assertEquals(1, Net.readFully(t, p.accepted(), 1).length);
    }

    @Test
    void manyThreadsWaitingOnDifferentSocketsAreWokenIndependently() throws Exception {
        List<Net.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pairs.add(Net.pair(t, Family.INET));
        }
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        ExecutorService ex = Executors.newFixedThreadPool(pairs.size());
        for (Net.Pair p : pairs) {
            reads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return t.read(p.client(), new byte[4], 0, 4, 10 * SECOND);
                } catch (ErrnoException e) {
                    return -e.errno();
                }
            }, ex));
        }
        try {
            Thread.sleep(200);
            for (int i = pairs.size() - 1; i >= 0; i--) {
                t.write(pairs.get(i).accepted(), new byte[] {(byte) i}, 0, 1, SECOND);
                assertEquals(1, reads.get(i).get(5, TimeUnit.SECONDS));
            }
        } finally {
            ex.shutdownNow();
        }
        assertEquals(Transport.TIMEOUT, t.read(pairs.get(0).client(), new byte[1], 0, 1, 0));
    }
}
