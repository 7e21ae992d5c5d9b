package org.mtcp.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scripted peer on plain java.net sockets, independent of the transport under test: it listens on
 * loopback, accepts one connection and runs a script on it in its own daemon thread. Every wait is bounded.
 */
public final class Peer implements AutoCloseable {
    /** A script step that may fail with I/O errors. */
    @FunctionalInterface
    public interface Script {
        void run(Socket s) throws Exception;
    }

    private final ServerSocket server;
    private volatile Socket accepted;
    private CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    private Peer(ServerSocket server) {
        this.server = server;
    }

    /** A peer listening on {@code host} (e.g. "127.0.0.1" or "::1") with an ephemeral port. */
    public static Peer listen(String host) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0), 50);
            s.setSoTimeout(10_000);
            return new Peer(s);
        } catch (IOException e) {
            throw new IllegalStateException("peer cannot listen on " + host, e);
        }
    }

    /** The port the peer listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** The port as a service string. */
    public String service() {
        return Integer.toString(port());
    }

    /** Accepts one connection in the background and runs {@code script} on it; the socket is closed after. */
    public Peer serve(Script script) {
        done = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                accepted = s;
                s.setSoTimeout(15_000);
                script.run(s);
            } catch (Exception e) {
                throw new IllegalStateException("peer script failed", e);
            }
        }, r -> {
            Thread t = new Thread(r, "mtcp-conformance-peer");
            t.setDaemon(true);
            t.start();
        });
        return this;
    }

    /** Waits for the script to finish (at most 20 s) and rethrows its failure. */
    public void await() {
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("peer script failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("peer script did not finish in 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    @Override
    public void close() {
        try {
            Socket s = accepted;
            if (s != null) {
                s.close();
            }
            server.close();
        } catch (IOException ignored) {
            // Test teardown: nothing useful to do.
        }
    }

    // ---- script helpers ------------------------------------------------------------------------------

    /** Writes bytes and flushes. */
    public static void send(Socket s, byte[] data) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(data);
        out.flush();
    }

    /** Writes an ISO-8859-1 string. */
    public static void send(Socket s, String data) throws IOException {
        send(s, Bytes.of(data));
    }

    /** Reads exactly {@code n} bytes (or fails at end of stream). */
    public static byte[] readExactly(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        if (b.length != n) {
            throw new IOException("peer got " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Reads until end of stream. */
    public static byte[] readAll(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return in.readAllBytes();
    }

    /** Resets the connection (RST instead of FIN). */
    public static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    /** Sleeps without throwing. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
