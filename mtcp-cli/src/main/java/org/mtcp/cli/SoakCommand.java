package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mtcp.reliability.Soak;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mtcp soak}: the long reliability run (faults, load, leaks, hostile input, timeouts, exhaustion). */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Long reliability run: every fault scenario through a fault-injecting proxy on every "
                + "transport pair, 1,000 concurrent connections x 1 MiB echoed per pair, 100,000 open/close "
                + "cycles per transport (descriptors and native memory back to their level), 1,000,000 "
                + "hostile-input cases per transport, timeout precision under load, and descriptor exhaustion "
                + "in a child JVM (ulimit -n 64). With --minutes N the run ends within N minutes plus at most 2 "
                + "(the unit in progress): each phase gets a share of the time, the sizes above become upper bounds "
                + "and the figures say how many ran; time left over goes to more fault rounds and hostile cases. "
                + "Prints the figures at the end; exit code 1 if any check failed."})
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "0",
            description = "Time limit in minutes (0, the default: one full pass of everything, however long).")
    int minutes;

    @Option(names = {"-t", "--transport"}, paramLabel = "NAME",
            description = "Only this transport (default: every available one, and every pair of them).")
    String transport;

    @Override
    public Integer call() {
        if (minutes < 0) {
            throw new ParameterException(spec.commandLine(), "--minutes cannot be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        int failed = Soak.run(Soak.Config.full(minutes, transport), line -> {
            out.println(line);
            out.flush();
        });
        return failed == 0 ? 0 : Main.FAILED;
    }
}
