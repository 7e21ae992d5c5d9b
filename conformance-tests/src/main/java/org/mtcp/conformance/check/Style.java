package org.mtcp.conformance.check;

/** ANSI colour for terminal output, or none. */
public final class Style {
    private final boolean on;

    /** Colour when {@code on}. */
    public Style(boolean on) {
        this.on = on;
    }

    String red(String s) {
        return on ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    String green(String s) {
        return on ? "\u001b[32m" + s + "\u001b[0m" : s;
    }

    String yellow(String s) {
        return on ? "\u001b[33m" + s + "\u001b[0m" : s;
    }

    String bold(String s) {
        return on ? "\u001b[1m" + s + "\u001b[0m" : s;
    }
}
