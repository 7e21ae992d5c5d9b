package org.mtcp.cli.echo;

/**
 * A failed echo step. The message is the contract's own failure text where there is one (e.g.
 * {@code connect error: -1  111}, {@code timeout}, {@code closed}), prefixed with the step that failed.
 */
public final class EchoException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public EchoException(String message) {
        super(message);
    }
}
