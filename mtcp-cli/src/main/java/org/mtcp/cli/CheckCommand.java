package org.mtcp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mtcp.conformance.Checklist;
import org.mtcp.conformance.check.Check;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mtcp check}: the conformance kit against the transports and their cross pairs (see {@link Check}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run the conformance kit (every checklist behaviour of mtcp, LuaSocket and the transport primitives) against each "
                + "transport, or against the providers of a third-party jar, and interop over every cross pair. "
                + "Shows progress, then a transport x area matrix (mtcp, receive, send, timeouts, options, state, "
                + "select, transport, interop) with a verdict.",
            "Writes JUnit XML, summary.json, report.md and coverage.tsv to the report directory. Exits 0 when "
                + "everything passed (skips have reasons), 1 on any failure, 2 on bad usage, 3 when nothing ran."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--transport"}, split = ",", paramLabel = "NAME",
            description = "Only these transports. Default: every one found (or every one in --provider-jar).")
    List<String> transports = new ArrayList<>();

    @Option(names = "--provider-jar", paramLabel = "JAR",
            description = "A jar declaring a TransportProvider in META-INF/services (loaded with its own class "
                    + "loader); checked alone and paired with the bundled transports. Repeatable.")
    List<Path> providerJars = new ArrayList<>();

    @Option(names = "--area", split = ",", paramLabel = "AREA",
            description = "Only the kit tests of these areas: mtcp, receive, send, timeouts, options, state, "
                    + "select, transport, interop. Default: all.")
    List<String> areas = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = Check.DEFAULT_REPORT_DIR,
            description = "Where the reports go (default: ./${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--no-pairs", description = "Skip the interop runs over cross pairs.")
    boolean noPairs;

    @Override
    public Integer call() {
        for (String a : areas) {
            if (!Checklist.AREAS.contains(a)) {
                throw new ParameterException(spec.commandLine(), "unknown area '" + a + "'; areas: "
                        + String.join(", ", Checklist.AREAS));
            }
        }
        Check.Options o = new Check.Options();
        o.transports = transports;
        o.providerJars = providerJars;
        o.reportDir = reportDir;
        o.pairs = !noPairs;
        if (!areas.isEmpty()) {
            o.tests = t -> areas.contains(t.area());
        }
        o.colour = main.colour().enabled();
        PrintWriter out = spec.commandLine().getOut();
        return Check.run(o, out);
    }
}
