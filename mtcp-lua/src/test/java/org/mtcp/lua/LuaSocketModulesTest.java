package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mtcp.Transports;

/**
 * LuaSocket's own Lua modules (Debian's lua-socket: socket.http, socket.url, ltn12, mime) on our runtime,
 * in both ways {@code require "socket"} resolves: the distribution's socket.lua on our socket.core (the
 * default path finds it), and our own socket layer (a path holding the other modules but no socket.lua).
 * Skipped, saying why, where lua-socket's Lua files are not installed.
 */
class LuaSocketModulesTest {
    private static final Path DIST = Path.of("/usr/share/lua/5.4");
    private static final String PAGE = "<html><body>hello from the mtcp test server</body></html>\n";

    @TempDir
    static Path ownLayer;

    private static void assumeDistribution() {
        Assumptions.assumeTrue(Files.isRegularFile(DIST.resolve("socket/http.lua")),
                "LuaSocket's Lua modules are not installed (apt-get install lua-socket)");
    }

    /** A path with LuaSocket's modules but not its socket.lua, so that ours is the socket module. */
    private static Map<String, String> ownSocketLayer() throws IOException {
        Path socketDir = ownLayer.resolve("socket");
        if (!Files.isDirectory(socketDir)) {
            Files.createDirectories(socketDir);
            for (String m : List.of("ltn12.lua", "mime.lua", "socket/http.lua", "socket/url.lua", "socket/headers.lua",
                    "socket/tp.lua", "socket/smtp.lua", "socket/ftp.lua")) {
                Files.copy(DIST.resolve(m), ownLayer.resolve(m));
            }
        }
        return Map.of("LUA_PATH", ownLayer + "/?.lua");
    }

    record Run(int status, String out, String err) {
    }

    static Run run(String transport, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (var t = Transports.require(transport);
             PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = LuaCommandLine.run(t, List.of(args), new ByteArrayInputStream(new byte[0]), o, e, env, false);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String socketOrigin(Run r) {
        return r.out().lines().findFirst().orElse("");
    }

    @TestFactory
    Stream<DynamicTest> socketHttpWithLtn12OnEveryTransport() {
        List<String> transports = Scripts.transports();
        if (transports.isEmpty()) {
            return Stream.of(Scripts.noTransport());
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String t : transports) {
            for (boolean distribution : new boolean[] {true, false}) {
                String layer = distribution ? "distribution socket.lua" : "our socket layer";
                tests.add(DynamicTest.dynamicTest(t + " / " + layer, () -> {
                    assumeDistribution();
                    Map<String, String> env = distribution ? Map.of() : ownSocketLayer();
                    try (HttpServer server = new HttpServer()) {
                        Run r = run(t, env, "-e", "print(debug.getinfo(require('socket').bind, 'S').source)",
                                Scripts.DIR.resolve("http_ltn12.lua").toString(), "127.0.0.1",
                                Integer.toString(server.port()));
                        assertEquals(0, r.status(), r.err());
                        assertEquals(distribution ? "@" + DIST.resolve("socket.lua") : "@mtcp-lua/socket.lua",
                                socketOrigin(r));
                        List<String> lines = r.out().lines().toList();
                        assertEquals("GET\t1\t200\tHTTP/1.1 200 OK\ttext/html\t" + PAGE.length(), lines.get(1));
                        assertEquals("body\t" + PAGE.strip(), lines.get(2));
                        assertEquals("simple\t200\ttrue", lines.get(4));
                        assertEquals("POST\t1\t200\t4268\ttrue\ttrue", lines.get(5));
                        assertEquals("simple POST\t200\ta=1&b=2", lines.get(6));
                        assertEquals("404\t404", lines.get(7));
                        assertEquals("refused\tnil\tconnection refused", lines.get(8));
                        assertTrue(server.requests().contains("POST /echo"), server.requests().toString());
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** urltest/mimetest/ltn12test-style checks: the same output as lua5.4 with C LuaSocket, in both layers. */
    @TestFactory
    Stream<DynamicTest> luaSocketModulesLikeC() {
        List<String> transports = Scripts.transports();
        if (transports.isEmpty()) {
            return Stream.of(Scripts.noTransport());
        }
        String t = transports.get(0);
        Path script = Scripts.DIR.resolve("luasocket_modules.lua");
        return Stream.of(true, false).map(distribution -> DynamicTest.dynamicTest(
                (distribution ? "distribution socket.lua" : "our socket layer") + " on " + t, () -> {
                    assumeDistribution();
                    Run r = run(t, distribution ? Map.of() : ownSocketLayer(), script.toString());
                    assertEquals(0, r.status(), r.err());
                    assertTrue(r.out().strip().endsWith("ok 63"), r.out());
                    String missing = Scripts.cLuaMissing();
                    if (missing == null) {
                        Scripts.Outcome c = Scripts.runC(script);
                        assertEquals(c.out(), r.out());
                    }
                }));
    }

    @Test
    void cModulesLoadThroughTheGlobalLuaLibrary() {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/lua/5.4/socket/serial.so")),
                "no C Lua module to load (Debian's lua-socket on x86_64)");
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
        String t = Scripts.transports().get(0);
        // Our mime.core comes first; the C one still loads when asked for by its file.
        Run r = run(t, Map.of(), "-e", "print(package.searchpath('mime.core', package.cpath))",
                "-e", "local f = assert(package.loadlib(package.searchpath('mime.core', package.cpath), "
                        + "'luaopen_mime_core')) print((f().b64('C module')), (require('mime.core').b64('ours')))");
        assertEquals(0, r.status(), r.err());
        assertEquals("/usr/lib/x86_64-linux-gnu/lua/5.4/mime/core.so\nQyBtb2R1bGU=\tb3Vycw==\n", r.out());
    }

    /** A loopback HTTP/1.1 server: GET /page, POST /echo (the body back), 404 otherwise; one thread. */
    static final class HttpServer implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        HttpServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setSoTimeout(200);
            thread = new Thread(this::serve, "test-http");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(10_000);
                    answer(s.getInputStream(), s.getOutputStream());
                } catch (SocketTimeoutException e) {
                    // poll for close
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        private void answer(InputStream in, OutputStream out) throws IOException {
            String requestLine = line(in);
            int length = 0;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(h.substring(colon + 1).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            String[] parts = requestLine.split(" ");
            requests.add(parts[0] + " " + parts[1]);
            String status = "200 OK";
            String type = "text/plain";
            byte[] reply = body;
            if (parts[0].equals("GET") && parts[1].equals("/page")) {
                type = "text/html";
                reply = PAGE.getBytes(StandardCharsets.UTF_8);
            } else if (!(parts[0].equals("POST") && parts[1].equals("/echo"))) {
                status = "404 Not Found";
                reply = "not found\n".getBytes(StandardCharsets.UTF_8);
            }
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + reply.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(reply);
            out.flush();
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5_000);
        }
    }
}
