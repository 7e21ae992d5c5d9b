package org.mtcp.bench;

/**
 * One thing being measured: an API over a transport ({@code mtcp:ffm}, {@code luasocket:nio}) or a raw
 * baseline ({@code java.net}, {@code nio-channel}, {@code netty-epoll}). Each workload is opened once per
 * trial, runs its operation many times, and is closed. Both ends of every connection use the same
 * subject, in this process. A subject that cannot run a workload (mtcp has no line reading) throws
 * {@link UnsupportedOperationException}; the runner never asks it to.
 */
public interface Subject {
    /** The subject's id, e.g. {@code "mtcp:ffm"}. */
    String id();

    /** Ping-pong over one connection with TCP_NODELAY on both ends. */
    default RoundTrip roundTrip(int size) throws Exception {
        throw new UnsupportedOperationException(id() + ": round trip");
    }

    /** One-way transfer: a reader thread drains while the caller writes chunks. */
    default Bulk bulk(int chunk) throws Exception {
        throw new UnsupportedOperationException(id() + ": bulk");
    }

    /** Line reading: a writer thread sends 100-byte lines while the caller reads them one by one. */
    default Lines lines() throws Exception {
        throw new UnsupportedOperationException(id() + ": lines");
    }

    /** Connection rate: connect, accept, close both, all on the caller's thread. */
    default Connections connections() throws Exception {
        throw new UnsupportedOperationException(id() + ": connections");
    }

    /** Select over {@code idle} idle connections plus one readable one. */
    default Select select(int idle) throws Exception {
        throw new UnsupportedOperationException(id() + ": select");
    }

    /** A workload's state; {@link #close()} releases every socket and thread it made. */
    interface Workload extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    /** Sends {@code size} bytes and waits for their echo. */
    interface RoundTrip extends Workload {
        void roundTrip() throws Exception;
    }

    /** Writes one chunk (returns once the transport has taken it). */
    interface Bulk extends Workload {
        void write() throws Exception;
    }

    /** Reads one line; returns its length (without the LF). */
    interface Lines extends Workload {
        int readLine() throws Exception;
    }

    /** One connect + accept + close of both ends. */
    interface Connections extends Workload {
        void cycle() throws Exception;
    }

    /** One select/poll that does not wait; returns how many were ready (1 when all is well). */
    interface Select extends Workload {
        int selectNow() throws Exception;
    }
}
