package org.mtcp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark run behind {@code ./mtcp bench}: the C and C LuaSocket baselines, then JMH over every
 * available transport through both APIs and the JVM baselines, then the report (Markdown tables, the
 * targets), JMH's JSON and a PNG chart, all in one output directory.
 *
 * <pre>java -jar benchmarks.jar [--quick] [--transport NAME[,NAME]] [--workload NAME[,NAME]] [--out DIR]</pre>
 *
 * Workloads: {@code rtt bulk lines connect select eventloop} (all by default); a baseline runs for the
 * workloads chosen only.
 *
 * Pinning is the caller's job ({@code taskset -c 0}, as {@code ./mtcp bench} does); every child — JMH's
 * forks, the C program, lua5.4 — inherits it.
 */
public final class BenchMain {
    private final boolean quick;
    private final List<String> transports;
    private final List<String> workloads;
    private final Path out;
    private final Results results = new Results();
    private final List<Path> jsons = new ArrayList<>();

    /** Every workload, by the name {@code --workload} takes. */
    static final List<String> WORKLOADS = List.of("rtt", "bulk", "lines", "connect", "select", "eventloop");

    private BenchMain(boolean quick, List<String> transports, List<String> workloads, Path out) {
        this.quick = quick;
        this.transports = transports;
        this.workloads = workloads;
        this.out = out;
    }

    /** Entry point; exit 0 when the run finished (targets are reported, never judged), 2 for bad usage. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        boolean quick = false;
        List<String> only = new ArrayList<>();
        List<String> workloads = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--transport" -> only.addAll(List.of(value(args, ++i).split(",")));
                case "--workload" -> workloads.addAll(List.of(value(args, ++i).split(",")));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        for (String w : workloads) {
            if (!WORKLOADS.contains(w)) {
                usage("unknown workload " + w + "; workloads: " + String.join(", ", WORKLOADS));
            }
        }
        if (out == null) {
            out = Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        Files.createDirectories(out);
        List<String> transports = Subjects.transports(only);
        if (transports.isEmpty()) {
            System.err.println("bench: no available transport" + (only.isEmpty() ? "" : " among " + only));
            System.exit(3);
        }
        new BenchMain(quick, transports, workloads.isEmpty() ? WORKLOADS : List.copyOf(workloads),
                out.toAbsolutePath()).run();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String why) {
        System.err.println("bench: " + why + "\nusage: benchmarks.jar [--quick] [--transport NAME[,NAME]] "
                + "[--workload " + String.join("|", WORKLOADS) + "[,...]] [--out DIR]");
        System.exit(2);
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        String load = load();
        say("transports: " + transports + (quick ? " (quick run)" : "") + "; workloads: " + workloads
                + "; load average: " + load + "; output: " + out);
        Native nat = new Native(out, quick, results, workloads);
        say("C baseline (gcc -O2) ...");
        nat.runC();
        say("C LuaSocket baseline (lua5.4) ...");
        nat.runLua();

        List<String> mtcp = prefixed("mtcp:");
        List<String> lua = prefixed("luasocket:");
        List<String> baselines = new ArrayList<>();
        for (String b : Subjects.BASELINES) {
            Subjects.unavailable(b).ifPresentOrElse(why -> results.problem(b, why), () -> baselines.add(b));
        }
        List<String> variants = new ArrayList<>();
        for (String v : Subjects.VARIANTS) {
            if (baselines.contains(Variant.base(v))) {
                variants.add(v);
            }
        }
        if (workloads.contains("rtt")) {
            jmh("round trip", RoundTripBenchmark.class, true, concat(mtcp, lua, baselines,
                    measuring(variants, Row.RTT_1)));
        }
        if (workloads.contains("bulk")) {
            jmh("bulk", BulkBenchmark.class, true, concat(mtcp, lua, baselines, measuring(variants, Row.BULK)));
        }
        if (workloads.contains("lines")) {
            jmh("lines", LinesBenchmark.class, true, lua);
        }
        if (workloads.contains("connect")) {
            jmh("connections", ConnectBenchmark.class, false, concat(mtcp, lua, baselines,
                    measuring(variants, Row.CONNECT)));
        }
        if (workloads.contains("select")) {
            jmh("select", SelectBenchmark.class, false,
                    concat(lua, baselines.contains(NioChannelSubject.ID) ? List.of(NioChannelSubject.ID) : List.of(),
                            measuring(variants, Row.SELECT)));
        }
        if (workloads.contains("eventloop")) {
            jmh("event loop", EventLoopBenchmark.class, false, concat(mtcp, lua));
        }

        mergeJson();
        String header = "## mtcp bench, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                + (quick ? " (--quick: short runs, for a smoke test)" : "") + "\n\n"
                + "Host: " + Runtime.getRuntime().availableProcessors() + " CPU(s) visible (pinned by the caller), "
                + "load average before: " + load + ", after: " + load() + "; Java " + Runtime.version() + ".\n"
                + "JVM figures are the median of JMH's measurement iterations (the mean is in jmh.json). "
                + "Ratios are this row's figure over the baseline's, in the row's unit. "
                + "Baselines with a suffix drive the raw JDK API as a contract forces a transport to: /fresh reads "
                + "every bulk chunk into a new array (both contracts return a new string per receive), /timed "
                + "connects java.net with a timeout (LuaSocket's connect), /selector runs NIO channels non-blocking "
                + "with waits in a Selector (and fresh bulk arrays), as a transport with timeouts, close wake-ups and "
                + "select must. The 'JDK path' column compares each of ours with its transport's JDK API driven that "
                + "way: what is left there is our layer's own cost.\n\n";
        String report = header + Report.tables(results) + Report.targets(results, transports);
        Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        boolean chart = RatioChart.write(results, out.resolve("ratios.png"));
        System.out.println();
        System.out.println(report);
        say(String.format(Locale.ROOT, "done in %.0f s: %s/results.md, jmh.json%s", (System.nanoTime() - start) / 1e9,
                out, chart ? ", ratios.png" : ""));
    }

    private List<String> prefixed(String prefix) {
        List<String> out = new ArrayList<>();
        for (String t : transports) {
            out.add(prefix + t);
        }
        return out;
    }

    /** The variants measured on {@code row}. */
    private static List<String> measuring(List<String> variants, Row row) {
        List<String> out = new ArrayList<>();
        for (String v : variants) {
            if (Variant.of(v).rows.contains(row)) {
                out.add(v);
            }
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private void jmh(String name, Class<?> benchmark, boolean gc, List<String> subjects) throws IOException {
        if (subjects.isEmpty()) {
            return;
        }
        say("JMH: " + name + " over " + subjects + " ...");
        String file = "jmh-" + benchmark.getSimpleName().replace("Benchmark", "").toLowerCase(Locale.ROOT);
        Path json = out.resolve(file + ".json");
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .param("subject", subjects.toArray(String[]::new))
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.milliseconds(quick ? 400 : 1000))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .timeout(TimeValue.seconds(120))
                .jvmArgsAppend(ChildJvm.flags("-Xmx1g", "-Djava.awt.headless=true"))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(out.resolve(file + ".log").toString());
        if (gc) {
            b.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> runs;
        try {
            runs = new Runner(b.build()).run();
        } catch (RunnerException e) {
            results.problem("JMH " + name, e.toString());
            return;
        }
        jsons.add(json);
        List<String> measured = new ArrayList<>();
        for (RunResult r : runs) {
            String subject = r.getParams().getParam("subject");
            measured.add(subject);
            // The median of the measurement iterations: on a shared machine one iteration in which another
            // process held the CPU would otherwise dominate the mean (JMH's mean stays in jmh.json).
            double score = r.getPrimaryResult().getStatistics().getPercentile(50);
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            double perOp = alloc == null ? Double.NaN : alloc.getScore();
            if (benchmark == RoundTripBenchmark.class) {
                Row row = r.getParams().getParam("size").equals("1") ? Row.RTT_1 : Row.RTT_64;
                results.put(row, subject, new Figure(score, perOp));
            } else if (benchmark == BulkBenchmark.class) {
                results.put(Row.BULK, subject, new Figure(score * Payloads.CHUNK / 1e9, perOp));
            } else if (benchmark == LinesBenchmark.class) {
                results.put(Row.LINES, subject, new Figure(score / 1e6, perOp));
            } else if (benchmark == EventLoopBenchmark.class) {
                results.put(Row.EVENT_LOOP, subject, Figure.of(score * EventLoopBenchmark.BYTES / 1e9));
            } else if (benchmark == ConnectBenchmark.class) {
                results.put(Row.CONNECT, subject, Figure.of(score / 1e3));
            } else {
                results.put(Row.SELECT, subject, Figure.of(score));
            }
        }
        for (String s : subjects) {
            if (!measured.contains(s)) {
                results.problem(s + ", " + name, "the JMH run failed; see " + file + ".log");
            }
        }
    }

    /** One JSON array of every JMH result, as JMH itself would have written for a single run. */
    private void mergeJson() throws IOException {
        JmhJson.merge(jsons, out.resolve("jmh.json"));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " "
                    + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[1] + " "
                    + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void say(String s) {
        System.err.println("bench: " + s);
    }
}
