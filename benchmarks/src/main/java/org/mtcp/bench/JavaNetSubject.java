package org.mtcp.bench;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Baseline: raw {@code java.net} sockets, as the blocking transport wraps them — blocking streams, one
 * thread per direction, no extra layer. java.net has no select.
 */
final class JavaNetSubject implements Subject {
    static final String ID = "java.net";

    private final Steps steps;

    JavaNetSubject() {
        this(Steps.WHOLE);
    }

    /** A subject whose bulk workload reads and writes in {@code steps}' sizes. */
    JavaNetSubject(Steps steps) {
        this.steps = steps;
    }

    @Override
    public String id() {
        return ID + steps.suffix;
    }

    private interface PeerLoop {
        void run(Socket peer) throws Exception;
    }

    private static final class Pair implements AutoCloseable {
        final ServerSocket server;
        final Socket client;
        final Background peer;

        Pair(boolean nodelay, PeerLoop loop) throws Exception {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
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
        Pair p = new Pair(true, peer -> {
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
        Pair p = new Pair(false, peer -> {
            InputStream i = peer.getInputStream();
            byte[] buf = new byte[steps.read];
            while (i.read(buf) > 0) {
                // drain
            }
        });
        OutputStream out = p.client.getOutputStream();
        int step = Math.min(steps.write, chunk);
        return new Bulk() {
            @Override
            public void write() throws Exception {
                for (int off = 0; off < chunk; off += step) {
                    out.write(data, off, Math.min(step, chunk - off));
                }
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Connections connections() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 50, lo);
        int port = server.getLocalPort();
        return new Connections() {
            @Override
            public void cycle() throws Exception {
                Socket client = new Socket(lo, port);
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
