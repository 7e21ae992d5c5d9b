package org.mtcp.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Baseline: raw {@code java.net} sockets, as the blocking transport wraps them — blocking streams, one
 * thread per direction, no extra layer — plain or as a {@link Variant}. java.net has no select.
 */
final class JavaNetSubject implements Subject {
    static final String ID = "java.net";

    /** Where {@link Variant#FRESH} reads land, so the JIT cannot drop the arrays. */
    static volatile byte[] lastRead;

    private final Variant variant;

    JavaNetSubject() {
        this(Variant.PLAIN);
    }

    /** A subject driven as {@code variant} says: {@link Variant#TIMED} connects, {@link Variant#FRESH} reads. */
    JavaNetSubject(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String id() {
        return ID + variant.suffix;
    }

    /** A client connected to {@code port}: with a timeout for {@link Variant#TIMED}, as LuaSocket's connect. */
    private static Socket connect(Variant variant, int port) throws IOException {
        if (variant != Variant.TIMED) {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return s;
    }

    private interface PeerLoop {
        void run(Socket peer) throws Exception;
    }

    private static final class Pair implements AutoCloseable {
        final ServerSocket server;
        final Socket client;
        final Background peer;

        Pair(Variant variant, boolean nodelay, PeerLoop loop) throws Exception {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            client = connect(variant, server.getLocalPort());
            Socket accepted = server.accept();
            client.setTcpNoDelay(nodelay);
            accepted.setTcpNoDelay(nodelay);
            peer = Background.start("java.net-peer", () -> {
                try (accepted) {
                    loop.run(accepted);
                }
            });
        }

        @Override
        public void close() throws Exception {
            client.close();
            peer.join();
            server.close();
        }
    }

    @Override
    public RoundTrip roundTrip(int size) throws Exception {
        byte[] msg = Payloads.bytes(size);
        byte[] in = new byte[size];
        Pair p = new Pair(variant, true, peer -> {
            InputStream i = peer.getInputStream();
            OutputStream o = peer.getOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = i.read(buf)) > 0) {
                o.write(buf, 0, n);
            }
        });
        OutputStream out = p.client.getOutputStream();
        DataInputStream din = new DataInputStream(p.client.getInputStream());
        return new RoundTrip() {
            @Override
            public void roundTrip() throws Exception {
                out.write(msg);
                din.readFully(in);
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Bulk bulk(int chunk) throws Exception {
        byte[] data = Payloads.bytes(chunk);
        Pair p = new Pair(variant, false, peer -> {
            InputStream i = peer.getInputStream();
            if (variant == Variant.FRESH) {
                byte[] buf;
                do {
                    buf = new byte[chunk];
                    lastRead = buf;
                } while (i.read(buf) > 0);
                return;
            }
            byte[] buf = new byte[chunk];
            while (i.read(buf) > 0) {
                // drain
            }
        });
        OutputStream out = p.client.getOutputStream();
        return new Bulk() {
            @Override
            public void write() throws Exception {
                out.write(data);
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Connections connections() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        return new Connections() {
            @Override
            public void cycle() throws Exception {
                Socket client = connect(variant, port);
                Socket accepted = server.accept();
                accepted.close();
                client.close();
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }
}
