package org.mtcp.reliability;

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
 */
public final class Soak {
    /** What to run; {@code hostileCases} is per transport. */
    public record Config(int minutes, String transport, int connections, int bytesEach, int leakCycles,
            long hostileCases, int timeoutSamples) {
        /** The full-size run of the issue. */
        public static Config full(int minutes, String transport) {
            return new Config(minutes, transport, 1000, 1 << 20, 100_000, 1_000_000, 400);
        }
    }

    private final Config config;
    private final Consumer<String> out;
    private final List<String> failures = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

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

    private int go() {
        long start = System.nanoTime();
        List<String> names = names();
        out.accept("soak: transports " + names + "; descriptor limit " + Proc.openFdsLimit() + "; NMT "
                + (Proc.nativeOtherKb() >= 0 ? "on" : "off (run with -XX:NativeMemoryTracking=summary)"));
        faultRound(names, 0);
        for (String s : names) {
            for (String c : names) {
                Api serverApi = s.equals(c) ? Api.MTCP : Api.LUASOCKET;
                try (Transport ts = Transports.require(s); Transport tc = Transports.require(c)) {
                    figure(EchoLoad.run(ts, serverApi, tc, serverApi.other(), config.connections(),
                            config.bytesEach(), 7).toString());
                } catch (RuntimeException e) {
                    fail("load " + s + "<-" + c, e);
                }
            }
        }
        for (String n : names) {
            try (Transport t = Transports.require(n)) {
                LeakCycles.Report r = LeakCycles.run(t, config.leakCycles());
                figure(r.toString());
                if (!r.levelsReturned(256)) {
                    fail("leak " + n, new ReliabilityFailure("levels did not return: " + r));
                }
            } catch (RuntimeException e) {
                fail("leak " + n, e);
            }
        }
        for (String n : names) {
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
        hostile(names, config.hostileCases(), 0);
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
        long deadline = start + config.minutes() * 60_000_000_000L;
        for (int round = 1; System.nanoTime() < deadline; round++) {
            faultRound(names, round);
            hostile(names, 20_000L, round);
        }
        out.accept("");
        out.accept("soak figures (" + (System.nanoTime() - start) / 60_000_000_000L + " min):");
        for (String f : figures) {
            out.accept("  " + f);
        }
        out.accept(failures.isEmpty() ? "soak: all checks passed" : "soak: " + failures.size() + " FAILED");
        return failures.size();
    }

    private void faultRound(List<String> names, int round) {
        long checked = 0;
        int runs = 0;
        long t0 = System.nanoTime();
        for (String s : names) {
            for (String c : names) {
                try (Transport ts = Transports.require(s); Transport tc = Transports.require(c)) {
                    for (FaultScenarios.Scenario sc : FaultScenarios.Scenario.values()) {
                        for (Api api : Api.values()) {
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
                (System.nanoTime() - t0) / 1_000_000);
        if (round == 0) {
            figure(line);
        } else {
            out.accept(line);
        }
    }

    private void hostile(List<String> names, long each, int round) {
        for (String n : names) {
            try (Transport t = Transports.require(n); Transport foreign = Transports.require(n);
                    HostileInput h = new HostileInput(t, foreign)) {
                HostileInput.Report r = h.run(0x50AC + round * 7919L, each);
                if (round == 0) {
                    figure(r.toString());
                } else {
                    out.accept(r.toString());
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
