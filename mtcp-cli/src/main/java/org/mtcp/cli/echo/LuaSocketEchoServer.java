package org.mtcp.cli.echo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.SockName;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * The echo server written as a LuaSocket program would be: {@code socket.bind}, {@code server:accept()},
 * and per client {@code socket.select} then {@code client:receive(n)} with timeout 0, whose partial result
 * is whatever had arrived, sent back with {@code client:send}.
 */
final class LuaSocketEchoServer extends EchoServer {
    /** Accept and select wait at most this long per call, so threads notice {@link #close()} promptly. */
    private static final double SLICE_SECONDS = 1.0;
    /** How long one echo send may take. */
    private static final double SEND_TIMEOUT_SECONDS = 10.0;

    private final LuaSocket socket;
    private final Tcp server;
    private final String host;
    private final int port;
    private final Set<Tcp> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private volatile boolean listening = true;

    LuaSocketEchoServer(Transport transport, String host, int port, int maxConnections, Consumer<String> log)
            throws EchoException {
        super(maxConnections, log);
        this.socket = LuaSocket.on(transport);
        Result<Tcp> bound = socket.bind(host, port);
        if (!bound.isOk()) {
            throw new EchoException("bind: " + bound.error());
        }
        server = bound.value();
        Result<SockName> name = server.getsockname();
        if (!name.isOk()) {
            server.close();
            throw new EchoException("getsockname: " + name.error());
        }
        this.host = name.value().ip();
        this.port = name.value().port();
        server.settimeout(SLICE_SECONDS);
    }

    @Override
    void startAccepting() {
        Daemons.start("luasocket-echo-accept-" + port, this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closing && listening) {
            Result<Tcp> accepted = server.accept();
            if (!accepted.isOk()) {
                if (accepted.error().equals("timeout")) {
                    continue;
                }
                if (listening && !closing) {
                    activity.onFailure("accept: " + accepted.error());
                }
                return;
            }
            Tcp client = accepted.value();
            if (closing) {
                client.close();
                return;
            }
            // As LuaSocket programs do for request/response traffic: send steps are 8192 bytes, and Nagle's
            // algorithm would hold the second one for the peer's delayed ACK.
            client.setoption("tcp-nodelay", Boolean.TRUE);
            clients.add(client);
            int n = activity.onAccept();
            Result<SockName> peer = client.getpeername();
            log.accept("connection " + n + " from "
                    + (peer.isOk() ? peer.value().ip() + " " + peer.value().port() : "(" + peer.error() + ")"));
            Daemons.start("luasocket-echo-" + port + "-" + n, () -> serve(client, n));
            if (maxConnections > 0 && n >= maxConnections) {
                listening = false;
                server.close();
                return;
            }
        }
    }

    private void serve(Tcp client, int n) {
        long bytes = 0;
        String why = "peer closed";
        try {
            while (!closing) {
                SelectResult ready = socket.select(List.of(client), null, SLICE_SECONDS);
                if (ready.timedOut()) {
                    continue;
                }
                client.settimeout(0);
                Received got = client.receive(CHUNK);
                byte[] data = got.isOk() ? got.data() : got.partial();
                if (data.length > 0) {
                    activity.onData();
                    client.settimeout(SEND_TIMEOUT_SECONDS);
                    Sent sent = client.send(data);
                    if (!sent.isOk()) {
                        why = "send: " + sent.error();
                        break;
                    }
                    bytes += data.length;
                }
                if (!got.isOk() && !got.error().equals("timeout")) {
                    if (!got.error().equals("closed")) {
                        why = "receive: " + got.error();
                    }
                    break;
                }
            }
        } catch (LuaError e) {
            // select raises when the client was closed under it (server shutdown).
            why = closing ? "server closed" : e.getMessage();
        } catch (RuntimeException e) {
            why = e.toString();
        } finally {
            if (closing) {
                why = "server closed";
            }
            clients.remove(client);
            client.close();
            log.accept("connection " + n + " closed after " + bytes + " bytes echoed (" + why + ")");
            activity.onClose();
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
        listening = false;
        server.close();
        for (Tcp c : clients) {
            c.close();
        }
    }
}
