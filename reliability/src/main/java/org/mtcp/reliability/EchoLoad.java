package org.mtcp.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Transport;

/**
 * The load driver: {@code connections} clients, all connected at once, each echoing {@code bytesEach}
 * random bytes (its own seed) through an echo server, in 16 KiB rounds; every byte that comes back is
 * compared with what was sent. Clients connect one after another (so a small listen backlog is never
 * overrun), then all transfer concurrently, each in a thread of its own, and only then close.
 */
public final class EchoLoad {
    /** One round: bytes sent, then the same count received back. */
    public static final int ROUND = 16 * 1024;

    /** What a run did. */
    public record Report(String server, Api serverApi, String client, Api clientApi, int connections,
            long bytesEach, long bytesEchoed, long corrupt, long millis, long peakRssKb, long peakHeapKb) {
        /** Echo throughput, MiB (of payload, one way) per second. */
        public double mibPerSecond() {
            return bytesEchoed / 1048576.0 / Math.max(1, millis) * 1000;
        }

        @Override
        public String toString() {
            return String.format("load %s(%s) <- %s(%s): %d connections x %d KiB, %d MiB echoed in %d ms"
                    + " = %.1f MiB/s, corrupt %d, peak RSS %d MiB, peak heap %d MiB", server, serverApi, client,
                    clientApi, connections, bytesEach / 1024, bytesEchoed >> 20, millis, mibPerSecond(), corrupt,
                    peakRssKb >> 10, peakHeapKb >> 10);
        }
    }

    private EchoLoad() {
    }

    /** Runs the load; the report's {@code corrupt} counts connections whose echo differed or failed. */
    public static Report run(Transport serverT, Api serverApi, Transport clientT, Api clientApi, int connections,
            int bytesEach, long seed) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        AtomicLong peakRss = new AtomicLong(Proc.rssKb());
        AtomicLong peakHeap = new AtomicLong(mem.getHeapMemoryUsage().getUsed() >> 10);
        AtomicLong echoed = new AtomicLong();
        AtomicLong corrupt = new AtomicLong();
        AtomicReference<String> firstProblem = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        Thread sampler = new Thread(() -> {
            do {
                peakRss.accumulateAndGet(Proc.rssKb(), Math::max);
                peakHeap.accumulateAndGet(mem.getHeapMemoryUsage().getUsed() >> 10, Math::max);
            } while (!await(stop, 50));
        }, "load-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Server server = Server.echo(serverApi, serverT);
        List<Thread> workers = new ArrayList<>();
        long t0;
        try {
            List<Runnable> jobs = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                jobs.add(connect(clientT, clientApi, server.port(), bytesEach, seed + i, echoed, corrupt,
                        firstProblem));
            }
            CountDownLatch all = new CountDownLatch(1);
            t0 = System.nanoTime();
            for (Runnable job : jobs) {
                // Small stacks: a thousand of them.
                Thread th = new Thread(null, () -> {
                    await(all, Long.MAX_VALUE);
                    job.run();
                }, "load-client", 256 * 1024);
                th.setDaemon(true);
                workers.add(th);
                th.start();
            }
            t0 = System.nanoTime();
            all.countDown();
            for (Thread th : workers) {
                th.join(TimeUnit.MINUTES.toMillis(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReliabilityFailure("interrupted");
        } finally {
            server.close();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        server.awaitHandlers(30_000);
        stop.countDown();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!server.failures().isEmpty()) {
            corrupt.incrementAndGet();
            firstProblem.compareAndSet(null, "server: " + server.failures().get(0));
        }
        Report r = new Report(serverT.name(), serverApi, clientT.name(), clientApi, connections, bytesEach,
                echoed.get(), corrupt.get(), millis, peakRss.get(), peakHeap.get());
        if (firstProblem.get() != null) {
            throw new ReliabilityFailure(r + "; first problem: " + firstProblem.get());
        }
        return r;
    }

    private static boolean await(CountDownLatch l, long millis) {
        try {
            return l.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Connects now (in the caller's thread); the returned job transfers and closes. */
    private static Runnable connect(Transport t, Api api, int port, int bytesEach, long seed, AtomicLong echoed,
            AtomicLong corrupt, AtomicReference<String> problem) {
        if (api == Api.LUASOCKET) {
            Tcp c = LuaSocket.on(t).connect("127.0.0.1", port).orThrow();
            c.settimeout(60);
            return () -> {
                try {
                    transfer(bytesEach, seed, echoed, (chunk, n) -> {
                        Sent s = c.send(chunk, 1, n);
                        if (!s.isOk()) {
                            return "send: " + s;
                        }
                        Received r = c.receive(n);
                        if (!r.isOk()) {
                            return "receive: " + r;
                        }
                        return check(chunk, n, r.data());
                    });
                } catch (ReliabilityFailure e) {
                    corrupt.incrementAndGet();
                    problem.compareAndSet(null, e.getMessage());
                } finally {
                    c.close();
                }
            };
        }
        Mtcp m = Mtcp.on(t);
        int fd = m.connect("127.0.0.1", Integer.toString(port)).orThrow().fd();
        return () -> {
            try {
                transfer(bytesEach, seed, echoed, (chunk, n) -> {
                    Result<Long> w = m.write(fd, chunk, 1, n);
                    if (!w.isOk() || w.value() != n) {
                        return "write: " + w;
                    }
                    byte[] back = new byte[n];
                    int got = 0;
                    while (got < n) {
                        Result<byte[]> r = m.read(fd, n - got, 60_000);
                        if (!r.isOk() || r.value().length == 0) {
                            return "read after " + got + " of " + n + ": " + r;
                        }
                        if (got + r.value().length > n) {
                            return "read " + (got + r.value().length) + " bytes, sent " + n + " (duplicated)";
                        }
                        System.arraycopy(r.value(), 0, back, got, r.value().length);
                        got += r.value().length;
                    }
                    return check(chunk, n, back);
                });
            } catch (ReliabilityFailure e) {
                corrupt.incrementAndGet();
                problem.compareAndSet(null, e.getMessage());
            } finally {
                m.close(fd);
            }
        };
    }

    /** One send-and-receive round: null when the echo matched, else what went wrong. */
    private interface Round {
        String run(byte[] chunk, int n);
    }

    private static void transfer(int bytesEach, long seed, AtomicLong echoed, Round round) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] chunk = new byte[ROUND];
        long done = 0;
        while (done < bytesEach) {
            int n = (int) Math.min(ROUND, bytesEach - done);
            for (int i = 0; i < n; i++) {
                chunk[i] = (byte) r.nextInt(256);
            }
            String problem = round.run(chunk, n);
            if (problem != null) {
                throw new ReliabilityFailure("connection " + seed + " at byte " + done + ": " + problem);
            }
            done += n;
            echoed.addAndGet(n);
        }
    }

    private static String check(byte[] chunk, int n, byte[] back) {
        int diff = java.util.Arrays.mismatch(chunk, 0, n, back, 0, back.length);
        return diff < 0 ? null : "echo differs at offset " + diff + " (got " + back.length + " of " + n + ")";
    }
}
