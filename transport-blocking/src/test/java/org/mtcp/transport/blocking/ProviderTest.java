package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.GaiException;
import org.mtcp.spi.NameInfo;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.TransportProvider;

class ProviderTest extends TransportFixture {

    @Test
    void discoveredByServiceLoaderWithItsNameAndPriority() {
        Transports.Found found = Transports.discover().stream()
                .filter(x -> x.name().equals("blocking")).findFirst().orElseThrow();
        assertEquals(10, found.priority());
        assertTrue(found.available());
        assertTrue(found.provider() instanceof BlockingTransportProvider);
    }

    @Test
    void registeredForTheClassPathToo() throws Exception {
        var in = BlockingTransportProvider.class.getResourceAsStream(
                "/META-INF/services/org.mtcp.spi.TransportProvider");
        assertTrue(in != null);
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals(BlockingTransportProvider.class.getName(), r.readLine().trim());
        }
    }

    @Test
    void capabilitiesAreHonest() {
        TransportProvider p = new BlockingTransportProvider();
        assertEquals("blocking", p.name());
        assertTrue(p.unavailableReason().isEmpty());
        assertEquals(p.capabilities(), t.capabilities());
        assertEquals("blocking", t.name());
        for (Capability c : List.of(Capability.KERNEL_V6ONLY, Capability.EXACT_ZERO_WAIT,
                Capability.REAL_DESCRIPTORS, Capability.KERNEL_ADDRESSES, Capability.LINUX_TCP_OPTIONS,
                Capability.SHUTDOWN_RECEIVE)) {
            assertFalse(t.capabilities().contains(c), c.toString());
        }
        assertTrue(t.capabilities().contains(Capability.POLL_ERROR_EVENTS));
    }

    /** Which options java.net can carry is this transport's own business (the kit checks what is listed). */
    @Test
    void theListedOptionsAreWhatJavaNetCanDo() {
        assertTrue(t.options().containsAll(EnumSet.of(SocketOption.KEEPALIVE, SocketOption.REUSEADDR,
                SocketOption.TCP_NODELAY, SocketOption.LINGER, SocketOption.RECV_BUFFER_SIZE,
                SocketOption.SEND_BUFFER_SIZE, SocketOption.TCP_KEEPIDLE, SocketOption.TCP_KEEPCNT,
                SocketOption.TCP_KEEPINTVL, SocketOption.ERROR, SocketOption.IPV6_V6ONLY)), t.options().toString());
        for (SocketOption o : EnumSet.of(SocketOption.BINDTODEVICE, SocketOption.TCP_DEFER_ACCEPT,
                SocketOption.TCP_FASTOPEN, SocketOption.TCP_FASTOPEN_CONNECT)) {
            assertFalse(t.options().contains(o), o.toString());
        }
    }

    /** The pool threads are this transport's own: Transport.close() must stop them (the kit checks the sockets). */
    @Test
    void transportCloseStopsItsThreads() throws Exception {
        int[] p = pair(Family.INET);
        writeAll(p[1], "x");
        assertEquals("x", readString(p[2], 1));
        var blocked = async(() -> t.read(p[2], new byte[8], 0, 8, FOREVER));
        pause(200);
        t.close();
        assertEquals(Errno.EBADF, errnoOf(blocked));
        long deadline = System.nanoTime() + ms(PROMPT_MS);
        while (ioThreads() > 0 && System.nanoTime() < deadline) {
            pause(20);
        }
        assertEquals(0, ioThreads(), "pool threads still alive");
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().startsWith("mtcp-blocking-") && th.isAlive())
                .peek(th -> assertTrue(th.isDaemon(), th.getName() + " is not a daemon"))
                .count();
    }

    @Test
    void transportsAreIndependent() throws Exception {
        try (var other = new BlockingTransportProvider().open()) {
            int a = t.socket(Family.INET);
            int b = other.socket(Family.INET);
            assertEquals(a, b); // each has its own descriptor space
            other.close(b);
            t.localAddress(a);
        }
    }

    @Test
    void resolverAndSleep() throws Exception {
        List<SockAddr> r = t.getaddrinfo("127.0.0.1", "80", Family.UNSPEC, false);
        assertEquals(SockAddr.inet(new byte[] {127, 0, 0, 1}, 80), r.get(0));
        NameInfo ni = t.getnameinfo(r.get(0), true);
        assertEquals("127.0.0.1", ni.host());
        assertEquals(80, ni.port());
        assertEquals(GaiException.EAI_SERVICE,
                org.junit.jupiter.api.Assertions.assertThrows(GaiException.class,
                        () -> t.getaddrinfo("127.0.0.1", "no-such-service", Family.UNSPEC, false)).code());
        long start = System.nanoTime();
        t.sleep(ms(20));
        assertTrue(elapsedMs(start) >= 19);
        assertEquals(Errno.EINVAL, errno(() -> t.sleep(-1)));
    }
}
