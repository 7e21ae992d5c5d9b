package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.mtcp.Transports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mtcp}: the command line of mtcp for the JVM. Exit codes: 0 success, 1 a check or round trip
 * failed, 2 bad usage, 3 no usable transport.
 */
@Command(name = "mtcp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The mtcp and LuaSocket TCP contracts over interchangeable transports (ffm, nio, blocking).",
        subcommands = {TransportsCommand.class, DemoCommand.class, EchoServerCommand.class, LuaCommand.class,
            BenchCommand.class, SoakCommand.class, CheckCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a round trip or server failed", "2:bad usage",
            "3:no usable transport"})
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** Exit code: something failed. */
    public static final int FAILED = 1;
    /** Exit code: bad usage (picocli's own). */
    public static final int USAGE = 2;
    /** Exit code: no transport can run. */
    public static final int NO_TRANSPORT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prefer", split = ",", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Transports in order of preference, comma-separated (e.g. nio,blocking). "
                    + "Default: the system property " + Transports.PREFER_PROPERTY + ", else by priority.")
    List<String> prefer = new ArrayList<>();

    @Option(names = "--color", paramLabel = "WHEN", scope = ScopeType.INHERIT,
            description = "auto (default: only on a terminal, and not when NO_COLOR is set), always, never.")
    Colour.Mode color = Colour.Mode.AUTO;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it with their own writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        LuaCommand.configure(cl.getSubcommands().get("lua"));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                Colour.of(Colour.Mode.AUTO).enabled() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof CliException) {
                err.println("mtcp: " + e.getMessage());
                err.flush();
                return ((CliException) e).exitCode();
            }
            if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
                // Transports.require/prefer explain themselves: "transport 'x' cannot run here: ...".
                err.println("mtcp: " + e.getMessage());
                err.flush();
                return e instanceof IllegalStateException ? NO_TRANSPORT : USAGE;
            }
            throw e;
        });
        return cl;
    }

    /** {@code mtcp} alone: the usage, and the exit code of bad usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The preference order: {@code --prefer}, else the system property, else empty (by priority). */
    List<String> preferOrder() {
        if (!prefer.isEmpty()) {
            return prefer;
        }
        String p = System.getProperty(Transports.PREFER_PROPERTY);
        List<String> out = new ArrayList<>();
        if (p != null) {
            for (String s : p.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** Colour for this run's standard output. */
    Colour colour() {
        return Colour.of(color);
    }
}
