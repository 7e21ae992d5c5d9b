package org.mtcp.transport.nio;

import static org.mtcp.spi.Transport.POLLIN;

import java.util.Arrays;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * How poll scales: N registered sockets, exactly one of them ready. Not a unit test (run it by hand):
 *
 * <pre>java -cp mtcp-spi/target/classes:transport-nio/target/classes:transport-nio/target/test-classes \
 *     org.mtcp.transport.nio.PollScaleBench 10000</pre>
 *
 * The idle sockets are listeners (one descriptor each, so 10,000 fit under a 20,000 descriptor limit);
 * the ready one is a connected socket with one byte waiting. For each size it reports the time of a
 * poll call that finds the ready socket, of a zero-wait poll that finds nothing, and of a full
 * write → poll → read round, plus the bytes allocated per poll call.
 */
public final class PollScaleBench {
    private PollScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int[] sizes = max >= 10_000 ? new int[] {10, 100, 1_000, 10_000, max} : new int[] {10, 100, max};
        System.out.printf("%8s %14s %14s %14s %12s%n", "sockets", "poll 1 ready", "poll 0 ready", "write+poll+read", "alloc/poll");
        for (int n : Arrays.stream(sizes).distinct().toArray()) {
            run(n);
        }
    }

    private static void run(int n) throws Exception {
        try (Transport t = new NioTransportProvider().open()) {
            // A loopback address nobody else uses, so other programs' connects cannot reach the listeners.
            SockAddr lo = SockAddr.inet(new byte[] {127, 77, 0, 1}, 0);
            int[] fds = new int[n];
            for (int i = 0; i < n - 1; i++) {
                fds[i] = t.socket(Family.INET);
                t.bind(fds[i], lo);
                t.listen(fds[i], 1);
            }
            int server = fds[0];
            int client = t.socket(Family.INET);
            t.connect(client, t.localAddress(server).withPort(t.localAddress(server).port()), -1);
            int accepted = t.accept(server, -1);
            fds[n - 1] = accepted; // the ready one is the last entry: every call walks all the others
            int[] events = new int[n];
            Arrays.fill(events, POLLIN);
            int[] revents = new int[n];
            byte[] one = {42};
            byte[] buf = new byte[16];

            // Warm up: first registrations, JIT.
            for (int i = 0; i < 2000; i++) {
                t.write(client, one, 0, 1, -1);
                check(t.poll(fds, events, revents, n, -1));
                t.read(accepted, buf, 0, buf.length, 0);
            }
            int iters = Math.max(200, Math.min(20_000, 20_000_000 / n));

            // A poll that finds the ready socket (the byte stays unread, so every call finds it).
            t.write(client, one, 0, 1, -1);
            check(t.poll(fds, events, revents, n, -1));
            long a0 = allocated();
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                check(t.poll(fds, events, revents, n, -1));
            }
            long oneReady = (System.nanoTime() - t0) / iters;
            long alloc = (allocated() - a0) / iters;
            t.read(accepted, buf, 0, buf.length, 0);

            // A zero-wait poll that finds nothing.
            t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                if (t.poll(fds, events, revents, n, 0) != 0) {
                    throw new AssertionError("nothing should be ready");
                }
            }
            long noneReady = (System.nanoTime() - t0) / iters;

            // The whole round a poll-driven server does.
            t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                t.write(client, one, 0, 1, -1);
                check(t.poll(fds, events, revents, n, -1));
                t.read(accepted, buf, 0, buf.length, 0);
            }
            long round = (System.nanoTime() - t0) / iters;
            System.out.printf("%8d %11.1f us %11.1f us %12.1f us %10d B%n", n, oneReady / 1e3, noneReady / 1e3,
                    round / 1e3, alloc);
        }
    }

    private static void check(int ready) {
        if (ready != 1) {
            throw new AssertionError("expected one ready socket, got " + ready);
        }
    }

    /**
     * Bytes this thread has allocated (HotSpot's ThreadMXBean), or 0 if unknown. Reflective, so the test
     * sources need no management module (they are compiled into this module).
     */
    static long allocated() {
        try {
            Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (Long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                    .invoke(mx);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
