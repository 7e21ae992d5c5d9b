package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code mtcp echo-server} end to end: the command prints its port, a java.net client echoes, it exits. */
class EchoServerCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+) (\\d+)");

    @Test
    void servesMaxConnectionsThenExits() throws Exception {
        List<String> names = Available.names();
        assumeFalse(names.isEmpty(), "no transport available in this build");
        for (String name : names) {
            for (String api : new String[] {"mtcp", "luasocket"}) {
                String where = name + "/" + api;
                PipedWriter pipe = new PipedWriter();
                BufferedReader lines = new BufferedReader(new PipedReader(pipe, 4096));
                StringWriter err = new StringWriter();
                var cl = Main.commandLine();
                cl.setOut(new PrintWriter(pipe, true));
                cl.setErr(new PrintWriter(err, true));
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("echo-server",
                        "--transport", name, "--api", api, "--max-connections", "2", "--idle-exit", "20"));
                String first = lines.readLine();
                assertNotNull(first, where + ": " + err);
                Matcher m = LISTENING.matcher(first);
                assertTrue(m.matches(), where + ": " + first);
                assertEquals("127.0.0.1", m.group(1));
                int port = Integer.parseInt(m.group(2));
                for (int c = 0; c < 2; c++) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                        s.setSoTimeout(5000);
                        byte[] data = new byte[512];
                        for (int i = 0; i < data.length; i++) {
                            data[i] = (byte) (i * 7 + c);
                        }
                        s.getOutputStream().write(data);
                        byte[] back = new byte[data.length];
                        new DataInputStream(s.getInputStream()).readFully(back);
                        assertArrayEquals(data, back, where);
                    }
                }
                assertEquals(0, exit.get(15, TimeUnit.SECONDS), where + ": " + err);
                assertTrue(err.toString().contains("transport " + name + ", api " + api), err.toString());
                assertTrue(err.toString().contains("exiting (max connections served)"), err.toString());
            }
        }
    }

    @Test
    void idleExitEndsAnUnusedServer() throws Exception {
        List<String> names = Available.names();
        assumeFalse(names.isEmpty(), "no transport available in this build");
        Run r = Run.of("echo-server", "--transport", names.get(0), "--idle-exit", "0.2", "--quiet");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(LISTENING.matcher(r.out.trim()).matches(), r::toString);
        assertFalse(r.err.contains("echo-server:"), "--quiet: " + r);
    }
}
