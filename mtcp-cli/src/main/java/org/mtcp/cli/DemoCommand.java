package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mtcp.Transports;
import org.mtcp.cli.echo.Demo;
import org.mtcp.cli.echo.DemoReport;
import org.mtcp.cli.echo.Payloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mtcp demo}: the interop matrix of every available transport with every other, over both APIs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an echo server on every available transport and connect a client from every "
                + "available transport to each, once with the mtcp functions and once with LuaSocket objects. "
                + "Each connection round-trips random payloads (every byte value) and a line (receive \"*l\"), "
                + "checked byte for byte; prints the matrix with median round-trip times.",
            "Loopback only; every wait is bounded. Exits 0 when every connection verified, 1 on any failure, "
                + "3 when no transport can run."})
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--transport"}, split = ",", paramLabel = "NAME",
            description = "Only these transports (each must be able to run). Default: every available one.")
    List<String> transports = new ArrayList<>();

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "4096",
            description = "Payload bytes per round trip, at least 256 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Round trips per connection; the median is shown (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", paramLabel = "N", description = "Payload seed (default: a new one each run).")
    Long seed;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Bound of every wait, in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Loopback address to use: 127.0.0.1 (default) or ::1.")
    String host;

    @Option(names = {"-v", "--verbose"}, description = "Report each connection on standard error as it finishes.")
    boolean verbose;

    @Override
    public Integer call() {
        if (size < Payloads.MIN_SIZE) {
            throw new ParameterException(spec.commandLine(), "--size must be at least " + Payloads.MIN_SIZE);
        }
        if (rounds < 1 || rounds > 10_000) {
            throw new ParameterException(spec.commandLine(), "--rounds must be between 1 and 10000");
        }
        if (timeoutMillis < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        if (!host.equals("127.0.0.1") && !host.equals("::1")) {
            throw new ParameterException(spec.commandLine(), "--host must be a loopback address: 127.0.0.1 or ::1");
        }
        List<Transports.Found> found = Selection.ordered(Transports.discover(), main.preferOrder());
        List<Transports.Found> candidates = transports.isEmpty() ? found : Selection.required(found, transports);
        if (candidates.stream().noneMatch(Transports.Found::available)) {
            throw new CliException(Selection.noneUsable(found)
                    + "\nNothing to demonstrate: see `mtcp transports`.", Main.NO_TRANSPORT);
        }
        Demo.Settings settings = new Demo.Settings(host, size, rounds,
                seed != null ? seed : System.nanoTime(), timeoutMillis);
        PrintWriter err = spec.commandLine().getErr();
        DemoReport report = Demo.run(candidates, settings, verbose ? line -> {
            err.println(line);
            err.flush();
        } : null);
        DemoPrinter.print(report, main.colour(), spec.commandLine().getOut());
        return report.ok() ? 0 : Main.FAILED;
    }
}
