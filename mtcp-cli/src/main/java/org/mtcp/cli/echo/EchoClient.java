package org.mtcp.cli.echo;

import org.mtcp.spi.Transport;

/**
 * One client connection to an echo server, through one API. Every wait is bounded by the timeout given to
 * {@link #connect}; every failure is an {@link EchoException} carrying the contract's message.
 */
public abstract class EchoClient implements AutoCloseable {
    final long timeoutMillis;

    EchoClient(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Connects to {@code host:port} through {@code api} on {@code transport}. */
    public static EchoClient connect(Api api, Transport transport, String host, int port, long timeoutMillis)
            throws EchoException {
        return api == Api.MTCP ? new MtcpEchoClient(transport, host, port, timeoutMillis)
                : new LuaSocketEchoClient(transport, host, port, timeoutMillis);
    }

    /** Sends {@code data} and returns the {@code data.length} bytes that come back. */
    public abstract byte[] roundTrip(byte[] data) throws EchoException;

    /** Sends {@code line} plus LF and returns the line that comes back, without its LF. */
    public abstract byte[] lineRoundTrip(byte[] line) throws EchoException;

    /** Closes the connection. Idempotent. */
    @Override
    public abstract void close();
}
