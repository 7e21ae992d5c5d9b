package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtcp.conformance.Fixture.ok;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.TransportProvider;

/**
 * Interop: a server on the transport under test and a client on each peer transport, then the other way
 * round, with both APIs and random binary payloads. Every pair of providers is covered when each
 * provider's test class lists the others as {@link #peers()}.
 */
public interface InteropContract extends TransportConformance {

    @Test
    default void I1_luasocketBothDirectionsWithEveryPeer(Fixture f) {
        for (TransportProvider peer : peers()) {
            try (Fixture g = Fixture.open(peer)) {
                roundTrip(f, g, 100_000 + peer.name().length());
                roundTrip(g, f, 77_777);
            }
        }
    }

    @Test
    default void I2_mtcpBothDirectionsWithEveryPeer(Fixture f) {
        for (TransportProvider peer : peers()) {
            try (Fixture g = Fixture.open(peer)) {
                mtcpRoundTrip(f, g);
                mtcpRoundTrip(g, f);
            }
        }
    }

    private static void roundTrip(Fixture serverSide, Fixture clientSide, int size) {
        Tcp server = serverSide.server();
        server.settimeout(10);
        Tcp client = clientSide.track(ok(clientSide.socket.connect("127.0.0.1", Fixture.port(server))));
        Tcp accepted = serverSide.track(ok(server.accept()));
        client.settimeout(10);
        accepted.settimeout(10);
        byte[] data = Bytes.random(new Random(size), size);
        assertEquals(size, client.send(data).last());
        byte[] got = accepted.receive(size).data();
        assertArrayEquals(data, got, serverSide.provider.name() + " <- " + clientSide.provider.name());
        assertEquals(size, accepted.send(got).last());
        assertArrayEquals(data, client.receive(size).data());
        accepted.send("line\r\n");
        assertEquals("line", client.receive("*l").string());
    }

    private static void mtcpRoundTrip(Fixture serverSide, Fixture clientSide) {
        int listener = serverSide.mtcpServer("127.0.0.1");
        int client = clientSide.mtcpConnect("127.0.0.1", serverSide.mtcpPort(listener));
        int accepted = serverSide.trackFd(ok(serverSide.mtcp.accept(listener)).fd());
        byte[] data = Bytes.random(new Random(5), 3000);
        assertEquals(3000L, ok(clientSide.mtcp.write(client, data)));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (got.size() < data.length) {
            byte[] chunk = ok(serverSide.mtcp.read(accepted, data.length - got.size(), 5000));
            if (chunk.length == 0) {
                break; // end of stream: the assertion below reports what is missing
            }
            got.writeBytes(chunk);
        }
        assertArrayEquals(data, got.toByteArray(), serverSide.provider.name() + " <- " + clientSide.provider.name());
    }
}
