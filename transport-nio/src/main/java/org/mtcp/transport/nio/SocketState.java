package org.mtcp.transport.nio;

/**
 * Where a descriptor is in its life. Linux keeps two states per TCP socket (the socket layer's
 * {@code SS_*} and TCP's own); these values are the combinations the primitives can tell apart.
 */
enum SocketState {
    /** Unconnected, maybe bound: a {@code SocketChannel} that has never connected (or whose failure was reported). */
    FRESH,
    /** A non-blocking connect is in progress. */
    CONNECTING,
    /**
     * A connect failed and no connect call has reported it yet (Linux: {@code SS_CONNECTING} over a closed
     * TCP socket). The pending error, if not yet read by another call, is in the socket.
     */
    FAILED,
    /** Connected (whether or not a connect call has returned 0 for it yet). */
    CONNECTED,
    /** Listening: the socket is now a {@code ServerSocketChannel}. */
    LISTENING,
    /** Closed: every call fails with EBADF. */
    CLOSED
}
