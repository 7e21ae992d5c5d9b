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

    /** Which options NIO can carry, and which capabilities, are this transport's own (the kit checks them). */
    @Test
    void theOptionsAndCapabilitiesAreWhatNioCanDo() {
        try (Transport t = new NioTransportProvider().open()) {
            assertEquals(java.util.EnumSet.of(org.mtcp.spi.SocketOption.KEEPALIVE, org.mtcp.spi.SocketOption.REUSEADDR,
                    org.mtcp.spi.SocketOption.REUSEPORT, org.mtcp.spi.SocketOption.TCP_NODELAY,
                    org.mtcp.spi.SocketOption.LINGER, org.mtcp.spi.SocketOption.IPV6_V6ONLY,
                    org.mtcp.spi.SocketOption.TCP_KEEPIDLE, org.mtcp.spi.SocketOption.TCP_KEEPCNT,
                    org.mtcp.spi.SocketOption.TCP_KEEPINTVL, org.mtcp.spi.SocketOption.RECV_BUFFER_SIZE,
                    org.mtcp.spi.SocketOption.SEND_BUFFER_SIZE, org.mtcp.spi.SocketOption.ERROR), t.options());
            for (Capability c : new Capability[] {Capability.KERNEL_V6ONLY, Capability.REAL_DESCRIPTORS,
                    Capability.KERNEL_ADDRESSES, Capability.LINUX_TCP_OPTIONS}) {
                assertTrue(!t.capabilities().contains(c) && t.missingReason(c).isPresent(), c.toString());
            }
        }
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
