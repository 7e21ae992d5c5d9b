package org.mtcp.reliability;

import org.mtcp.Result;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;

/**
 * One connected end seen through either API, for the server side of the drivers (the side whose results are
 * not under test). Every wait is bounded.
 */
public interface Conn extends AutoCloseable {
    /** How long one read may wait, in milliseconds (1,000 clients may take a while to connect), before it counts as a stall. */
    long READ_WAIT_MILLIS = 120_000;

    /** Some bytes (never empty), or null at end of stream or on a connection error. */
    byte[] readSome();

    /** Writes everything; false when the connection failed. */
    boolean write(byte[] data, int off, int len);

    /** Closes the end. */
    @Override
    void close();

    /** Reads until end of stream (or error, or a long stall); everything that came. */
    default byte[] readAll() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b;
        while ((b = readSome()) != null) {
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** A LuaSocket client object. */
    static Conn of(Tcp tcp) {
        tcp.settimeout(READ_WAIT_MILLIS / 1000.0);
        return new Conn() {
            private boolean eof;

            @Override
            public byte[] readSome() {
                if (eof) {
                    return null;
                }
                // receive(n) waits for all n bytes; "*a" would wait for the end. A short timeout on a
                // count gives whatever arrived, as the partial result.
                long deadline = System.nanoTime() + READ_WAIT_MILLIS * 1_000_000L;
                tcp.settimeout(0.02);
                while (true) {
                    Received r = tcp.receive(8192);
                    byte[] got = r.isOk() ? r.data() : r.partial();
                    if (!r.isOk() && !"timeout".equals(r.error())) {
                        eof = true;
                        return got.length > 0 ? got : null;
                    }
                    if (got.length > 0) {
                        return got;
                    }
                    if (System.nanoTime() > deadline) {
                        eof = true;
                        return null;
                    }
                }
            }

            @Override
            public boolean write(byte[] data, int off, int len) {
                tcp.settimeout(READ_WAIT_MILLIS / 1000.0);
                Sent s = tcp.send(data, off + 1, off + len);
                return s.isOk();
            }

            @Override
            public void close() {
                tcp.close();
            }
        };
    }

    /** An mtcp descriptor. */
    static Conn of(Mtcp mtcp, int fd) {
        return new Conn() {
            private boolean eof;

            @Override
            public byte[] readSome() {
                if (eof) {
                    return null;
                }
                Result<byte[]> r = mtcp.read(fd, 8192, READ_WAIT_MILLIS);
                if (!r.isOk() || r.value().length == 0) {
                    eof = true;
                    return null;
                }
                return r.value();
            }

            @Override
            public boolean write(byte[] data, int off, int len) {
                return mtcp.write(fd, data, off + 1, len).isOk();
            }

            @Override
            public void close() {
                mtcp.close(fd);
            }
        };
    }
}
