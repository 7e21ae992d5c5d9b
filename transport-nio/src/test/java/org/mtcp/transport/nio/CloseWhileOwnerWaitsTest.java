package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtcp.spi.Transport.POLLIN;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mtcp.spi.Family;

/**
 * A close of a socket that another thread's selector still holds returns while that thread goes on
 * waiting without limit on other sockets. The close wakes the waiter and needs one selection of its
 * selector; the waiter, woken for nothing, goes straight back to a blocking selection, which the JDK
 * runs under the selector's lock (the benchmark's Lua pairs hung here, closing while the echo side waited).
 */
class CloseWhileOwnerWaitsTest extends NioTransportTestBase {

    @Test
    void closeReturnsWhileAnotherThreadWaitsWithoutLimit() throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                Net.Pair waited = Net.pair(t, Family.INET);
                Net.Pair closed = Net.pair(t, Family.INET);
                CountDownLatch registered = new CountDownLatch(1);
                Future<Integer> waiter = ex.submit(() -> {
                    int[] rev = new int[2];
                    // Both sockets join this thread's selector; then it waits on one of them only.
                    t.poll(new int[] {waited.accepted(), closed.accepted()}, new int[] {POLLIN, POLLIN}, rev, 2, 0);
                    registered.countDown();
                    int n = 0;
                    while (n == 0) {
                        n = t.poll(new int[] {waited.accepted()}, new int[] {POLLIN}, rev, 1, -1);
                    }
                    return rev[0];
                });
                registered.await(10, TimeUnit.SECONDS);
                Future<?> close = ex.submit(() -> {
                    t.close(closed.accepted());
                    return null;
                });
                close.get(10, TimeUnit.SECONDS);
                t.write(waited.client(), new byte[] {1}, 0, 1, -1);
                assertEquals(POLLIN, waiter.get(10, TimeUnit.SECONDS) & POLLIN);
                for (int fd : new int[] {waited.client(), waited.accepted(), waited.server(), closed.client(), closed.server()}) {
                    t.close(fd);
                }
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
