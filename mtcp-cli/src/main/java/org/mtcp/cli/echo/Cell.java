package org.mtcp.cli.echo;

/**
 * One entry of the interop matrix: a client on transport {@code client} talking to an echo server on
 * transport {@code server}, both through {@code api}. A success carries the median round-trip time; a
 * failure carries what went wrong.
 */
public record Cell(Api api, String server, String client, long medianNanos, String error) {
    /** A verified cell. */
    public static Cell ok(Api api, String server, String client, long medianNanos) {
        return new Cell(api, server, client, medianNanos, null);
    }

    /** A failed cell. */
    public static Cell failed(Api api, String server, String client, String error) {
        return new Cell(api, server, client, -1, error);
    }

    /** True when every round trip came back byte for byte. */
    public boolean ok() {
        return error == null;
    }

    /** The median round-trip time in whole microseconds (rounded), or -1 for a failure. */
    public long medianMicros() {
        return ok() ? (medianNanos + 500) / 1000 : -1;
    }
}
