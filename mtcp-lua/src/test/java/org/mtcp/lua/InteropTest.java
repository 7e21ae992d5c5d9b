package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * Over the wire, 1 MiB of seeded random bytes echoed end to end: C LuaSocket's client against a Java echo
 * server (our LuaSocket API), our runner's client against a C LuaSocket echo server, and our client against
 * our server. The client prints the byte count, whether the echo equals the payload, and a checksum; every
 * pairing must print the same line.
 */
class InteropTest {
    private static final Path CLIENT = Scripts.DIR.resolve("interop_client.lua");
    private static final Path SERVER = Scripts.DIR.resolve("interop_server.lua");
    private static final String SIZE = "1048576";

    /** Echoes one client with the Java LuaSocket API; completes when the client has closed. */
    private static CompletableFuture<Void> javaEchoServer(Transport t, int[] port) {
        Tcp srv = LuaSocket.on(t).bind("127.0.0.1", 0).orThrow();
        port[0] = srv.getsockname().orThrow().port();
        srv.settimeout(30);
        return CompletableFuture.runAsync(() -> {
            try {
                Tcp c = srv.accept().orThrow();
                c.settimeout(30);
                while (true) {
                    Received r = c.receive(8192L);
                    byte[] data = r.isOk() ? r.data() : r.partial();
                    if (data.length > 0) {
                        assertTrue(c.send(data).isOk());
                    }
                    if (!r.isOk()) {
                        assertEquals("closed", r.error());
                        break;
                    }
                }
                c.close();
            } finally {
                srv.close();
            }
        });
    }

    private static void checkLine(String out) {
        assertTrue(out.matches(SIZE + "\ttrue\t[0-9a-f]{8}\n"), () -> "client said: " + out);
    }

    @TestFactory
    Stream<DynamicTest> payloadsSurviveEveryPairing() {
        List<DynamicTest> tests = new ArrayList<>();
        String cMissing = Scripts.cLuaMissing();
        List<String> lines = new ArrayList<>();
        for (String name : Scripts.transports()) {
            tests.add(DynamicTest.dynamicTest("our client, our server on " + name, () -> {
                try (Transport server = Transports.require(name)) {
                    int[] port = new int[1];
                    CompletableFuture<Void> done = javaEchoServer(server, port);
                    Scripts.Outcome o = Scripts.runJava(name, CLIENT, "127.0.0.1", Integer.toString(port[0]), SIZE);
                    assertEquals(0, o.status(), o.err());
                    done.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    checkLine(o.out());
                    lines.add(o.out());
                }
            }));
            tests.add(DynamicTest.dynamicTest("C client, Java server on " + name, () -> {
                assumeTrue(cMissing == null, () -> "skipped: " + cMissing);
                try (Transport server = Transports.require(name)) {
                    int[] port = new int[1];
                    CompletableFuture<Void> done = javaEchoServer(server, port);
                    Scripts.Outcome o = Scripts.runC(CLIENT, "127.0.0.1", Integer.toString(port[0]), SIZE);
                    assertEquals(0, o.status(), o.err());
                    done.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    checkLine(o.out());
                    lines.add(o.out());
                }
            }));
            tests.add(DynamicTest.dynamicTest("our client on " + name + ", C server", () -> {
                assumeTrue(cMissing == null, () -> "skipped: " + cMissing);
                Process server = Scripts.startC(SERVER);
                try {
                    BufferedReader first = new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
                    String port = first.readLine();
                    assertTrue(port != null && port.matches("\\d+"), () -> "server said: " + port);
                    Scripts.Outcome o = Scripts.runJava(name, CLIENT, "127.0.0.1", port, SIZE);
                    assertEquals(0, o.status(), o.err());
                    checkLine(o.out());
                    lines.add(o.out());
                    assertTrue(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                    assertEquals(0, server.exitValue());
                } finally {
                    server.destroyForcibly();
                }
            }));
        }
        if (tests.isEmpty()) {
            return Stream.of(Scripts.noTransport());
        }
        tests.add(DynamicTest.dynamicTest("every pairing echoed the same bytes", () ->
                assertEquals(1, lines.stream().distinct().count(), () -> "different results: " + lines)));
        return tests.stream();
    }
}
