package org.mtcp.cli.echo;

import java.util.function.Consumer;
import org.mtcp.spi.Transport;

/**
 * A TCP echo server over one transport and one API: it listens, accepts on its own thread, and echoes every
 * byte of every connection back on a thread per connection until the peer closes or {@link #close()}.
 * Nothing here adds framing: any TCP client (nc, java.net.Socket) can talk to it.
 */
public abstract class EchoServer implements AutoCloseable {
    /** The most bytes one echo step reads before writing them back. */
    static final int CHUNK = 64 * 1024;

    final Activity activity = new Activity();
    final Consumer<String> log;
    final int maxConnections;

    EchoServer(int maxConnections, Consumer<String> log) {
        this.maxConnections = maxConnections;
        this.log = log == null ? s -> { } : log;
    }

    /**
     * Binds {@code host:port} (0: an ephemeral port) through {@code api} on {@code transport}, starts
     * accepting and returns at once.
     *
     * @param maxConnections stop accepting after this many connections (0: no limit)
     * @param log receives one line per connection event; null for none
     * @throws EchoException when the bind fails, with the contract's message
     */
    public static EchoServer start(Api api, Transport transport, String host, int port, int maxConnections,
            Consumer<String> log) throws EchoException {
        EchoServer server = api == Api.MTCP ? new MtcpEchoServer(transport, host, port, maxConnections, log)
                : new LuaSocketEchoServer(transport, host, port, maxConnections, log);
        server.startAccepting();
        return server;
    }

    abstract void startAccepting();

    /** The numeric address the server is bound to. */
    public abstract String host();

    /** The port it is bound to (the real one when 0 was asked). */
    public abstract int port();

    /** Connection counts and the last time anything happened. */
    public Activity activity() {
        return activity;
    }

    /** Stops accepting and closes every connection; blocked server threads wake and end. Idempotent. */
    @Override
    public abstract void close();
}
