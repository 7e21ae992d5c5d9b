package org.mtcp.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mtcp bench}: runs the benchmarks jar (JMH, built by the launcher from module {@code benchmarks})
 * in a child JVM pinned to one core with {@code taskset -c 0}, because across two cores every loopback
 * round trip pays for cross-core scheduling. The child does the measuring and the reporting.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark every transport through the mtcp and LuaSocket APIs against raw java.net, raw "
                + "NIO, Netty epoll, a C program (gcc -O2) and C LuaSocket (lua5.4), pinned to CPU 0.",
            "Writes results.md (tables, ratios, targets), jmh.json and ratios.png to the output directory."})
public final class BenchCommand implements Callable<Integer> {
    /** System property the launcher sets to the benchmarks uber-jar. */
    static final String JAR_PROPERTY = "mtcp.bench.jar";

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Short runs (about 2 minutes): a smoke test, not for judging numbers.")
    boolean quick;

    @Option(names = {"-t", "--transport"}, split = ",", paramLabel = "NAME",
            description = "Only these transports (baselines always run).")
    List<String> transports = new ArrayList<>();

    @Option(names = {"-w", "--workload"}, split = ",", paramLabel = "NAME",
            description = "Only these workloads: rtt, bulk, lines, connect, select, eventloop (their baselines with "
                    + "them).")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: bench-results/<date-time> under the current directory).")
    Path out;

    @Option(names = "--no-pin", description = "Do not pin to CPU 0 (taskset).")
    boolean noPin;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new CliException("no benchmarks jar" + (jar == null ? "" : " at " + jar)
                    + "; run this through ./mtcp, which builds benchmarks/target/benchmarks.jar", Main.FAILED);
        }
        List<String> cmd = new ArrayList<>();
        if (!noPin) {
            if (onPath("taskset")) {
                cmd.addAll(List.of("taskset", "-c", "0"));
            } else {
                spec.commandLine().getErr().println("mtcp: taskset not found: running unpinned (numbers will be "
                        + "dominated by cross-core scheduling)");
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // New in Java 23 (a 22 JVM refuses to start with it); the child runs on this JVM's java.
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-jar", jar));
        if (quick) {
            cmd.add("--quick");
        }
        if (!transports.isEmpty()) {
            cmd.addAll(List.of("--transport", String.join(",", transports)));
        }
        if (!workloads.isEmpty()) {
            cmd.addAll(List.of("--workload", String.join(",", workloads)));
        }
        if (out != null) {
            cmd.addAll(List.of("--out", out.toString()));
        }
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, program))) {
                    return true;
                }
            }
        }
        return false;
    }
}
