package org.mtcp.cli.echo;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mtcp.Result;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/** The echo server written with mtcp's functions: bind, accept, read, write, close. */
final class MtcpEchoServer extends EchoServer {
    /** mtcp's read waits at most this long per call, so a thread notices {@link #close()} promptly. */
    private static final long READ_SLICE_MS = 1000;

    private final Mtcp mtcp;
    private final int servfd;
    private final String host;
    private final int port;
    /** Open connection descriptors; whoever removes one closes it, so no number is closed twice. */
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private volatile boolean closing;

    MtcpEchoServer(Transport transport, String host, int port, int maxConnections, Consumer<String> log)
            throws EchoException {
        super(maxConnections, log);
        this.mtcp = Mtcp.on(transport);
        Result<FdAddress> bound = mtcp.bind(host, Integer.toString(port));
        if (!bound.isOk()) {
            throw new EchoException("bind: " + bound.error());
        }
        servfd = bound.value().fd();
        Result<byte[]> name = mtcp.getsockname(servfd);
        if (!name.isOk()) {
            mtcp.close(servfd);
            throw new EchoException("getsockname: " + name.error());
        }
        SockAddr local = SockAddr.parse(name.value());
        this.host = local.hostText();
        this.port = local.port();
    }

    @Override
    void startAccepting() {
        Daemons.start("mtcp-echo-accept-" + port, this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closing && listening.get()) {
            Result<FdAddress> accepted = mtcp.accept(servfd);
            if (!accepted.isOk()) {
                if (listening.get() && !closing) {
                    activity.onFailure("accept: " + accepted.error());
                }
                return;
            }
            int fd = accepted.value().fd();
            if (closing) {
                mtcp.close(fd);
                return;
            }
            connections.add(fd);
            int n = activity.onAccept();
            log.accept("connection " + n + " from " + peer(accepted.value().address()));
            Daemons.start("mtcp-echo-" + port + "-" + n, () -> serve(fd, n));
            if (maxConnections > 0 && n >= maxConnections) {
                stopListening();
                return;
            }
        }
    }

    private static String peer(byte[] raw) {
        try {
            SockAddr a = SockAddr.parse(raw);
            return a.hostText() + " " + a.port();
        } catch (IllegalArgumentException e) {
            return "(unknown address)";
        }
    }

    private void serve(int fd, int n) {
        long bytes = 0;
        String why = "peer closed";
        try {
            while (!closing) {
                // n = BUFSIZE: one chunk per call. A larger n would make read wait for more after a full chunk.
                Result<byte[]> got = mtcp.read(fd, Mtcp.BUFSIZE, READ_SLICE_MS);
                if (!got.isOk()) {
                    if (got.error().equals("poll timeout")) {
                        continue;
                    }
                    why = got.error();
                    break;
                }
                byte[] data = got.value();
                if (data.length == 0) {
                    break;
                }
                if (data.length == Mtcp.BUFSIZE) {
                    data = drain(fd, data);
                }
                activity.onData();
                Result<Long> written = mtcp.write(fd, data);
                if (!written.isOk()) {
                    why = written.error();
                    break;
                }
                bytes += data.length;
            }
        } catch (RuntimeException e) {
            why = e.toString();
        } finally {
            if (connections.remove(fd)) {
                mtcp.close(fd);
            } else if (closing) {
                why = "server closed";
            }
            log.accept("connection " + n + " closed after " + bytes + " bytes echoed (" + why + ")");
            activity.onClose();
        }
    }

    /**
     * After a full chunk, takes whatever else has already arrived (timeout 0: no wait) so it goes back in
     * one write: echoing 1024-byte pieces would meet Nagle's algorithm and the peer's delayed ACK (40 ms).
     */
    private byte[] drain(int fd, byte[] first) {
        Result<byte[]> more = mtcp.read(fd, CHUNK, 0);
        if (!more.isOk() || more.value().length == 0) {
            // Nothing more yet, or an error / end of stream the next read reports again.
            return first;
        }
        byte[] rest = more.value();
        byte[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private void stopListening() {
        if (listening.compareAndSet(true, false)) {
            mtcp.close(servfd);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closing = true;
        stopListening();
        for (Integer fd : connections) {
            if (connections.remove(fd)) {
                mtcp.close(fd);
            }
        }
    }
}
