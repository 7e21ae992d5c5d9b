package org.mtcp.bench;

import org.mtcp.Result;
import org.mtcp.Transports;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * The mtcp API ({@link Mtcp}) over one transport. mtcp itself has no setsockopt, so TCP_NODELAY is set
 * through the same transport's primitive; everything else is mtcp's own calls (bind, accept, connect,
 * read in 1024-byte chunks, write until done, close). mtcp has neither line reading nor select; its event
 * loop is the read with a poll wait.
 */
final class MtcpSubject implements Subject.EventLooping {
    private final String transportName;

    MtcpSubject(String transportName) {
        this.transportName = transportName;
    }

    @Override
    public String id() {
        return "mtcp:" + transportName;
    }

    /** A listening socket and a connected client, with the accepted end handed to {@code serve}. */
    private static final class Pair implements AutoCloseable {
        final Transport transport;
        final Mtcp mtcp;
        final int server;
        final int client;
        final Background peer;

        Pair(String transportName, boolean nodelay, PeerLoop loop) throws Exception {
            transport = Transports.require(transportName);
            mtcp = Mtcp.on(transport);
            server = ok(mtcp.bind("127.0.0.1", "0")).fd();
            int port = Payloads.port(ok(mtcp.getsockname(server)));
            client = ok(mtcp.connect("127.0.0.1", Integer.toString(port))).fd();
            int accepted = ok(mtcp.accept(server)).fd();
            if (nodelay) {
                transport.setOption(client, SocketOption.TCP_NODELAY, true);
                transport.setOption(accepted, SocketOption.TCP_NODELAY, true);
            }
            peer = Background.start("mtcp-peer", () -> {
                try {
                    loop.run(mtcp, accepted);
                } finally {
                    mtcp.close(accepted);
                }
            });
        }

        @Override
        public void close() throws Exception {
            mtcp.close(client);
            peer.join();
            mtcp.close(server);
            transport.close();
        }
    }

    private interface PeerLoop {
        void run(Mtcp mtcp, int fd) throws Exception;
    }

    static <T> T ok(Result<T> r) {
        if (!r.isOk()) {
            throw new IllegalStateException(r.error());
        }
        return r.value();
    }

    @Override
    public RoundTrip roundTrip(int size) throws Exception {
        byte[] msg = Payloads.bytes(size);
        Pair p = new Pair(transportName, true, (mtcp, fd) -> {
            while (true) {
                Result<byte[]> r = mtcp.read(fd, Mtcp.BUFSIZE, -1);
                if (!r.isOk() || r.value().length == 0 || !mtcp.write(fd, r.value()).isOk()) {
                    return;
                }
            }
        });
        return new RoundTrip() {
            @Override
            public void roundTrip() {
                ok(p.mtcp.write(p.client, msg));
                int got = 0;
                while (got < size) {
                    byte[] b = ok(p.mtcp.read(p.client, size - got, -1));
                    if (b.length == 0) {
                        throw new IllegalStateException("EOF");
                    }
                    got += b.length;
                }
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
        Pair p = new Pair(transportName, false, (mtcp, fd) -> {
            while (true) {
                Result<byte[]> r = mtcp.read(fd, chunk, -1);
                if (!r.isOk() || r.value().length == 0) {
                    return;
                }
            }
        });
        return new Bulk() {
            @Override
            public void write() {
                ok(p.mtcp.write(p.client, data));
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Connections connections() throws Exception {
        Transport transport = Transports.require(transportName);
        Mtcp mtcp = Mtcp.on(transport);
        int server = ok(mtcp.bind("127.0.0.1", "0")).fd();
        String port = Integer.toString(Payloads.port(ok(mtcp.getsockname(server))));
        return new Connections() {
            @Override
            public void cycle() {
                int client = ok(mtcp.connect("127.0.0.1", port)).fd();
                int accepted = ok(mtcp.accept(server)).fd();
                ok(mtcp.close(accepted));
                ok(mtcp.close(client));
            }

            @Override
            public void close() throws Exception {
                mtcp.close(server);
                transport.close();
            }
        };
    }

    /**
     * The event-loop bulk pattern in mtcp's terms, both ends on one thread: mtcp has no select and its
     * write sends everything, so each round writes one 64 KiB chunk and then reads it back in with
     * {@code read(fd, rest, timeout)}, whose poll is the wait.
     */
    @Override
    public EventLoop eventLoop(int bytes) throws Exception {
        Transport transport = Transports.require(transportName);
        Mtcp mtcp = Mtcp.on(transport);
        int server = ok(mtcp.bind("127.0.0.1", "0")).fd();
        int sender = ok(mtcp.connect("127.0.0.1", Integer.toString(Payloads.port(ok(mtcp.getsockname(server)))))).fd();
        int receiver = ok(mtcp.accept(server)).fd();
        byte[] data = Payloads.bytes(Payloads.CHUNK);
        return new EventLoop() {
            @Override
            public void transfer() {
                for (long moved = 0; moved < bytes; ) {
                    int chunk = (int) Math.min(data.length, bytes - moved);
                    ok(mtcp.write(sender, data, 1, chunk));
                    for (int got = 0; got < chunk; ) {
                        byte[] in = ok(mtcp.read(receiver, chunk - got, 1000));
                        if (in.length == 0) {
                            throw new IllegalStateException("EOF");
                        }
                        got += in.length;
                    }
                    moved += chunk;
                }
            }

            @Override
            public void close() throws Exception {
                mtcp.close(sender);
                mtcp.close(receiver);
                mtcp.close(server);
                transport.close();
            }
        };
    }
}
