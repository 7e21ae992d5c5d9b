package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.ErrnoException;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/** Discovery, Transport.close(), the descriptor limit, the resolver pass-through. */
class TransportLifecycleTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        // Discovery runs in the SPI module, which declares the service use.
        TransportProvider nio = Transports.discover().stream()
                .filter(found -> found.name().equals("nio"))
                .findFirst().orElseThrow().provider();
        assertEquals(20, nio.priority());
        assertTrue(nio.unavailableReason().isEmpty());
        assertTrue(nio.capabilities().contains(Capability.EXACT_ZERO_WAIT));
        assertTrue(nio.capabilities().contains(Capability.SHUTDOWN_RECEIVE));
        try (Transport t = nio.open()) {
            assertEquals("nio", t.name());
            assertEquals(nio.capabilities(), t.capabilities());
        }
    }

    @Test
    void closingTheTransportClosesEverySocketAndWakesWaiters() throws Exception {
        Transport t = new NioTransportProvider().open();
        Net.Pair p = Net.pair(t, Family.INET);
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return t.read(p.client(), new byte[1], 0, 1, -1);
            } catch (ErrnoException e) {
                return -e.errno();
            }
        });
        Thread.sleep(200);
        // A peer in another transport sees the close.
        try (Transport other = new NioTransportProvider().open()) {
            int c = other.socket(Family.INET);
            other.connect(c, Net.lo(Family.INET, Net.port(t, p.server())), 5 * SECOND);
            t.accept(p.server(), 5 * SECOND);
            t.close();
            assertEquals(-Errno.EBADF, blocked.get(5, TimeUnit.SECONDS));
            assertEquals(Transport.EOF, other.read(c, new byte[1], 0, 1, 5 * SECOND));
        }
        assertErrno(Errno.EBADF, () -> t.read(p.client(), new byte[1], 0, 1, 0));
        assertErrno(Errno.EBADF, () -> t.socket(Family.INET));
        t.close(); // idempotent
    }

    @Test
    void theDescriptorLimitIsEmfile() throws Exception {
        try (Transport t = new NioTransport(5)) {
            for (int i = 0; i < 5; i++) {
                t.socket(Family.INET);
            }
            assertErrno(Errno.EMFILE, () -> t.socket(Family.INET));
            t.close(3);
            assertEquals(3, t.socket(Family.INET));
        }
    }

    @Test
    void resolverIsTheSharedOne() throws Exception {
        try (Transport t = new NioTransportProvider().open()) {
            assertEquals(Net.lo(Family.INET, 80), t.getaddrinfo("127.0.0.1", "80", Family.UNSPEC, false).get(0));
            assertEquals("127.0.0.1", t.getnameinfo(Net.lo(Family.INET, 5), true).host());
        }
    }
}
