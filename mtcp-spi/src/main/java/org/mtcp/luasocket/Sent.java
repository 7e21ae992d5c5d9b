package org.mtcp.luasocket;

import java.util.Objects;

/**
 * What {@code client:send(data, i, j)} returns: {@code last, nil, nil} on success, or
 * {@code nil, err, last} on failure. {@code last} is always {@code bytesSent + i − 1} with i after
 * LuaSocket's index adjustments, so {@code send(data, last + 1)} resumes after a failure.
 */
public final class Sent {
    private final long last;
    private final String error;

    private Sent(long last, String error) {
        this.last = last;
        this.error = error;
    }

    /** A success: every selected byte went out; {@code last} is the index of the last one. */
    public static Sent ok(long last) {
        return new Sent(last, null);
    }

    /** A failure ({@code "closed"}, {@code "timeout"}, ...) after bytes up to {@code last} were sent. */
    public static Sent fail(String error, long last) {
        return new Sent(last, Objects.requireNonNull(error));
    }

    /** True for a success. */
    public boolean isOk() {
        return error == null;
    }

    /** The index of the last byte sent (Lua's first value on success, third on failure). */
    public long last() {
        return last;
    }

    /** The error text of a failure, or {@code null}. */
    public String error() {
        return error;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sent && ((Sent) o).last == last && Objects.equals(((Sent) o).error, error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(last, error);
    }

    @Override
    public String toString() {
        return isOk() ? last + ", nil, nil" : "nil, \"" + error + "\", " + last;
    }
}
