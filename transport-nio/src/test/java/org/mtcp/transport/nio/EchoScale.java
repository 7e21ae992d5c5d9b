package org.mtcp.transport.nio;

import static org.mtcp.spi.Transport.POLLIN;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * The scale goal: N concurrent loopback connections served by one thread that uses poll() and echoes.
 * Not a unit test; run it by hand:
 *
 * <pre>java -cp mtcp-spi/target/classes:transport-nio/target/classes:transport-nio/target/test-classes \
 *     org.mtcp.transport.nio.EchoScale 10000 5</pre>
 *
 * The clients run in a second JVM (started by this one, same class path), so each process stays well
 * under a 20,000-descriptor limit. Reported: heap per idle connection on the server (all N accepted
 * and registered with the poll selector, after GC), the same on the client side, echo round trips per
 * second, and how many sockets each server poll call found ready.
 */
public final class EchoScale {
    private static final int MESSAGE = 64;

    private EchoScale() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        server(n, rounds);
    }

    // ---- server: one thread, poll, echo ----

    private static void server(int n, int rounds) throws Exception {
        Transport t = new NioTransportProvider().open();
        int listener = t.socket(Family.INET);
        t.bind(listener, SockAddr.inet(new byte[] {127, 77, 0, 1}, 0)); // an address nobody else uses
        t.listen(listener, 4096);
        int port = t.localAddress(listener).port();
        long base = usedHeap();

        AtomicInteger open = new AtomicInteger();
        AtomicLong polls = new AtomicLong();
        AtomicLong readySum = new AtomicLong();
        AtomicLong pollNanos = new AtomicLong();
        Thread loop = new Thread(() -> {
            try {
                serve(t, listener, n, open, polls, readySum, pollNanos);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "poll-echo");
        loop.start();

        String java = ProcessHandle.current().info().command().orElse("java");
        Process client = new ProcessBuilder(java, "-Xss256k", "-cp", System.getProperty("java.class.path"),
                EchoScale.class.getName(), "client", Integer.toString(port), Integer.toString(n),
                Integer.toString(rounds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintStream in = new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        expect(out, "CONNECTED");
        while (open.get() < n) {
            Thread.sleep(10);
        }
        long connectMs = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(200); // the loop is back in poll, every socket registered
        long used = usedHeap();
        System.out.printf("server: %d connections accepted in %d ms%n", n, connectMs);
        System.out.printf("server: heap per idle connection %.0f bytes (%.2f KiB), %d descriptors open%n",
                (used - base) / (double) n, (used - base) / 1024.0 / n, ((NioTransport) t).openCount());
        long p0 = polls.get();
        long r0 = readySum.get();
        long n0 = pollNanos.get();
        in.println("GO");
        String line;
        while ((line = out.readLine()) != null) {
            System.out.println(line);
            if (line.startsWith("DONE")) {
                break;
            }
        }
        long calls = polls.get() - p0;
        System.out.printf("server: %d poll calls during the echo phase, %.1f ready per call, %.0f ms inside poll"
                + " (waiting included)%n", calls, (readySum.get() - r0) / (double) Math.max(1, calls),
                (pollNanos.get() - n0) / 1e6);
        in.println("CLOSE");
        client.waitFor();
        loop.join(60_000);
        System.out.printf("server: all connections closed (%d left open)%n", open.get());
        t.close();
    }

    private static void serve(Transport t, int listener, int n, AtomicInteger open, AtomicLong polls,
            AtomicLong readySum, AtomicLong pollNanos) throws Exception {
        int[] fds = new int[n + 1];
        int[] events = new int[n + 1];
        int[] revents = new int[n + 1];
        Arrays.fill(events, POLLIN);
        fds[0] = listener;
        int count = 1;
        int accepted = 0;
        byte[] buf = new byte[8192];
        while (accepted < n || count > 1) {
            long t0 = System.nanoTime();
            int ready = t.poll(fds, events, revents, count, -1);
            pollNanos.addAndGet(System.nanoTime() - t0);
            polls.incrementAndGet();
            readySum.addAndGet(ready);
            for (int k = count - 1; k >= 1 && ready > 0; k--) {
                if (revents[k] == 0) {
                    continue;
                }
                ready--;
                int r = t.read(fds[k], buf, 0, buf.length, 0);
                if (r > 0) {
                    int off = 0;
                    while (off < r) {
                        off += t.write(fds[k], buf, off, r - off, -1);
                    }
                } else if (r == Transport.EOF) {
                    t.close(fds[k]);
                    fds[k] = fds[count - 1];
                    count--;
                    open.decrementAndGet();
                }
            }
            if (revents[0] != 0) {
                int c;
                while (accepted < n && (c = t.accept(listener, 0)) >= 0) {
                    fds[count++] = c;
                    accepted++;
                    open.incrementAndGet();
                }
            }
        }
    }

    // ---- client: N connections, echo rounds, also with poll ----

    private static void client(int port, int n, int rounds) throws Exception {
        BufferedReader ctl = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Transport t = new NioTransportProvider().open();
        long base = usedHeap();
        SockAddr server = SockAddr.inet(new byte[] {127, 77, 0, 1}, port);
        int[] fds = new int[n];
        for (int i = 0; i < n; i++) {
            fds[i] = t.socket(Family.INET);
            if (t.connect(fds[i], server, 30_000_000_000L) != 0) {
                throw new AssertionError("connect timed out");
            }
        }
        System.out.println("CONNECTED " + n);
        System.out.flush();
        expect(ctl, "GO");
        int[] events = new int[n];
        Arrays.fill(events, POLLIN);
        int[] revents = new int[n];
        int[] got = new int[n];
        byte[] msg = new byte[MESSAGE];
        byte[] buf = new byte[8192];
        List<Long> roundMs = new ArrayList<>();
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long r0 = System.nanoTime();
            Arrays.fill(msg, (byte) r);
            Arrays.fill(got, 0);
            for (int i = 0; i < n; i++) {
                t.write(fds[i], msg, 0, MESSAGE, -1);
            }
            int pending = n;
            while (pending > 0) {
                int ready = t.poll(fds, events, revents, n, 30_000_000_000L);
                if (ready == 0) {
                    throw new AssertionError("echo stalled with " + pending + " pending");
                }
                for (int i = 0; i < n && ready > 0; i++) {
                    if (revents[i] == 0) {
                        continue;
                    }
                    ready--;
                    int k = t.read(fds[i], buf, 0, buf.length, 0);
                    for (int j = 0; j < k; j++) {
                        if (buf[j] != (byte) r) {
                            throw new AssertionError("wrong echo byte");
                        }
                    }
                    got[i] += k;
                    if (got[i] == MESSAGE) {
                        pending--;
                    } else if (got[i] > MESSAGE || k < 0) {
                        throw new AssertionError("bad echo length " + got[i] + " / " + k);
                    }
                }
            }
            roundMs.add((System.nanoTime() - r0) / 1_000_000);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long used = usedHeap();
        System.out.printf("client: %d round trips of %d bytes over %d connections in %.2f s: %.0f round trips/s (rounds ms: %s)%n",
                (long) n * rounds, MESSAGE, n, secs, n * rounds / secs, roundMs);
        System.out.printf("client: heap per idle connection %.0f bytes (%.2f KiB)%n", (used - base) / (double) n,
                (used - base) / 1024.0 / n);
        System.out.println("DONE");
        System.out.flush();
        expect(ctl, "CLOSE");
        for (int fd : fds) {
            t.close(fd);
        }
        t.close();
    }

    private static void expect(BufferedReader r, String prefix) throws Exception {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("peer process ended before " + prefix);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
