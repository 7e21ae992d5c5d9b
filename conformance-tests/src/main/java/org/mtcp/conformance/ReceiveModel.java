package org.mtcp.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A reference model of LuaSocket's buffered receive, written from behaviour.md section (e) (and the prefix
 * rules of section b), not from the implementation: it knows the whole byte stream a peer sends before it
 * closes, and predicts what each receive call returns when every wait is long enough for the peer's data
 * to arrive. Bytes a call consumes are gone, on success and on failure alike.
 */
public final class ReceiveModel {
    /** The three patterns. */
    public enum Kind { LINE, ALL, COUNT }

    /** What a receive call returns: {@code data} on success, or {@code nil, error, data} (the partial). */
    public record Outcome(boolean ok, String error, byte[] data) {
        @Override
        public String toString() {
            return ok ? "ok(" + show(data) + ")" : "nil, \"" + error + "\", " + show(data);
        }
    }

    private final byte[] stream;
    private int pos;

    /** A model of a connection whose peer sends {@code stream} and then closes. */
    public ReceiveModel(byte[] stream) {
        this.stream = stream.clone();
    }

    /** {@code receive(pattern, prefix)}, with {@code count} used by {@link Kind#COUNT}. */
    public Outcome receive(Kind kind, long count, byte[] prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        int remaining = stream.length - pos;
        switch (kind) {
            case LINE: {
                // Every byte up to the LF, CRs dropped; the LF is consumed, not returned.
                while (pos < stream.length && stream[pos] != '\n') {
                    if (stream[pos] != '\r') {
                        out.write(stream[pos]);
                    }
                    pos++;
                }
                if (pos < stream.length) {
                    pos++;
                    return new Outcome(true, null, out.toByteArray());
                }
                return new Outcome(false, "closed", out.toByteArray());
            }
            case ALL: {
                out.write(stream, pos, remaining);
                pos = stream.length;
                // Success only when this call read at least one byte.
                return new Outcome(remaining > 0, remaining > 0 ? null : "closed", out.toByteArray());
            }
            default: {
                // A non-empty prefix at least as long as the count is the answer, with no I/O at all.
                if (prefix.length > 0 && prefix.length >= count) {
                    return new Outcome(true, null, out.toByteArray());
                }
                long wanted = count - prefix.length;
                if (wanted == 0) {
                    // receive(0) still reads once: data (left buffered) means success, end of stream "closed".
                    return new Outcome(remaining > 0, remaining > 0 ? null : "closed", out.toByteArray());
                }
                int take = (int) Math.min(wanted, remaining);
                out.write(stream, pos, take);
                pos += take;
                return new Outcome(take == wanted, take == wanted ? null : "closed", out.toByteArray());
            }
        }
    }

    /** A short printable form of bytes: length and the first bytes, escaped. */
    public static String show(byte[] b) {
        if (b == null) {
            return "nil";
        }
        StringBuilder s = new StringBuilder().append(b.length).append(" bytes \"");
        for (int i = 0; i < Math.min(b.length, 40); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 32 && c < 127 && c != '\\' ? String.valueOf((char) c) : String.format("\\%d", c));
        }
        return s.append(b.length > 40 ? "...\"" : "\"").toString();
    }

    /** Whether two byte strings are equal. */
    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
