package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/** What a new user of the published artifacts does: find the transports, take one, move bytes both ways. */
class ConsumerTest {
    @Test
    void serviceLoaderFindsEveryPublishedTransport() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class).forEach(p -> names.add(p.name()));
        names.sort(Comparator.naturalOrder());
        assertEquals(List.of("blocking", "ffm", "nio"), names);
    }

    @Test
    void theConformanceKitIsOnTheTestClassPath() throws Exception {
        // The kit's entry point for a transport author (see the README's "A third-party transport").
        assertTrue(Class.forName("org.mtcp.conformance.Conformance").isInterface());
    }

    @Test
    void theBestAvailableTransportRoundTripsThroughBothApis() throws Exception {
        // Plain ServiceLoader: the available provider with the highest priority.
        TransportProvider best = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.unavailableReason().isEmpty())
                .max(Comparator.comparingInt(TransportProvider::priority))
                .orElseThrow();
        try (Transport transport = best.open()) {
            mtcpRoundTrip(transport);
            luaSocketRoundTrip(transport);
        }
    }

    @Test
    void everyTransportChosenByNameRoundTrips() throws Exception {
        for (String name : List.of("blocking", "nio", "ffm")) {
            try (Transport transport = Transports.require(name)) {
                mtcpRoundTrip(transport);
                luaSocketRoundTrip(transport);
            }
        }
    }

    private static void mtcpRoundTrip(Transport transport) {
        Mtcp mtcp = Mtcp.on(transport);
        int listener = mtcp.bind("127.0.0.1", "0").orThrow().fd();
        int port = SockAddr.parse(mtcp.getsockname(listener).orThrow()).port();
        FdAddress conn = mtcp.connect("127.0.0.1", Integer.toString(port)).orThrow();
        int accepted = mtcp.accept(listener).orThrow().fd();
        byte[] payload = new byte[32 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        mtcp.write(conn.fd(), payload);
        // mtcp's read may stop at a short chunk: read until everything is there.
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (got.size() < payload.length) {
            byte[] chunk = mtcp.read(accepted, payload.length - got.size(), 5000).orThrow();
            assertTrue(chunk.length > 0, transport.name() + ": end of stream after " + got.size() + " bytes");
            got.writeBytes(chunk);
        }
        assertArrayEquals(payload, got.toByteArray(), transport.name() + ": mtcp data");
        for (int fd : new int[] {conn.fd(), accepted, listener}) {
            mtcp.close(fd);
        }
    }

    private static void luaSocketRoundTrip(Transport transport) {
        LuaSocket socket = LuaSocket.on(transport);
        Tcp server = socket.bind("127.0.0.1", 0).orThrow();
        server.settimeout(5);
        Tcp client = socket.connect("127.0.0.1", server.getsockname().orThrow().port()).orThrow();
        client.settimeout(5);
        Tcp peer = server.accept().orThrow();
        peer.settimeout(5);
        client.send("hello from a consumer over " + transport.name() + "\n");
        String line = peer.receive("*l").string();
        peer.send(line.toUpperCase(java.util.Locale.ROOT) + "\n");
        String echo = client.receive("*l").string();
        assertEquals("HELLO FROM A CONSUMER OVER " + transport.name().toUpperCase(java.util.Locale.ROOT), echo);
        client.close();
        peer.close();
        server.close();
    }
}
