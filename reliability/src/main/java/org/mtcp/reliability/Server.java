package org.mtcp.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * A server on 127.0.0.1 (ephemeral port) through one API and transport: it accepts until closed and runs a
 * handler on each connection in a thread of its own. A handler's failure is kept for {@link #failures()}.
 */
public final class Server implements AutoCloseable {
    private final Api api;
    private final Tcp listener;
    private final Mtcp mtcp;
    private final int fd;
    private final int port;
    private final Consumer<Conn> handler;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private Server(Api api, Transport t, Consumer<Conn> handler) {
        this.api = api;
        this.handler = handler;
        if (api == Api.LUASOCKET) {
            listener = LuaSocket.on(t).bind("127.0.0.1", 0, 1024).orThrow();
            port = listener.getsockname().orThrow().port();
            mtcp = null;
            fd = -1;
        } else {
            listener = null;
            mtcp = Mtcp.on(t);
            fd = mtcp.bind("127.0.0.1", "0").orThrow().fd();
            port = SockAddr.parse(mtcp.getsockname(fd).orThrow()).port();
        }
        acceptor = new Thread(this::acceptLoop, "server-accept-" + api);
        acceptor.setDaemon(true);
    }

    /** Starts a server; {@code handler} runs once per accepted connection and should close it. */
    public static Server start(Api api, Transport t, Consumer<Conn> handler) {
        Server s = new Server(api, t, handler);
        s.acceptor.start();
        return s;
    }

    /** An echo server: every byte read is written back, until end of stream. */
    public static Server echo(Api api, Transport t) {
        return start(api, t, c -> {
            try (c) {
                byte[] b;
                while ((b = c.readSome()) != null) {
                    if (!c.write(b, 0, b.length)) {
                        return;
                    }
                }
            }
        });
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** What handlers threw. */
    public List<Throwable> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!closed) {
            Conn c;
            if (api == Api.LUASOCKET) {
                Result<Tcp> r = listener.accept();
                if (!r.isOk()) {
                    if (closed || "closed".equals(r.error())) {
                        return;
                    }
                    continue; // e.g. "Too many open files": keep serving the ones we have
                }
                c = Conn.of(r.value());
            } else {
                Result<FdAddress> r = mtcp.accept(fd);
                if (!r.isOk()) {
                    if (closed || r.error().equals("accept error: 9")) {
                        return;
                    }
                    continue;
                }
                c = Conn.of(mtcp, r.value().fd());
            }
            Thread th = new Thread(() -> {
                try {
                    handler.accept(c);
                } catch (Throwable e) {
                    failures.add(e);
                    c.close();
                }
            }, "server-conn");
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
    }

    /** Waits up to {@code millis} for every handler started so far to finish. */
    public void awaitHandlers(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            long left = deadline - System.currentTimeMillis();
            try {
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops accepting (handlers go on until their connections end). */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        } else {
            mtcp.close(fd);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
