package org.mtcp.conformance.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mtcp.Transports;
import org.mtcp.spi.TransportProvider;

/**
 * {@code mtcp check}: the whole kit against transports, each alone and in every cross pair, with progress,
 * a transport × area matrix and reports (JUnit XML, a JSON summary, Markdown with the coverage table).
 * Shared by the {@code mtcp check} command and the kit's fat jar ({@link CheckMain}).
 *
 * <p>Exit codes: 0 everything passed (or was skipped with a reason), 1 a test failed, 2 bad usage,
 * 3 nothing could run.
 */
public final class Check {
    /** Exit code: a test failed. */
    public static final int FAILED = 1;
    /** Exit code: bad usage (an unknown transport, an unreadable jar). */
    public static final int USAGE = 2;
    /** Exit code: no transport could run. */
    public static final int NOTHING_RAN = 3;
    /** The default report directory, relative to the working directory. */
    public static final String DEFAULT_REPORT_DIR = "mtcp-check-report";

    /** What to check. */
    public static final class Options {
        /** Transports to check by name (empty: every one found, or every one in the provider jars). */
        public List<String> transports = new ArrayList<>();
        /** Jars holding third-party providers (META-INF/services/org.mtcp.spi.TransportProvider). */
        public List<Path> providerJars = new ArrayList<>();
        /** Where reports go. */
        public Path reportDir = Path.of(DEFAULT_REPORT_DIR);
        /** Whether to run interop over cross pairs. */
        public boolean pairs = true;
        /** Which kit tests to run (all by default). */
        public Predicate<KitTest> tests = t -> true;
        /** Coloured output. */
        public boolean colour;
    }

    private Check() {
    }

    /** Runs the check, printing to {@code out}; returns the exit code. */
    public static int run(Options o, PrintWriter out) {
        Style style = new Style(o.colour);
        List<TransportProvider> bundled = Transports.discover().stream().filter(f -> f.provider() != null)
                .map(Transports.Found::provider).collect(Collectors.toList());
        List<TransportProvider> fromJars;
        try {
            fromJars = loadJars(o.providerJars);
        } catch (IllegalArgumentException e) {
            out.println("mtcp check: " + e.getMessage());
            out.flush();
            return USAGE;
        }
        List<TransportProvider> pool = new ArrayList<>(fromJars);
        for (TransportProvider p : bundled) {
            if (pool.stream().noneMatch(q -> q.name().equals(p.name()))) {
                pool.add(p);
            }
        }
        List<TransportProvider> targets = new ArrayList<>();
        if (o.transports.isEmpty()) {
            targets.addAll(fromJars.isEmpty() ? bundled : fromJars);
        } else {
            for (String name : o.transports) {
                TransportProvider p = pool.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
                if (p == null) {
                    out.println("mtcp check: no transport named '" + name + "'; found: "
                            + pool.stream().map(TransportProvider::name).collect(Collectors.joining(", ")));
                    out.flush();
                    return USAGE;
                }
                targets.add(p);
            }
        }
        if (targets.isEmpty()) {
            out.println("mtcp check: no transport found" + (o.providerJars.isEmpty() ? "" : " in the provider jars"));
            out.flush();
            return NOTHING_RAN;
        }
        List<TransportProvider[]> pairs = new ArrayList<>();
        boolean interopSelected = KitTest.all().stream().anyMatch(t -> t.area().equals("interop") && o.tests.test(t));
        if (o.pairs && interopSelected) {
            List<TransportProvider> usable = pool.stream().filter(Check::available).collect(Collectors.toList());
            for (int i = 0; i < usable.size(); i++) {
                for (int j = i + 1; j < usable.size(); j++) {
                    TransportProvider a = usable.get(i);
                    TransportProvider b = usable.get(j);
                    if (targets.contains(a) || targets.contains(b)) {
                        pairs.add(new TransportProvider[] {a, b});
                    }
                }
            }
        }
        return execute(o, targets, pairs, out, style);
    }

    static boolean available(TransportProvider p) {
        try {
            return p.unavailableReason().isEmpty();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static int execute(Options o, List<TransportProvider> targets, List<TransportProvider[]> pairs,
            PrintWriter out, Style style) {
        Path dir = o.reportDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            out.println("mtcp check: cannot create " + dir + ": " + e.getMessage());
            out.flush();
            return USAGE;
        }
        long t0 = System.nanoTime();
        out.println(style.bold("mtcp check") + ": the conformance kit against "
                + targets.stream().map(TransportProvider::name).collect(Collectors.joining(", "))
                + (pairs.isEmpty() ? "" : " and " + pairs.size() + " cross pair" + (pairs.size() == 1 ? "" : "s")));
        out.flush();
        List<CheckReport.Row> rows = new ArrayList<>();
        for (TransportProvider p : targets) {
            rows.add(runRow(p.name(), p, List.of(p), o.tests, dir, out, style));
        }
        Predicate<KitTest> interop = t -> t.area().equals("interop") && o.tests.test(t);
        for (TransportProvider[] pair : pairs) {
            String name = pair[0].name() + "×" + pair[1].name();
            rows.add(runRow(name, pair[0], List.of(pair[1]), interop, dir, out, style));
        }
        CheckReport report = new CheckReport(rows, (System.nanoTime() - t0) / 1_000_000);
        out.println();
        out.print(report.matrix(style));
        out.print(report.failures());
        Map<String, Path> written;
        try {
            written = report.write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        written.forEach((what, path) -> out.println("  " + what + ": " + path));
        out.println();
        String verdict = report.verdict();
        out.println(style.bold("verdict: ") + (verdict.equals("PASS") ? style.green(verdict) : style.red(verdict))
                + String.format(" (%.1f s)", report.millis() / 1000.0));
        out.flush();
        switch (verdict) {
            case "PASS": return 0;
            case "FAIL": return FAILED;
            default: return NOTHING_RAN;
        }
    }

    private static CheckReport.Row runRow(String name, TransportProvider p, List<TransportProvider> peers,
            Predicate<KitTest> tests, Path dir, PrintWriter out, Style style) {
        String reason = null;
        for (TransportProvider q : peers.contains(p) ? List.of(p) : List.of(p, peers.get(0))) {
            if (!available(q)) {
                reason = q.name() + " unavailable: " + q.unavailableReason().orElse("?");
            }
        }
        if (reason != null) {
            out.println(style.bold(name) + ": " + style.yellow("skipped") + " (" + reason + ")");
            out.flush();
            return new CheckReport.Row(name, List.of(), reason, 0);
        }
        out.println(style.bold(name) + ":");
        out.flush();
        Progress progress = new Progress(out, style);
        long t0 = System.nanoTime();
        List<Outcome> outcomes = KitRun.run(name, p, peers, tests, dir.resolve("junit").resolve(fileName(name)),
                dir, Map.of(), List.of(progress));
        progress.finish();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        CheckReport.Row row = new CheckReport.Row(name, outcomes, null, millis);
        out.println("    " + row.summary() + String.format(" in %.1f s", millis / 1000.0));
        out.flush();
        return row;
    }

    static String fileName(String row) {
        return row.replace("×", "-x-");
    }

    /** The providers declared in these jars (only theirs, not those the kit already sees). */
    static List<TransportProvider> loadJars(List<Path> jars) {
        if (jars.isEmpty()) {
            return List.of();
        }
        List<URL> urls = new ArrayList<>();
        for (Path j : jars) {
            if (!Files.isRegularFile(j)) {
                throw new IllegalArgumentException("no such provider jar: " + j);
            }
            try {
                urls.add(j.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad jar path " + j, e);
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), Check.class.getClassLoader());
        Map<String, TransportProvider> found = new LinkedHashMap<>();
        for (Transports.Found f : Transports.discover(ServiceLoader.load(TransportProvider.class, loader))) {
            if (f.provider() == null) {
                throw new IllegalArgumentException("a provider in " + jars + " does not load: "
                        + f.unavailableReason().orElse("?"));
            }
            if (f.provider().getClass().getClassLoader() == loader) {
                found.putIfAbsent(f.name(), f.provider());
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no org.mtcp.spi.TransportProvider declared in " + jars
                    + " (META-INF/services/org.mtcp.spi.TransportProvider)");
        }
        return new ArrayList<>(found.values());
    }
}
