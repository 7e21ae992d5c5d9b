package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mtcp.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mtcp transports}: every provider discovery finds, its priority, availability and capabilities. */
@Command(name = "transports", mixinStandardHelpOptions = true,
        description = {"List every transport provider found on the module path: priority, whether it can run "
                + "here (and why not), and its capabilities.",
            "Exits 0 when at least one transport can run, 3 otherwise."})
public final class TransportsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Colour colour = main.colour();
        List<Transports.Found> found = Selection.ordered(Transports.discover(), main.preferOrder());
        if (found.isEmpty()) {
            out.println(Selection.noneUsable(found));
            out.flush();
            return Main.NO_TRANSPORT;
        }
        int width = Math.max(4, found.stream().mapToInt(f -> f.name().length()).max().orElse(4));
        out.println(colour.bold(pad("NAME", width) + "  PRIORITY  AVAILABLE  CAPABILITIES"));
        for (Transports.Found f : found) {
            String priority = f.priority() == Integer.MIN_VALUE ? "-" : Integer.toString(f.priority());
            String caps = f.capabilities().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
            String line = pad(f.name(), width) + "  " + pad(priority, 8) + "  ";
            if (f.available()) {
                out.println(line + colour.green(pad("yes", 9)) + "  " + (caps.isEmpty() ? "(baseline only)" : caps));
            } else {
                out.println(line + colour.red(pad("no", 9)) + "  " + f.unavailableReason().get());
            }
        }
        out.flush();
        return found.stream().anyMatch(Transports.Found::available) ? 0 : Main.NO_TRANSPORT;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
