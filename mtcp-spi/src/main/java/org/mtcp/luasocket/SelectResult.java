package org.mtcp.luasocket;

import java.util.List;

/**
 * What {@code socket.select} returns: the readable and writable objects (each list is also Lua's reverse
 * map: {@link #readIndex} gives {@code r[sock]}), and {@code "timeout"} when nothing was ready.
 * {@code T} is {@link Tcp} for the Java API, or a binding's own {@link Selectable}.
 * Dirty clients come first in {@link #readable()}, the rest in descriptor order.
 */
public record SelectResult<T extends Selectable>(List<T> readable, List<T> writable, String error) {
    public SelectResult {
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
    }

    /** The 1-based position of {@code sock} in {@link #readable()} ({@code r[sock]}), or 0 when absent. */
    public int readIndex(T sock) {
        return readable.indexOf(sock) + 1;
    }

    /** The 1-based position of {@code sock} in {@link #writable()} ({@code w[sock]}), or 0 when absent. */
    public int writeIndex(T sock) {
        return writable.indexOf(sock) + 1;
    }

    /** True when the wait ran out with nothing ready (Lua's third value is {@code "timeout"}). */
    public boolean timedOut() {
        return error != null;
    }
}
