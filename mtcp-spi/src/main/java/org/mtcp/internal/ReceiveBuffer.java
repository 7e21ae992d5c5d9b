package org.mtcp.internal;

import java.util.Arrays;
import org.mtcp.luasocket.Received;

/**
 * LuaSocket's buffered receive (behaviour.md section e): one 8192-byte buffer per client, filled by one
 * recv when empty, and the three patterns on top of it. Bytes consumed before a failure are in the
 * partial result and gone from the buffer; {@link #received()} counts only bytes handed to the caller.
 * Not thread-safe: the owner serialises receives.
 */
public final class ReceiveBuffer {
    /** LuaSocket's {@code BUF_SIZE}. */
    public static final int SIZE = 8192;
    /** Most bytes one recv straight into a count's result asks for. */
    static final int DIRECT_STEP = 64 * 1024;

    /** One recv into the buffer: the byte count (≥ 1), or an {@link IoStatus} code (≤ 0). */
    @FunctionalInterface
    public interface Source {
        int recv(byte[] dst, int off, int len);
    }

    /** Made on the first buffered recv: a connection that never receives (or only receives counts of 8 KiB
     * and more, straight into results) costs no buffer, which matters for connection rates. */
    private byte[] data;
    private int first;
    private int last;
    private long received;

    /** Whether unconsumed bytes are buffered ({@code dirty()}). */
    public boolean isDirty() {
        return first < last;
    }

    /** Bytes handed out so far (the {@code received} statistic). */
    public long received() {
        return received;
    }

    /** Sets the {@code received} statistic ({@code setstats}). */
    public void setReceived(long value) {
        received = value;
    }

    /** Fills the buffer if it is empty; the status of that recv, or DONE when data was already there. */
    private int get(Source source) {
        if (first < last) {
            return IoStatus.DONE;
        }
        if (data == null) {
            data = new byte[SIZE];
        }
        int n = source.recv(data, 0, SIZE);
        first = 0;
        last = n > 0 ? n : 0;
        return n > 0 ? IoStatus.DONE : n;
    }

    private void skip(int count) {
        first += count;
        received += count;
        if (first >= last) {
            first = 0;
            last = 0;
        }
    }

    /**
     * {@code receive(pattern, prefix)}: the prefix first, then the pattern's bytes. For a count, the
     * prefix counts toward it, and a non-empty prefix at least as long as the count is returned with no I/O.
     */
    public Received receive(ReceivePattern pattern, byte[] prefix, Source source) {
        if (pattern.kind() == ReceivePattern.Kind.LINE && prefix.length == 0) {
            byte[] line = bufferedLine();
            if (line != null) {
                return Received.ok(line);
            }
        }
        // A count sizes the result exactly (up to 64 KiB), so the common case neither grows nor copies.
        long expected = pattern.kind() == ReceivePattern.Kind.LINE || pattern.kind() == ReceivePattern.Kind.ALL ? 64
                : Math.max(pattern.count(), prefix.length);
        ByteSink out = new ByteSink((int) Math.min(Math.max(expected, prefix.length + 16L), 65536));
        out.append(prefix, 0, prefix.length);
        int status;
        switch (pattern.kind()) {
            case LINE:
                status = line(out, source);
                break;
            case ALL:
                status = all(out, source);
                break;
            default:
                long wanted = pattern.count();
                status = prefix.length == 0 || wanted > prefix.length ? raw(out, wanted - prefix.length, source)
                        : IoStatus.DONE;
        }
        byte[] result = out.toByteArray();
        return status == IoStatus.DONE ? Received.ok(result) : Received.fail(IoStatus.message(status), result);
    }

    /**
     * The common line: one already buffered, with no CR. Consumes it and returns it in one exact copy;
     * null (nothing consumed) when the general path is needed.
     */
    private byte[] bufferedLine() {
        for (int pos = first; pos < last; pos++) {
            byte b = data[pos];
            if (b == '\n') {
                byte[] line = Arrays.copyOfRange(data, first, pos);
                skip(pos - first + 1);
                return line;
            }
            if (b == '\r') {
                return null;
            }
        }
        return null;
    }

    private int raw(ByteSink out, long wanted, Source source) {
        long total = 0;
        int status = IoStatus.DONE;
        while (status == IoStatus.DONE) {
            if (first == last && wanted - total >= SIZE) {
                // The buffer is empty and a whole buffer's recv would be handed out at once: recv straight
                // into the result, up to the rest of the count (never more, so nothing is left over to
                // buffer). Only the number of recv calls differs from LuaSocket's 8192-byte steps.
                int step = (int) Math.min(wanted - total, DIRECT_STEP);
                int n = source.recv(out.reserve(step), out.size(), step);
                if (n <= 0) {
                    status = n;
                    break;
                }
                out.commit(n);
                received += n;
                total += n;
                if (total >= wanted) {
                    break;
                }
                continue;
            }
            status = get(source);
            int count = (int) Math.min(last - first, wanted - total);
            out.append(data, first, count);
            skip(count);
            total += count;
            if (total >= wanted) {
                break;
            }
        }
        return status;
    }

    private int line(ByteSink out, Source source) {
        int status = IoStatus.DONE;
        while (status == IoStatus.DONE) {
            status = get(source);
            int pos = first;
            int run = first;
            // Copy runs between CRs in bulk; LuaSocket drops every CR of a line.
            while (pos < last && data[pos] != '\n') {
                if (data[pos] == '\r') {
                    out.append(data, run, pos - run);
                    run = pos + 1;
                }
                pos++;
            }
            out.append(data, run, pos - run);
            if (pos < last) {
                skip(pos - first + 1);
                break;
            }
            skip(pos - first);
        }
        return status;
    }

    private int all(ByteSink out, Source source) {
        long total = 0;
        int status = IoStatus.DONE;
        while (status == IoStatus.DONE) {
            status = get(source);
            int count = last - first;
            total += count;
            out.append(data, first, count);
            skip(count);
        }
        if (status == IoStatus.CLOSED) {
            return total > 0 ? IoStatus.DONE : IoStatus.CLOSED;
        }
        return status;
    }
}
