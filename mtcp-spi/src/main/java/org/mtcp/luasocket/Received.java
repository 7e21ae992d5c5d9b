package org.mtcp.luasocket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@code client:receive} returns: {@code data, nil, nil} on success, or {@code nil, err, partial}
 * where {@code err} is {@code "closed"}, {@code "timeout"} or another LuaSocket error text and
 * {@code partial} holds the prefix plus whatever was consumed before the failure (possibly empty).
 * The bytes are the bytes: {@link #string()} decodes them as UTF-8 only when asked.
 */
public final class Received {
    private final byte[] data;
    private final String error;
    private final byte[] partial;

    private Received(byte[] data, String error, byte[] partial) {
        this.data = data;
        this.error = error;
        this.partial = partial;
    }

    /** A success carrying {@code data}. */
    public static Received ok(byte[] data) {
        return new Received(Objects.requireNonNull(data), null, null);
    }

    /** A failure with its message and partial result. */
    public static Received fail(String error, byte[] partial) {
        return new Received(null, Objects.requireNonNull(error), Objects.requireNonNull(partial));
    }

    /** True for a success. */
    public boolean isOk() {
        return error == null;
    }

    /** The data of a success (a copy); {@code null} for a failure, as Lua's first value is nil. */
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /** The error text of a failure, or {@code null}. */
    public String error() {
        return error;
    }

    /** The partial result of a failure (a copy), or {@code null} on success. */
    public byte[] partial() {
        return partial == null ? null : partial.clone();
    }

    /** The data of a success decoded as UTF-8; {@code null} for a failure. */
    public String string() {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** The partial result decoded as UTF-8; {@code null} on success. */
    public String partialString() {
        return partial == null ? null : new String(partial, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Received)) {
            return false;
        }
        Received r = (Received) o;
        return Arrays.equals(data, r.data) && Objects.equals(error, r.error) && Arrays.equals(partial, r.partial);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), error, Arrays.hashCode(partial));
    }

    @Override
    public String toString() {
        return isOk() ? "\"" + string() + "\", nil, nil" : "nil, \"" + error + "\", \"" + partialString() + "\"";
    }
}
