package org.mtcp.luasocket;

import java.util.List;

/**
 * What {@code socket.select} returns: the readable and writable objects (each list is also Lua's reverse
 * map: {@link #readIndex} gives {@code r[sock]}), and {@code "timeout"} when nothing was ready.
 * Dirty clients come first in {@link #readable()}, the rest in descriptor order.
 */
public record SelectResult(List<Tcp> readable, List<Tcp> writable, String error) {
    public SelectResult {
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
    }

    /** The 1-based position of {@code sock} in {@link #readable()} ({@code r[sock]}), or 0 when absent. */
    public int readIndex(Tcp sock) {
        return readable.indexOf(sock) + 1;
    }

    /** The 1-based position of {@code sock} in {@link #writable()} ({@code w[sock]}), or 0 when absent. */
    public int writeIndex(Tcp sock) {
        return writable.indexOf(sock) + 1;
    }

    /** True when the wait ran out with nothing ready (Lua's third value is {@code "timeout"}). */
    public boolean timedOut() {
        return error != null;
    }
}
