package org.mtcp.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that sits between a client and a server and injects a {@link Fault}: tiny
 * segments, delays, a stall, an upstream half-close, a reset. It runs on plain java.net sockets, apart
 * from every transport under test. One thread accepts; each connection gets one thread per direction.
 * End of stream is passed on as a half-close (FIN) in the same direction; a reset seen on one leg is
 * passed on as a reset on the other.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Fault fault;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong downstream = new AtomicLong();
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target, Fault fault) {
        this.listener = listener;
        this.target = target;
        this.fault = fault;
    }

    /** A proxy on 127.0.0.1 (ephemeral port) forwarding to 127.0.0.1:{@code targetPort}. */
    public static FaultProxy start(int targetPort, Fault fault) {
        try {
            InetAddress lo = InetAddress.getByName("127.0.0.1");
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(lo, 0), 1024);
            FaultProxy p = new FaultProxy(s, new InetSocketAddress(lo, targetPort), fault);
            daemon("fault-proxy-accept", p::acceptLoop).start();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("the fault proxy cannot listen", e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes forwarded client to server so far. */
    public long upstreamBytes() {
        return upstream.get();
    }

    /** Bytes forwarded server to client so far. */
    public long downstreamBytes() {
        return downstream.get();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            Socket server = new Socket();
            open.add(server);
            try {
                server.connect(target, 10_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                abort(client);
                abort(server);
                continue;
            }
            java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
            Runnable whenBothDone = () -> {
                if (finished.incrementAndGet() == 2) {
                    close(client);
                    close(server);
                    open.remove(client);
                    open.remove(server);
                }
            };
            daemon("fault-proxy-up", () -> {
                pump(client, server, false);
                whenBothDone.run();
            }).start();
            daemon("fault-proxy-down", () -> {
                pump(server, client, true);
                whenBothDone.run();
            }).start();
        }
    }

    private void pump(Socket from, Socket to, boolean down) {
        byte[] buf = new byte[8192];
        long forwarded = 0;
        boolean stalled = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                if (!down && fault.halfCloseAfter() >= 0 && forwarded >= fault.halfCloseAfter()) {
                    to.shutdownOutput();
                    // Keep reading so the client never blocks on a full window; its bytes go nowhere.
                    while (in.read(buf) >= 0) {
                        // discarded
                    }
                    return;
                }
                if (down && fault.resetAfter() >= 0 && forwarded >= fault.resetAfter()) {
                    // Let the last segment land in the client's receive queue before the RST.
                    Proc.sleep(50);
                    abort(to);
                    abort(from);
                    return;
                }
                int n = in.read(buf);
                if (n < 0) {
                    to.shutdownOutput();
                    return;
                }
                int off = 0;
                while (off < n) {
                    int step = Math.min(n - off, fault.segment());
                    if (down && fault.stallAfter() >= 0 && !stalled) {
                        if (forwarded >= fault.stallAfter()) {
                            Proc.sleep(fault.stallMillis());
                            stalled = true;
                        } else {
                            step = (int) Math.min(step, fault.stallAfter() - forwarded);
                        }
                    }
                    if (down && fault.resetAfter() >= 0) {
                        step = (int) Math.min(step, fault.resetAfter() - forwarded);
                    }
                    if (!down && fault.halfCloseAfter() >= 0) {
                        step = (int) Math.min(step, fault.halfCloseAfter() - forwarded);
                    }
                    if (step <= 0) {
                        break; // a half-close or reset boundary: the outer loop acts on it
                    }
                    out.write(buf, off, step);
                    off += step;
                    forwarded += step;
                    (down ? downstream : upstream).addAndGet(step);
                    if (fault.delayMillis() > 0) {
                        Proc.sleep(fault.delayMillis());
                    }
                }
                if (off < n && !down) {
                    // The rest of this read lies beyond the half-close point: dropped on purpose.
                    continue;
                }
            }
        } catch (IOException e) {
            // One leg failed (reset, closed): the other leg learns it as a reset.
            abort(to);
            abort(from);
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets a reset. */
    private static void abort(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // Not connected: a plain close will do.
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** Stops accepting and resets every connection still open. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket s : open) {
            abort(s);
        }
        open.clear();
    }
}
