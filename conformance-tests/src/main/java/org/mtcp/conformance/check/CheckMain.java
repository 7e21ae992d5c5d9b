package org.mtcp.conformance.check;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mtcp.conformance.Checklist;

/**
 * The kit's fat jar: {@code java -jar mtcp-conformance.jar [--transport NAME] [--provider-jar JAR]
 * [--area AREA] [--report-dir DIR] [--no-pairs] [--color auto|always|never]}, the same as {@code mtcp check} without
 * Maven or the CLI, for bug reports.
 */
public final class CheckMain {
    private CheckMain() {
    }

    /** Runs the check and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        System.exit(run(args, out));
    }

    /** Parses {@code args}, runs the check, returns the exit code. */
    public static int run(String[] args, PrintWriter out) {
        Check.Options o = new Check.Options();
        String colour = "auto";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-h":
                case "--help":
                    out.println(usage());
                    return 0;
                case "--no-pairs":
                    o.pairs = false;
                    continue;
                case "--transport":
                case "--area":
                case "--provider-jar":
                case "--report-dir":
                case "--color":
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            out.println("mtcp-conformance: " + a + " needs a value\n" + usage());
                            return Check.USAGE;
                        }
                        value = args[++i];
                    }
                    break;
                default:
                    out.println("mtcp-conformance: unknown option " + a + "\n" + usage());
                    return Check.USAGE;
            }
            switch (a) {
                case "--transport":
                    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(o.transports::add);
                    break;
                case "--area":
                    List<String> areas = Arrays.stream(value.split(",")).map(String::trim).toList();
                    for (String area : areas) {
                        if (!Checklist.AREAS.contains(area)) {
                            out.println("mtcp-conformance: unknown area " + area + "; areas: " + Checklist.AREAS);
                            return Check.USAGE;
                        }
                    }
                    o.tests = t -> areas.contains(t.area());
                    break;
                case "--provider-jar":
                    o.providerJars.add(Path.of(value));
                    break;
                case "--report-dir":
                    o.reportDir = Path.of(value);
                    break;
                default:
                    if (!List.of("auto", "always", "never").contains(value)) {
                        out.println("mtcp-conformance: --color takes auto, always or never");
                        return Check.USAGE;
                    }
                    colour = value;
            }
        }
        o.colour = colour.equals("always") || colour.equals("auto") && terminal();
        return Check.run(o, out);
    }

    private static boolean terminal() {
        String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar mtcp-conformance.jar [--transport NAME[,NAME]] [--provider-jar JAR] [--area AREA[,AREA]]",
                "                                      [--report-dir DIR] [--no-pairs] [--color auto|always|never]",
                "Runs the mtcp conformance kit against the bundled transports (or those named), or against the",
                "providers a jar declares in META-INF/services/org.mtcp.spi.TransportProvider, plus interop over",
                "every cross pair (--area limits the tests to areas: " + String.join(", ", Checklist.AREAS) + ").",
                "Prints a transport x area matrix; writes JUnit XML, summary.json, report.md and",
                "coverage.tsv to DIR (default ./" + Check.DEFAULT_REPORT_DIR + ").",
                "Exit: 0 passed, 1 a test failed, 2 bad usage, 3 nothing could run.");
    }
}
