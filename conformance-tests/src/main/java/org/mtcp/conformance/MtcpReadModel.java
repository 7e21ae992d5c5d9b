package org.mtcp.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A reference model of mtcp's read loop (behaviour.md a, "read", with the port's pinned rule that bytes
 * read before a timeout are returned), written from the spec and nothing else: the model knows the bytes
 * the kernel holds for the reader and whether the peer's FIN has arrived, and says what
 * {@code read(fd, n, timeout)} must return.
 *
 * <pre>
 *   loop: wait (timeout) — nothing and no FIN: "poll timeout", or the bytes so far
 *         read one chunk of at most 1024 — end of stream: stop
 *         append; a chunk shorter than 1024 stops; a total ≥ n stops
 * </pre>
 */
final class MtcpReadModel {
    /** The chunk size of the C code's read loop. */
    static final int CHUNK = 1024;

    private byte[] pending = new byte[0];
    private boolean eof;

    /** The peer's bytes have reached the reader's kernel buffer. */
    void deliver(byte[] data) {
        byte[] p = Arrays.copyOf(pending, pending.length + data.length);
        System.arraycopy(data, 0, p, pending.length, data.length);
        pending = p;
    }

    /** The peer's FIN has arrived (after all its data). */
    void endOfStream() {
        eof = true;
    }

    /** Bytes the kernel still holds. */
    int pending() {
        return pending.length;
    }

    /**
     * What {@code read(fd, n, timeout)} returns now: the bytes (possibly empty, at end of stream) or
     * {@code null} for {@code nil, "poll timeout"}. The model consumes what the call consumes.
     */
    byte[] read(long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pending.length == 0) {
                if (eof) {
                    return out.toByteArray();
                }
                return out.size() > 0 ? out.toByteArray() : null;
            }
            int chunk = Math.min(CHUNK, pending.length);
            out.write(pending, 0, chunk);
            pending = Arrays.copyOfRange(pending, chunk, pending.length);
            if (chunk < CHUNK || out.size() >= n) {
                return out.toByteArray();
            }
        }
    }
}
