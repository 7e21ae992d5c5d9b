package org.mtcp.bench;

/**
 * One thing being measured: an API over a transport ({@code mtcp:ffm}, {@code luasocket:nio}) or a raw
 * baseline ({@code java.net}, {@code nio-channel}, {@code netty-epoll}). Each workload is opened once per
 * trial, runs its operation many times, and is closed. Both ends of every connection use the same
 * subject, in this process. Every subject runs round trips, bulk and connections; line reading and
 * select are the optional {@link LineReading} and {@link Selecting} (mtcp has neither); the single-threaded
 * event loop is the optional {@link EventLooping} (both APIs).
 */
public interface Subject {
    /** The subject's id, e.g. {@code "mtcp:ffm"}. */
    String id();

    /** Ping-pong over one connection with TCP_NODELAY on both ends. */
    RoundTrip roundTrip(int size) throws Exception;

    /** One-way transfer: a reader thread drains while the caller writes chunks. */
    Bulk bulk(int chunk) throws Exception;

    /** Connection rate: connect, accept, close both, all on the caller's thread. */
    Connections connections() throws Exception;

    /** A subject that reads lines. */
    interface LineReading extends Subject {
        /** Line reading: a writer thread sends 100-byte lines while the caller reads them one by one. */
        Lines lines() throws Exception;
    }

    /** A subject that waits for readiness over many connections. */
    interface Selecting extends Subject {
        /** Select over {@code idle} idle connections plus one readable one. */
        Select select(int idle) throws Exception;
    }

    /** A subject that runs a single-threaded event loop over one connection. */
    interface EventLooping extends Subject {
        /**
         * Event-loop bulk: both ends of one connection on the caller's thread, as one event loop (copas
         * style) drives them; each {@link EventLoop#transfer()} moves {@code bytes} one way.
         */
        EventLoop eventLoop(int bytes) throws Exception;
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

    /** Moves one batch of bytes from one end to the other within one thread's loop. */
    interface EventLoop extends Workload {
        void transfer() throws Exception;
    }

    /** One select/poll that does not wait; returns how many were ready (1 when all is well). */
    interface Select extends Workload {
        int selectNow() throws Exception;
    }
}
