package org.mtcp.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether to colour output: only when standard output is a terminal and {@code NO_COLOR} is unset (or
 * empty), unless {@code --color} says otherwise. The launcher tells us whether stdout is a terminal
 * ({@value #TTY_PROPERTY}); without it we ask {@link Console} (on Java 22+, {@code Console.isTerminal()}).
 */
public final class Colour {
    /** System property the launcher sets to {@code true} or {@code false} from {@code [ -t 1 ]}. */
    public static final String TTY_PROPERTY = "mtcp.stdout.tty";

    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /** The {@code --color} choices. */
    public enum Mode { AUTO, ALWAYS, NEVER }

    private final boolean on;

    private Colour(boolean on) {
        this.on = on;
    }

    /** Colour as {@code mode} decides in this process's environment. */
    public static Colour of(Mode mode) {
        return of(mode, System.getenv(), stdoutIsTerminal());
    }

    /** Colour as {@code mode} decides for an environment and terminal state (testable). */
    public static Colour of(Mode mode, Map<String, String> env, boolean terminal) {
        switch (mode) {
            case ALWAYS: return new Colour(true);
            case NEVER: return new Colour(false);
            default:
                String noColor = env.get("NO_COLOR");
                return new Colour(terminal && (noColor == null || noColor.isEmpty()));
        }
    }

    /** Whether escape codes are written. */
    public boolean enabled() {
        return on;
    }

    /** Text in green (success). */
    public String green(String s) {
        return on ? GREEN + s + RESET : s;
    }

    /** Text in red (failure). */
    public String red(String s) {
        return on ? RED + s + RESET : s;
    }

    /** Text in bold (headings). */
    public String bold(String s) {
        return on ? BOLD + s + RESET : s;
    }

    static boolean stdoutIsTerminal() {
        String told = System.getProperty(TTY_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even when redirected; isTerminal() tells the truth.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
