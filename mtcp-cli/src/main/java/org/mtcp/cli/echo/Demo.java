package org.mtcp.cli.echo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/**
 * The interop demo: for each API, an echo server on every available transport, and a client from every
 * available transport to every server. Each client does one warm-up and {@code rounds} timed round trips of
 * random payloads
 * (every byte value included) and one line round trip, all checked byte for byte. Every wait is bounded:
 * each cell as a whole gets a deadline, after which it counts as failed and the run moves on.
 *
 * <p>Each transport is opened twice, once for the servers and once for the clients, so a cell whose client
 * and server share a transport still crosses two independent descriptor spaces.
 */
public final class Demo {
    /**
     * What to run.
     *
     * @param host the loopback address servers bind and clients connect to
     * @param size payload bytes per round trip (≥ 256)
     * @param rounds round trips per cell (the median is reported)
     * @param seed seed of the payloads, for reproducible runs
     * @param timeoutMillis bound of each wait; a cell as a whole gets a few times this
     */
    public record Settings(String host, int size, int rounds, long seed, long timeoutMillis) {
        public Settings {
            if (size < Payloads.MIN_SIZE) {
                throw new IllegalArgumentException("size must be at least " + Payloads.MIN_SIZE + ": " + size);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be positive: " + rounds);
            }
            if (timeoutMillis < 1) {
                throw new IllegalArgumentException("timeout must be positive: " + timeoutMillis);
            }
        }
    }

    private Demo() {
    }

    /**
     * Runs the demo over the available transports among {@code candidates}, in their order.
     *
     * @param progress receives a short line as each cell finishes; null for none
     */
    public static DemoReport run(List<Transports.Found> candidates, Settings settings, Consumer<String> progress) {
        Consumer<String> say = progress == null ? s -> { } : progress;
        List<String> used = new ArrayList<>();
        Map<String, Transport> serverSide = new LinkedHashMap<>();
        Map<String, Transport> clientSide = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        for (Transports.Found f : candidates) {
            if (!f.available() || used.contains(f.name())) {
                continue;
            }
            used.add(f.name());
            try {
                serverSide.put(f.name(), f.provider().open());
                clientSide.put(f.name(), f.provider().open());
            } catch (RuntimeException e) {
                broken.put(f.name(), "cannot open transport: " + e.getMessage());
            }
        }
        List<Cell> cells = new ArrayList<>();
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mtcp-demo-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Api api : Api.values()) {
                Map<String, EchoServer> servers = new LinkedHashMap<>();
                Map<String, String> serverErrors = new LinkedHashMap<>();
                for (String name : used) {
                    if (broken.containsKey(name)) {
                        serverErrors.put(name, broken.get(name));
                        continue;
                    }
                    try {
                        servers.put(name, EchoServer.start(api, serverSide.get(name), settings.host(), 0, 0, null));
                    } catch (EchoException | RuntimeException e) {
                        serverErrors.put(name, "server " + e.getMessage());
                    }
                }
                try {
                    for (String server : used) {
                        for (String client : used) {
                            Cell cell;
                            if (serverErrors.containsKey(server)) {
                                cell = Cell.failed(api, server, client, serverErrors.get(server));
                            } else if (broken.containsKey(client)) {
                                cell = Cell.failed(api, server, client, broken.get(client));
                            } else {
                                long seed = settings.seed() + 31L * cells.size();
                                cell = runCell(runner, api, servers.get(server), server, clientSide.get(client),
                                        client, settings, seed);
                            }
                            cells.add(cell);
                            say.accept(api + " " + client + " -> " + server + ": "
                                    + (cell.ok() ? "ok" : "FAILED: " + cell.error()));
                        }
                    }
                } finally {
                    servers.values().forEach(EchoServer::close);
                }
            }
        } finally {
            runner.shutdownNow();
            for (Transport t : serverSide.values()) {
                closeQuietly(t);
            }
            for (Transport t : clientSide.values()) {
                closeQuietly(t);
            }
        }
        return new DemoReport(candidates, used, cells, settings);
    }

    private static Cell runCell(ExecutorService runner, Api api, EchoServer echo, String server,
            Transport clientTransport, String client, Settings settings, long seed) {
        Future<Cell> f = runner.submit(() -> roundTrips(api, echo, server, clientTransport, client, settings, seed));
        long budget = settings.timeoutMillis() * 3;
        try {
            return f.get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Cell.failed(api, server, client, "no result within " + budget + " ms");
        } catch (ExecutionException e) {
            return Cell.failed(api, server, client, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cell.failed(api, server, client, "interrupted");
        }
    }

    private static Cell roundTrips(Api api, EchoServer echo, String server, Transport clientTransport,
            String client, Settings settings, long seed) {
        Random rnd = new Random(seed);
        long[] rtt = new long[settings.rounds()];
        try (EchoClient c = EchoClient.connect(api, clientTransport, settings.host(), echo.port(),
                settings.timeoutMillis())) {
            // Round 0 warms up (connection, JIT) and is verified but not timed.
            for (int r = -1; r < rtt.length; r++) {
                byte[] payload = Payloads.random(settings.size(), rnd);
                long start = System.nanoTime();
                byte[] back = c.roundTrip(payload);
                long took = System.nanoTime() - start;
                String diff = Payloads.difference(payload, back);
                if (diff != null) {
                    return Cell.failed(api, server, client, "round trip " + (r + 2) + ": " + diff);
                }
                if (r >= 0) {
                    rtt[r] = took;
                }
            }
            byte[] line = ("hello from " + client + " to " + server + " over " + api + " \u00b5")
                    .getBytes(StandardCharsets.UTF_8);
            String diff = Payloads.difference(line, c.lineRoundTrip(line));
            if (diff != null) {
                return Cell.failed(api, server, client, "line: " + diff);
            }
        } catch (EchoException e) {
            return Cell.failed(api, server, client, e.getMessage());
        } catch (RuntimeException e) {
            return Cell.failed(api, server, client, e.toString());
        }
        return Cell.ok(api, server, client, median(rtt));
    }

    /** The median (the mean of the middle two for an even count). */
    public static long median(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (Exception ignored) {
            // The run is over; a transport that fails to close changes nothing in the report.
        }
    }
}
