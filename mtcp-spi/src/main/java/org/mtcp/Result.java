package org.mtcp;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a Lua function <em>returns</em>: a value, or {@code nil, msg}. This is how every contract method
 * reports an ordinary failure (a refused connect, a timeout, a closed peer): as a value with the exact
 * message the C module returns, never as an exception. Methods whose failure also carries a partial
 * result use {@link org.mtcp.luasocket.Received} or {@link org.mtcp.luasocket.Sent} instead.
 *
 * @param <T> the success value
 */
public final class Result<T> {
    private final T value;
    private final String error;

    private Result(T value, String error) {
        this.value = value;
        this.error = error;
    }

    /** A success; {@code null} stands for a Lua function that succeeds by returning nil (getoption "error"). */
    public static <T> Result<T> ok(T value) {
        return new Result<>(value, null);
    }

    /** A failure with the contract's message ({@code "timeout"}, {@code "connect error: -1  111"}, ...). */
    public static <T> Result<T> fail(String error) {
        return new Result<>(null, Objects.requireNonNull(error, "error"));
    }

    /** True for a success. */
    public boolean isOk() {
        return error == null;
    }

    /** The value of a success. @throws NoSuchElementException (with the message) for a failure */
    public T value() {
        if (error != null) {
            throw new NoSuchElementException("no value: " + error);
        }
        return value;
    }

    /** The value, or {@code other} for a failure. */
    public T orElse(T other) {
        return error == null ? value : other;
    }

    /** The failure message, or {@code null} for a success. */
    public String error() {
        return error;
    }

    /** The value, or a {@link FailureException} carrying the message, for code that prefers exceptions. */
    public T orThrow() {
        if (error != null) {
            throw new FailureException(error);
        }
        return value;
    }

    /** The success value transformed; a failure is passed on unchanged. */
    public <U> Result<U> map(Function<? super T, ? extends U> f) {
        return error == null ? Result.ok(f.apply(value)) : Result.fail(error);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Result && Objects.equals(value, ((Result<?>) o).value)
                && Objects.equals(error, ((Result<?>) o).error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, error);
    }

    @Override
    public String toString() {
        return error == null ? "ok(" + value + ")" : "nil, \"" + error + "\"";
    }

    /** Thrown by {@link #orThrow()}: a returned failure that the caller chose to treat as exceptional. */
    public static final class FailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailureException(String message) {
            super(message);
        }
    }
}
