package org.mtcp.cli;

/** An expected failure of a command: printed as {@code mtcp: <message>} (no stack trace), with an exit code. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A failure with this message and exit code. */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
