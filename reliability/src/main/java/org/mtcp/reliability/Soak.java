package org.mtcp.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/**
 * The long versions of the reliability checks, as {@code mtcp soak} runs them: every fault scenario on
 * every transport pair, 1,000 concurrent connections x 1 MiB echoed per pair, 100,000 leak cycles per
 * transport, 1,000,000 hostile-input cases per transport, timeout precision under load, and the descriptor
 * exhaustion probe in a child JVM; then fault rounds and hostile cases again until the time asked for has
 * passed. Each result is printed as it comes; {@link #run} returns how many checks failed.
 *
 * <p>With a time limit, the sizes above are upper bounds: each phase has a share of the limit (exhaustion
 * first, then faults to 15 %, load to 40 %, leaks to 60 %, timeouts to 70 %, hostile input to 95 %, the
 * per-transport phases split evenly), starts no new unit (scenario, load pair, leak cycle, 64 hostile cases)
 * once its share is used, and the figures say how many ran. The run ends within the limit plus the unit in
 * progress: {@link #MARGIN} at most (a hostile case's hang limit is 20 s, a load pair or the exhaustion
 * child take seconds to a minute on a busy machine).
 */
public final class Soak {
    /** How far past its limit a limited run may end: the unit in progress when the limit is reached. */
    public static final Duration MARGIN = Duration.ofMinutes(2);

    /**
     * What to run; {@code hostileCases} is per transport. {@code limit} null: one full pass, however long;
     * otherwise the run ends within {@code limit} plus {@link #MARGIN}, doing as much of the full pass as
     * fits and then repeating fault rounds and hostile cases until the limit.
     */
    public record Config(Duration limit, String transport, int connections, int bytesEach, int leakCycles,
            long hostileCases, int timeoutSamples) {
        /** The full-size run of the issue; {@code minutes} 0: one pass without a limit. */
        public static Config full(int minutes, String transport) {
            return new Config(minutes == 0 ? null : Duration.ofMinutes(minutes), transport, 1000, 1 << 20,
                    100_000, 1_000_000, 400);
        }
    }

    private final Config config;
    private final Consumer<String> out;
    private final List<String> failures = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private long start;

    private Soak(Config config, Consumer<String> out) {
        this.config = config;
        this.out = out;
    }

    /** Runs everything; returns the number of failed checks (0: all green). */
    public static int run(Config config, Consumer<String> out) {
        return new Soak(config, out).go();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (Transports.Found f : Transports.discover()) {
            if (f.available() && (config.transport() == null || config.transport().equals(f.name()))) {
                names.add(f.name());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(config.transport() == null ? "no transport available"
                    : "transport '" + config.transport() + "' is not available here");
        }
        return names;
    }

    private void figure(String line) {
        figures.add(line);
        out.accept(line);
    }

    private void fail(String what, Throwable e) {
        String line = "FAILED " + what + ": " + e;
        failures.add(line);
        out.accept(line);
    }

    /** The nanoTime at which the given fraction of the limit is used up; no limit: never. */
    private long until(double fraction) {
        return config.limit() == null ? Long.MAX_VALUE : start + (long) (config.limit().toNanos() * fraction);
    }

    private static boolean passed(long deadline) {
        return deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0;
    }

    /** The deadline of the k-th of n equal slices of what is left until {@code end}. */
    private static long slice(long end, int k, int n) {
        if (end == Long.MAX_VALUE) {
            return end;
        }
        long now = System.nanoTime();
        return now + Math.max(0, end - now) / (n - k);
    }

    private static String limited(long ran, long planned) {
        return ran < planned ? " [time limit: " + ran + " of " + planned + "]" : "";
    }

    private int go() {
        start = System.nanoTime();
        List<String> names = names();
        out.accept("soak: transports " + names + "; descriptor limit " + Proc.openFdsLimit() + "; NMT "
                + (Proc.nativeOtherKb() >= 0 ? "on" : "off (run with -XX:NativeMemoryTracking=summary)")
                + "; " + (config.limit() == null ? "one full pass, no time limit"
                        : "time limit " + config.limit().toSeconds() + " s (+ at most " + MARGIN.toSeconds()
                                + " s for the unit in progress)"));
        exhaustion();
        faultRound(names, 0, until(0.15));
        load(names, until(0.40));
        long leaksEnd = until(0.60);
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            try (Transport t = Transports.require(n)) {
                LeakCycles.Report r = LeakCycles.run(t, config.leakCycles(), slice(leaksEnd, k, names.size()));
                figure(r + limited(r.cycles(), config.leakCycles()));
                if (!r.levelsReturned(256)) {
                    fail("leak " + n, new ReliabilityFailure("levels did not return: " + r));
                }
            } catch (RuntimeException e) {
                fail("leak " + n, e);
            }
        }
        long timeoutsEnd = until(0.70);
        for (String n : names) {
            if (passed(timeoutsEnd)) {
                figure("timeouts " + n + ": not run [time limit]");
                continue;
            }
            try (Transport t = Transports.require(n)) {
                TimeoutPrecision.Report r = TimeoutPrecision.run(t, config.timeoutSamples(), true);
                figure(r.toString());
                if (r.early() > 0) {
                    fail("timeouts " + n, new ReliabilityFailure("a call ended before its timeout: " + r));
                }
            } catch (RuntimeException e) {
                fail("timeouts " + n, e);
            }
        }
        hostile(names, config.hostileCases(), 0, until(0.95));
        long end = until(1.0);
        if (config.limit() != null) {
            for (int round = 1; !passed(end); round++) {
                faultRound(names, round, end);
                hostile(names, 20_000L, round, end);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        out.accept("");
        out.accept("soak figures (" + seconds + " s" + (config.limit() == null ? ""
                : " for a limit of " + config.limit().toSeconds() + " s") + "):");
        for (String f : figures) {
            out.accept("  " + f);
        }
        out.accept(failures.isEmpty() ? "soak: all checks passed" : "soak: " + failures.size() + " FAILED");
        return failures.size();
    }

    private void exhaustion() {
        try {
            Exhaustion.Outcome o = Exhaustion.run(64);
            figure("exhaustion (ulimit -n 64, child JVM): " + o.passed().size() + " checks passed, "
                    + o.failures().size() + " failed");
            for (String l : o.lines()) {
                out.accept("  " + l);
            }
            for (String f : o.failures()) {
                failures.add("exhaustion: " + f);
            }
        } catch (RuntimeException e) {
            fail("exhaustion", e);
        }
    }

    private void load(List<String> names, long deadline) {
        int pairs = 0;
        int planned = names.size() * names.size();
        for (String s : names) {
            for (String c : names) {
                if (passed(deadline)) {
                    continue;
                }
                Api serverApi = s.equals(c) ? Api.MTCP : Api.LUASOCKET;
                try (Transport ts = Transports.require(s); Transport tc = Transports.require(c)) {
                    figure(EchoLoad.run(ts, serverApi, tc, serverApi.other(), config.connections(),
                            config.bytesEach(), 7).toString());
                } catch (RuntimeException e) {
                    fail("load " + s + "<-" + c, e);
                }
                pairs++;
            }
        }
        if (pairs < planned) {
            figure("load: " + pairs + " of " + planned + " transport pairs ran [time limit]");
        }
    }

    private void faultRound(List<String> names, int round, long deadline) {
        long checked = 0;
        int runs = 0;
        int planned = names.size() * names.size() * FaultScenarios.Scenario.values().length * Api.values().length;
        long t0 = System.nanoTime();
        for (String s : names) {
            for (String c : names) {
                if (passed(deadline)) {
                    continue;
                }
                try (Transport ts = Transports.require(s); Transport tc = Transports.require(c)) {
                    for (FaultScenarios.Scenario sc : FaultScenarios.Scenario.values()) {
                        for (Api api : Api.values()) {
                            if (passed(deadline)) {
                                continue;
                            }
                            try {
                                checked += FaultScenarios.run(sc, ts, tc, api, 1_000_003L * round + runs)
                                        .bytesChecked();
                                runs++;
                            } catch (RuntimeException e) {
                                fail("fault " + sc + " " + s + "<-" + c + " " + api, e);
                            }
                        }
                    }
                }
            }
        }
        String line = String.format("faults round %d: %d scenario runs over %d transport pairs x 2 APIs, %d bytes"
                + " checked byte for byte, in %d ms", round, runs, names.size() * names.size(), checked,
                (System.nanoTime() - t0) / 1_000_000) + limited(runs, planned);
        if (round == 0) {
            figure(line);
        } else {
            out.accept(line);
        }
    }

    private void hostile(List<String> names, long each, int round, long end) {
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            if (passed(end)) {
                break;
            }
            try (Transport t = Transports.require(n); Transport foreign = Transports.require(n);
                    HostileInput h = new HostileInput(t, foreign)) {
                HostileInput.Report r = h.run(0x50AC + round * 7919L, each, slice(end, k, names.size()));
                String line = r + limited(r.cases(), each);
                if (round == 0) {
                    figure(line);
                } else {
                    out.accept(line);
                }
                for (String v : r.violations()) {
                    failures.add("hostile " + n + ": " + v);
                }
            } catch (RuntimeException e) {
                fail("hostile " + n, e);
            }
        }
    }
}
