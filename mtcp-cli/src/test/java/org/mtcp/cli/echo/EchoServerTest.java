package org.mtcp.cli.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/** The echo servers over the real transports of this build, talked to by plain java.net sockets. */
class EchoServerTest {
    private static List<Transports.Found> available() {
        List<Transports.Found> a = Transports.discover().stream().filter(Transports.Found::available)
                .collect(Collectors.toList());
        assumeFalse(a.isEmpty(), "no transport available in this build");
        return a;
    }

    private static byte[] echo(Socket s, byte[] data) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(data);
        out.flush();
        byte[] back = new byte[data.length];
        new DataInputStream(s.getInputStream()).readFully(back);
        return back;
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void echoesEveryByteToAPlainSocket() throws Exception {
        for (Transports.Found f : available()) {
            for (Api api : Api.values()) {
                List<String> log = new CopyOnWriteArrayList<>();
                try (Transport t = f.provider().open();
                        EchoServer server = EchoServer.start(api, t, "127.0.0.1", 0, 0, log::add)) {
                    String where = f.name() + "/" + api;
                    assertEquals("127.0.0.1", server.host(), where);
                    assertTrue(server.port() > 0, where);
                    byte[] data = Payloads.random(100_000, new Random(1));
                    try (Socket a = connect(server.port()); Socket b = connect(server.port())) {
                        assertArrayEquals(data, echo(a, data), where);
                        assertArrayEquals("line\r\n".getBytes(), echo(b, "line\r\n".getBytes()), where);
                        assertArrayEquals(new byte[] {0}, echo(a, new byte[] {0}), where);
                        assertEquals(2, server.activity().accepted(), where);
                        assertEquals(2, server.activity().open(), where);
                    }
                    // Both peers closed: the server notices end of stream and closes its side.
                    assertEquals(Activity.Exit.MAX_CONNECTIONS, server.activity().awaitExit(2, 10_000_000_000L),
                            where + " " + log);
                    assertEquals(0, server.activity().open(), where);
                    assertTrue(log.get(0).startsWith("connection 1 from 127.0.0.1 "), where + " " + log);
                }
            }
        }
    }

    @Test
    void maxConnectionsStopsListening() throws Exception {
        for (Transports.Found f : available()) {
            for (Api api : Api.values()) {
                try (Transport t = f.provider().open();
                        EchoServer server = EchoServer.start(api, t, "127.0.0.1", 0, 1, null)) {
                    String where = f.name() + "/" + api;
                    try (Socket s = connect(server.port())) {
                        assertArrayEquals(new byte[] {1, 2}, echo(s, new byte[] {1, 2}), where);
                    }
                    assertEquals(Activity.Exit.MAX_CONNECTIONS, server.activity().awaitExit(1, 10_000_000_000L), where);
                    assertThrows(ConnectException.class, () -> connect(server.port()).close(), where);
                }
            }
        }
    }

    @Test
    void idleExitAndBindFailure() throws Exception {
        for (Transports.Found f : available()) {
            for (Api api : Api.values()) {
                try (Transport t = f.provider().open()) {
                    // Idle time counts from the server's start, so the clock starts before it.
                    long start = System.nanoTime();
                    EchoServer server = EchoServer.start(api, t, "127.0.0.1", 0, 0, null);
                    String where = f.name() + "/" + api;
                    assertEquals(Activity.Exit.IDLE, server.activity().awaitExit(0, 200_000_000L), where);
                    assertTrue(System.nanoTime() - start >= 190_000_000L, where);
                    // The port is taken: a second server fails with the contract's text (errno 98).
                    EchoException e = assertThrows(EchoException.class,
                            () -> EchoServer.start(api, t, "127.0.0.1", server.port(), 0, null), where);
                    assertTrue(e.getMessage().startsWith("bind: "), where + ": " + e.getMessage());
                    server.close();
                }
            }
        }
    }

    @Test
    void clientsOfBothApisRoundTrip() throws Exception {
        for (Transports.Found f : available()) {
            for (Api api : Api.values()) {
                try (Transport st = f.provider().open(); Transport ct = f.provider().open();
                        EchoServer server = EchoServer.start(api, st, "127.0.0.1", 0, 0, null);
                        EchoClient client = EchoClient.connect(api, ct, "127.0.0.1", server.port(), 5000)) {
                    String where = f.name() + "/" + api;
                    byte[] data = Payloads.random(3000, new Random(2));
                    assertArrayEquals(data, client.roundTrip(data), where);
                    assertArrayEquals("h\u00e9llo".getBytes("UTF-8"), client.lineRoundTrip("h\u00e9llo".getBytes("UTF-8")),
                            where);
                }
            }
        }
    }

    @Test
    void refusedConnectIsAnEchoException() throws Exception {
        for (Transports.Found f : available()) {
            for (Api api : Api.values()) {
                int port;
                try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1,
                        java.net.InetAddress.getByName("127.0.0.1"))) {
                    port = ss.getLocalPort();
                }
                try (Transport t = f.provider().open()) {
                    EchoException e = assertThrows(EchoException.class,
                            () -> EchoClient.connect(api, t, "127.0.0.1", port, 2000));
                    assertTrue(e.getMessage().startsWith("connect: "), e.getMessage());
                    assertTrue(e.getMessage().contains(api == Api.MTCP ? "111" : "refused"), e.getMessage());
                }
            }
        }
    }
}
