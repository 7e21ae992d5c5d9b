package org.mtcp.reliability;

/** A reliability check found a wrong result: lost, duplicated or reordered bytes, or a wrong contract value. */
public final class ReliabilityFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReliabilityFailure(String message) {
        super(message);
    }

    public ReliabilityFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new ReliabilityFailure(message);
        }
    }
}
