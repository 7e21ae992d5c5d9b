package org.mtcp.reliability;

import static org.mtcp.reliability.ReliabilityFailure.check;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/**
 * Client/server exchanges through a {@link FaultProxy}, with the contract's exact results checked on the
 * client: the data (byte for byte, so nothing is lost, duplicated or reordered), {@code "closed"},
 * {@code "timeout"}, and partial results. The server uses the other API than the client, so each run
 * exercises both.
 */
public final class FaultScenarios {
    /** The faults, each with its own expectations. */
    public enum Scenario {
        /** 1-byte segments both ways: echo of random bytes, then lines read with "*l". */
        SEGMENTED_ECHO,
        /** A downstream stall longer than the client's timeout: "timeout" with the exact partial, then the rest. */
        STALL_TIMEOUT,
        /** The proxy half-closes toward the server mid-stream: the server gets exactly the bytes before it. */
        HALF_CLOSE,
        /** The proxy resets mid-stream: the client gets exactly the bytes before it, then "closed". */
        RESET
    }

    /** What one run moved and checked. */
    public record Outcome(Scenario scenario, String server, String client, Api clientApi, long bytesChecked,
            long millis) {
    }

    private static final String HOST = "127.0.0.1";

    private FaultScenarios() {
    }

    /**
     * Runs one scenario with a server on {@code serverT} and a client on {@code clientT}.
     *
     * @throws ReliabilityFailure on any wrong result
     */
    public static Outcome run(Scenario sc, Transport serverT, Transport clientT, Api clientApi, long seed) {
        long t0 = System.nanoTime();
        long checked;
        switch (sc) {
            case SEGMENTED_ECHO:
                checked = segmentedEcho(serverT, clientT, clientApi, seed);
                break;
            case STALL_TIMEOUT:
                checked = stallTimeout(serverT, clientT, clientApi, seed);
                break;
            case HALF_CLOSE:
                checked = halfClose(serverT, clientT, clientApi, seed);
                break;
            default:
                checked = reset(serverT, clientT, clientApi, seed);
        }
        return new Outcome(sc, serverT.name(), clientT.name(), clientApi, checked,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static String where(Scenario sc, Transport s, Transport c, Api api) {
        return sc + " " + s.name() + "<-" + c.name() + " client " + api;
    }

    private static void finish(Server server, String where) {
        server.awaitHandlers(20_000);
        server.close();
        if (!server.failures().isEmpty()) {
            throw new ReliabilityFailure(where + ": server failed: " + server.failures().get(0),
                    server.failures().get(0));
        }
    }

    // ---- 1-byte segments -----------------------------------------------------------------------------

    private static long segmentedEcho(Transport serverT, Transport clientT, Api api, long seed) {
        String w = where(Scenario.SEGMENTED_ECHO, serverT, clientT, api);
        byte[] data = Bytes.random(seed, 16 * 1024);
        List<String> lines = lines(seed, 40);
        byte[] lineBytes = String.join("", lines.stream().map(l -> l + (l.length() % 2 == 0 ? "\r\n" : "\n"))
                .toArray(String[]::new)).getBytes(StandardCharsets.US_ASCII);
        Server server = Server.echo(api.other(), serverT);
        try (FaultProxy proxy = FaultProxy.start(server.port(), Fault.NONE.segments(1))) {
            if (api == Api.LUASOCKET) {
                Tcp c = LuaSocket.on(clientT).connect(HOST, proxy.port()).orThrow();
                try {
                    c.settimeout(20);
                    Sent s = c.send(data);
                    check(s.isOk() && s.last() == data.length, w + ": send gave " + s);
                    Received r = c.receive(data.length);
                    check(r.isOk(), w + ": receive(n) gave " + r);
                    Bytes.checkEqual(w + " echo", data, r.data());
                    s = c.send(lineBytes);
                    check(s.isOk(), w + ": send lines gave " + s);
                    for (String line : lines) {
                        r = c.receive("*l");
                        check(r.isOk(), w + ": receive *l gave " + r);
                        check(r.string().equals(line), w + ": line '" + r.string() + "' instead of '" + line + "'");
                    }
                    c.shutdown("send");
                    r = c.receive("*a");
                    check(!r.isOk() && "closed".equals(r.error()) && r.partial().length == 0,
                            w + ": *a after the echo server closed gave " + r);
                    long in = c.getstats().received();
                    // Every byte consumed counts, the CRs and LFs of lines included.
                    check(in == data.length + lineBytes.length, w + ": received statistic " + in);
                } finally {
                    c.close();
                }
            } else {
                Mtcp m = Mtcp.on(clientT);
                int fd = m.connect(HOST, Integer.toString(proxy.port())).orThrow().fd();
                try {
                    check(m.write(fd, data).orThrow() == data.length, w + ": short write");
                    Bytes.checkEqual(w + " echo", data, mtcpReadExactly(m, fd, data.length, w));
                    check(m.write(fd, lineBytes).orThrow() == lineBytes.length, w + ": short write");
                    Bytes.checkEqual(w + " lines", lineBytes, mtcpReadExactly(m, fd, lineBytes.length, w));
                } finally {
                    m.close(fd);
                }
            }
            finish(server, w);
            long total = data.length + lineBytes.length;
            check(proxy.upstreamBytes() == total, w + ": proxy forwarded " + proxy.upstreamBytes() + " of " + total);
            return 2 * total;
        } finally {
            server.close();
        }
    }

    private static List<String> lines(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = r.nextInt(0, 120);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < len; k++) {
                b.append((char) r.nextInt(' ', '~' + 1));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** mtcp reads until exactly n bytes came; more (a duplicate) or an early end is a failure. */
    private static byte[] mtcpReadExactly(Mtcp m, int fd, int n, String w) {
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        while (acc.size() < n) {
            Result<byte[]> r = m.read(fd, n - acc.size(), 20_000);
            check(r.isOk(), w + ": mtcp read gave " + r + " after " + acc.size() + " of " + n);
            check(r.value().length > 0, w + ": end of stream after " + acc.size() + " of " + n);
            acc.writeBytes(r.value());
        }
        return acc.toByteArray();
    }

    // ---- stall longer than the timeout ---------------------------------------------------------------

    private static final int STALL_AT = 1000;
    private static final long STALL_MILLIS = 800;

    private static long stallTimeout(Transport serverT, Transport clientT, Api api, long seed) {
        String w = where(Scenario.STALL_TIMEOUT, serverT, clientT, api);
        byte[] data = Bytes.random(seed, 2 * STALL_AT);
        Server server = Server.start(api.other(), serverT, c -> {
            try (c) {
                c.write(data, 0, data.length);
                c.readAll();
            }
        });
        try (FaultProxy proxy = FaultProxy.start(server.port(), Fault.NONE.stall(STALL_AT, STALL_MILLIS))) {
            if (api == Api.LUASOCKET) {
                Tcp c = LuaSocket.on(clientT).connect(HOST, proxy.port()).orThrow();
                try {
                    c.settimeout(0.2);
                    long t0 = System.nanoTime();
                    Received r = c.receive(data.length);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    check(!r.isOk() && "timeout".equals(r.error()), w + ": receive during the stall gave " + r);
                    check(ms >= 199, w + ": timeout after " + ms + " ms, asked 200");
                    Bytes.checkPrefix(w + " partial before the stall", data, STALL_AT, r.partial());
                    c.settimeout(20);
                    r = c.receive(data.length - STALL_AT);
                    check(r.isOk(), w + ": receive after the stall gave " + r);
                    Bytes.checkEqual(w + " after the stall", Arrays.copyOfRange(data, STALL_AT, data.length),
                            r.data());
                    check(c.getstats().received() == data.length, w + ": received statistic "
                            + c.getstats().received());
                } finally {
                    c.close();
                }
            } else {
                Mtcp m = Mtcp.on(clientT);
                int fd = m.connect(HOST, Integer.toString(proxy.port())).orThrow().fd();
                try {
                    ByteArrayOutputStream acc = new ByteArrayOutputStream();
                    boolean sawTimeout = false;
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    while (acc.size() < data.length && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        Result<byte[]> r = m.read(fd, data.length, 200);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        if (!r.isOk()) {
                            check("poll timeout".equals(r.error()), w + ": mtcp read gave " + r);
                            check(ms >= 199, w + ": poll timeout after " + ms + " ms, asked 200");
                            check(acc.size() == STALL_AT, w + ": timeout after " + acc.size() + " bytes");
                            sawTimeout = true;
                            continue;
                        }
                        check(r.value().length > 0, w + ": end of stream after " + acc.size());
                        acc.writeBytes(r.value());
                    }
                    check(sawTimeout, w + ": no read timed out during an " + STALL_MILLIS + " ms stall");
                    Bytes.checkEqual(w + " through the stall", data, acc.toByteArray());
                } finally {
                    m.close(fd);
                }
            }
            finish(server, w);
            return data.length;
        } finally {
            server.close();
        }
    }

    // ---- half-close toward the server ----------------------------------------------------------------

    private static final int HALF_AT = 5000;

    private static long halfClose(Transport serverT, Transport clientT, Api api, long seed) {
        String w = where(Scenario.HALF_CLOSE, serverT, clientT, api);
        byte[] data = Bytes.random(seed, 8000);
        Server server = Server.start(api.other(), serverT, c -> {
            try (c) {
                byte[] got = c.readAll();
                byte[] reply = ByteBuffer.allocate(12).putInt(got.length).putLong(Bytes.crc(got, 0, got.length))
                        .array();
                c.write(reply, 0, reply.length);
            }
        });
        try (FaultProxy proxy = FaultProxy.start(server.port(), Fault.NONE.halfClose(HALF_AT))) {
            byte[] reply;
            if (api == Api.LUASOCKET) {
                Tcp c = LuaSocket.on(clientT).connect(HOST, proxy.port()).orThrow();
                try {
                    c.settimeout(20);
                    Sent s = c.send(data);
                    check(s.isOk() && s.last() == data.length, w + ": send gave " + s);
                    Received r = c.receive(12);
                    check(r.isOk(), w + ": receive of the server's reply gave " + r);
                    reply = r.data();
                    r = c.receive(1);
                    check(!r.isOk() && "closed".equals(r.error()) && r.partial().length == 0,
                            w + ": receive after the server closed gave " + r);
                } finally {
                    c.close();
                }
            } else {
                Mtcp m = Mtcp.on(clientT);
                int fd = m.connect(HOST, Integer.toString(proxy.port())).orThrow().fd();
                try {
                    check(m.write(fd, data).orThrow() == data.length, w + ": short write");
                    reply = mtcpReadExactly(m, fd, 12, w);
                    Result<byte[]> r = m.read(fd, 1, 20_000);
                    check(r.isOk() && r.value().length == 0, w + ": read after the server closed gave " + r);
                } finally {
                    m.close(fd);
                }
            }
            ByteBuffer b = ByteBuffer.wrap(reply);
            int count = b.getInt();
            long crc = b.getLong();
            check(count == HALF_AT && crc == Bytes.crc(data, 0, HALF_AT), String.format(
                    "%s: the server got %d bytes (crc32c %08x) before end of stream; expected %d (crc32c %08x)", w,
                    count, crc, HALF_AT, Bytes.crc(data, 0, HALF_AT)));
            finish(server, w);
            return HALF_AT + 12;
        } finally {
            server.close();
        }
    }

    // ---- reset mid-stream ----------------------------------------------------------------------------

    private static final int RESET_AT = 3000;

    private static long reset(Transport serverT, Transport clientT, Api api, long seed) {
        String w = where(Scenario.RESET, serverT, clientT, api);
        byte[] data = Bytes.random(seed, 10_000);
        Server server = Server.start(api.other(), serverT, c -> {
            try (c) {
                c.write(data, 0, data.length); // fails or not: the proxy resets after RESET_AT bytes
                c.readAll();
            }
        });
        try (FaultProxy proxy = FaultProxy.start(server.port(), Fault.NONE.reset(RESET_AT))) {
            if (api == Api.LUASOCKET) {
                Tcp c = LuaSocket.on(clientT).connect(HOST, proxy.port()).orThrow();
                try {
                    c.settimeout(20);
                    Received r = c.receive(data.length);
                    check(!r.isOk() && "closed".equals(r.error()), w + ": receive across a reset gave " + r);
                    Bytes.checkPrefix(w + " partial before the reset", data, RESET_AT, r.partial());
                    r = c.receive(1);
                    check(!r.isOk() && "closed".equals(r.error()) && r.partial().length == 0,
                            w + ": receive after the reset gave " + r);
                    Sent s = c.send("x");
                    check(!s.isOk() && "closed".equals(s.error()) && s.last() == 0,
                            w + ": send after the reset gave " + s);
                } finally {
                    c.close();
                }
            } else {
                Mtcp m = Mtcp.on(clientT);
                int fd = m.connect(HOST, Integer.toString(proxy.port())).orThrow().fd();
                try {
                    ByteArrayOutputStream acc = new ByteArrayOutputStream();
                    String end = null;
                    for (int i = 0; i < 10_000 && end == null; i++) {
                        Result<byte[]> r = m.read(fd, data.length, 20_000);
                        if (!r.isOk()) {
                            end = r.error();
                        } else if (r.value().length == 0) {
                            end = "";
                        } else {
                            acc.writeBytes(r.value());
                        }
                    }
                    check("read error: -1  104".equals(end) || "".equals(end),
                            w + ": the read that met the reset gave '" + end + "'");
                    Bytes.checkPrefix(w + " bytes before the reset", data, RESET_AT, acc.toByteArray());
                    Result<Long> s = m.write(fd, "x");
                    check(!s.isOk() && "write error: -1  32".equals(s.error()),
                            w + ": write after the reset gave " + s);
                } finally {
                    m.close(fd);
                }
            }
            finish(server, w);
            return RESET_AT;
        } finally {
            server.close();
        }
    }
}
