package org.mtcp.reliability;

/**
 * What a {@link FaultProxy} does to the traffic it forwards. Upstream is client to server, downstream is
 * server to client. A negative byte count turns that fault off.
 *
 * @param segment forward at most this many bytes per write, both ways (1: one-byte segments, with
 *        TCP_NODELAY on both legs so each goes out as its own segment)
 * @param delayMillis pause after every forwarded segment, both ways
 * @param stallAfter downstream: after this many bytes, stop forwarding for {@code stallMillis}
 * @param stallMillis how long the stall lasts
 * @param halfCloseAfter upstream: after this many bytes, shut down the write side toward the server (it
 *        reads end of stream); later client bytes are read and discarded; downstream goes on
 * @param resetAfter downstream: after this many bytes, reset both connections (RST, not FIN)
 */
public record Fault(int segment, long delayMillis, long stallAfter, long stallMillis, long halfCloseAfter,
        long resetAfter) {
    /** No fault: a plain relay. */
    public static final Fault NONE = new Fault(Integer.MAX_VALUE, 0, -1, 0, -1, -1);

    public Fault {
        if (segment < 1) {
            throw new IllegalArgumentException("segment must be at least 1: " + segment);
        }
    }

    /** This fault with at most {@code bytes} per write. */
    public Fault segments(int bytes) {
        return new Fault(bytes, delayMillis, stallAfter, stallMillis, halfCloseAfter, resetAfter);
    }

    /** This fault with a pause after every segment. */
    public Fault delay(long millis) {
        return new Fault(segment, millis, stallAfter, stallMillis, halfCloseAfter, resetAfter);
    }

    /** This fault with one downstream stall after {@code after} bytes. */
    public Fault stall(long after, long millis) {
        return new Fault(segment, delayMillis, after, millis, halfCloseAfter, resetAfter);
    }

    /** This fault with an upstream half-close after {@code after} bytes. */
    public Fault halfClose(long after) {
        return new Fault(segment, delayMillis, stallAfter, stallMillis, after, resetAfter);
    }

    /** This fault with a reset after {@code after} downstream bytes. */
    public Fault reset(long after) {
        return new Fault(segment, delayMillis, stallAfter, stallMillis, halfCloseAfter, after);
    }
}
