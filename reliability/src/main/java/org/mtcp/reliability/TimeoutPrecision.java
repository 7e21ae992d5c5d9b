package org.mtcp.reliability;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/**
 * How precisely timeouts end, under load: calls that must time out (LuaSocket receive and accept, mtcp read)
 * with timeouts of 5 to 100 ms, while background threads keep both cores busy echoing over loopback. The
 * result is the distribution of {@code elapsed - asked}, which must never be negative (early).
 */
public final class TimeoutPrecision {
    /** The distribution of lateness, in milliseconds. */
    public record Report(String transport, int samples, int early, double p50, double p99, double max,
            double minLateness, boolean underLoad) {
        @Override
        public String toString() {
            return String.format("timeouts %s: %d calls %s; late by p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                    + " early: %d (by at most %.3f ms)", transport, samples,
                    underLoad ? "under load (2 echo threads per core busy)" : "idle", p50, p99, max, early,
                    Math.max(0, -minLateness));
        }
    }

    private static final long[] ASKED_MILLIS = {5, 20, 50, 100};

    private TimeoutPrecision() {
    }

    /** Measures {@code samples} timed-out calls on {@code t}. */
    public static Report run(Transport t, int samples, boolean underLoad) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> load = underLoad ? startLoad(stop, 4) : List.of();
        LuaSocket socket = LuaSocket.on(t);
        Mtcp mtcp = Mtcp.on(t);
        Tcp server = socket.bind("127.0.0.1", 0).orThrow();
        Tcp client = socket.connect("127.0.0.1", server.getsockname().orThrow().port()).orThrow();
        server.settimeout(10);
        Tcp accepted = server.accept().orThrow();
        double[] late = new double[samples];
        int early = 0;
        try {
            for (int i = 0; i < samples; i++) {
                long asked = ASKED_MILLIS[i % ASKED_MILLIS.length];
                long t0;
                long t1;
                switch ((i / ASKED_MILLIS.length) % 3) {
                    case 0: {
                        client.settimeout(asked / 1000.0);
                        t0 = System.nanoTime();
                        Received r = client.receive(1);
                        t1 = System.nanoTime();
                        expect(!r.isOk() && "timeout".equals(r.error()), "receive gave " + r);
                        break;
                    }
                    case 1: {
                        server.settimeout(asked / 1000.0);
                        t0 = System.nanoTime();
                        Result<Tcp> r = server.accept();
                        t1 = System.nanoTime();
                        expect(!r.isOk() && "timeout".equals(r.error()), "accept gave " + r);
                        break;
                    }
                    default: {
                        t0 = System.nanoTime();
                        Result<byte[]> r = mtcp.read(accepted.getfd(), 1, asked);
                        t1 = System.nanoTime();
                        expect(!r.isOk() && "poll timeout".equals(r.error()), "mtcp read gave " + r);
                    }
                }
                late[i] = (t1 - t0) / 1e6 - asked;
                if (late[i] < 0) {
                    early++;
                }
            }
        } finally {
            client.close();
            accepted.close();
            server.close();
            stop.set(true);
            for (Thread th : load) {
                try {
                    th.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        double[] sorted = late.clone();
        Arrays.sort(sorted);
        return new Report(t.name(), samples, early, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1], sorted[0], underLoad);
    }

    private static void expect(boolean ok, String what) {
        ReliabilityFailure.check(ok, "a call that had to time out: " + what);
    }

    private static double percentile(double[] sorted, int p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    /** Echo pairs on plain java.net sockets that keep the CPUs busy until {@code stop}. */
    static List<Thread> startLoad(AtomicBoolean stop, int pairs) {
        List<Thread> threads = new ArrayList<>();
        try {
            ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            for (int i = 0; i < pairs; i++) {
                Socket c = new Socket(InetAddress.getByName("127.0.0.1"), ss.getLocalPort());
                Socket a = ss.accept();
                threads.add(pump(stop, a, true));
                threads.add(pump(stop, c, false));
            }
            ss.close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("background load", e);
        }
        return threads;
    }

    private static Thread pump(AtomicBoolean stop, Socket s, boolean echo) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (!stop.get()) {
                    if (echo) {
                        int n = in.read(buf);
                        if (n < 0) {
                            return;
                        }
                        out.write(buf, 0, n);
                    } else {
                        out.write(buf);
                        in.readNBytes(buf.length);
                    }
                }
            } catch (java.io.IOException ignored) {
                // The other side went away: the load is over.
            }
        }, "background-load");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
