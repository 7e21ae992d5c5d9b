package org.mtcp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline: raw NIO {@link SocketChannel}s (blocking mode for the streams, heap buffers as a Java
 * program passing byte arrays has them) and a {@link Selector} for select; or driven as a {@link Variant}.
 */
final class NioChannelSubject implements Subject.Selecting {
    static final String ID = "nio-channel";

    /** Where fresh bulk reads land, so the JIT cannot drop the arrays. */
    static volatile byte[] lastRead;

    private final Variant variant;

    NioChannelSubject() {
        this(Variant.PLAIN);
    }

    /**
     * A subject driven as {@code variant} says: {@link Variant#SELECTOR} makes every channel non-blocking
     * and waits in a Selector (and its bulk reads, like {@link Variant#FRESH}'s, each go to a new array).
     */
    NioChannelSubject(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String id() {
        return ID + variant.suffix;
    }

    /**
     * One channel's I/O: blocking calls, or non-blocking calls that wait in the channel's own Selector
     * (registered once, as a transport keeps its registrations).
     */
    private static final class Io implements AutoCloseable {
        final SocketChannel channel;
        final Selector selector;
        final SelectionKey key;

        Io(SocketChannel channel, Variant variant) throws IOException {
            this.channel = channel;
            if (variant == Variant.SELECTOR) {
                channel.configureBlocking(false);
                selector = Selector.open();
                key = channel.register(selector, 0);
            } else {
                selector = null;
                key = null;
            }
        }

        private void await(int ops) throws IOException {
            key.interestOps(ops);
            selector.select();
            selector.selectedKeys().clear();
        }

        /** Reads some bytes (at least one), or -1 at end of stream. */
        int read(ByteBuffer dst) throws IOException {
            int n;
            while ((n = channel.read(dst)) == 0 && selector != null) {
                await(SelectionKey.OP_READ);
            }
            return n;
        }

        /** Writes all that remains. */
        void writeAll(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                if (channel.write(src) == 0 && selector != null) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (selector != null) {
                selector.close();
            }
        }
    }

    private interface PeerLoop {
        void run(Io peer) throws Exception;
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static final class Pair implements AutoCloseable {
        final ServerSocketChannel server;
        final Io client;
        final Background peer;

        Pair(Variant variant, boolean nodelay, PeerLoop loop) throws Exception {
            server = ServerSocketChannel.open().bind(loopback(0));
            SocketChannel c = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            c.setOption(StandardSocketOptions.TCP_NODELAY, nodelay);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, nodelay);
            client = new Io(c, variant);
            Io a = new Io(accepted, variant);
            peer = Background.start("nio-peer", () -> {
                try (a) {
                    loop.run(a);
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
        ByteBuffer msg = ByteBuffer.wrap(Payloads.bytes(size));
        ByteBuffer in = ByteBuffer.allocate(size);
        Pair p = new Pair(variant, true, peer -> {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            while (peer.read(buf) > 0) {
                buf.flip();
                peer.writeAll(buf);
                buf.clear();
            }
        });
        return new RoundTrip() {
            @Override
            public void roundTrip() throws Exception {
                msg.clear();
                p.client.writeAll(msg);
                in.clear();
                while (in.hasRemaining()) {
                    if (p.client.read(in) < 0) {
                        throw new IllegalStateException("EOF");
                    }
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
        ByteBuffer data = ByteBuffer.wrap(Payloads.bytes(chunk));
        boolean fresh = variant != Variant.PLAIN;
        Pair p = new Pair(variant, false, peer -> {
            ByteBuffer buf = ByteBuffer.allocate(chunk);
            do {
                if (fresh) {
                    byte[] a = new byte[chunk];
                    lastRead = a;
                    buf = ByteBuffer.wrap(a);
                } else {
                    buf.clear();
                }
            } while (peer.read(buf) > 0);
        });
        return new Bulk() {
            @Override
            public void write() throws Exception {
                data.clear();
                p.client.writeAll(data);
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Connections connections() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open().bind(loopback(0));
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        if (variant != Variant.SELECTOR) {
            return new Connections() {
                @Override
                public void cycle() throws Exception {
                    SocketChannel client = SocketChannel.open(address);
                    SocketChannel accepted = server.accept();
                    accepted.close();
                    client.close();
                }

                @Override
                public void close() throws Exception {
                    server.close();
                }
            };
        }
        // Non-blocking connect and accept, each waiting in a Selector only when it has to.
        server.configureBlocking(false);
        Selector acceptor = Selector.open();
        server.register(acceptor, SelectionKey.OP_ACCEPT);
        Selector connector = Selector.open();
        return new Connections() {
            @Override
            public void cycle() throws Exception {
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                if (!client.connect(address) && !client.finishConnect()) {
                    SelectionKey k = client.register(connector, SelectionKey.OP_CONNECT);
                    while (!client.finishConnect()) {
                        connector.select();
                        connector.selectedKeys().clear();
                    }
                    k.cancel();
                }
                SocketChannel accepted;
                while ((accepted = server.accept()) == null) {
                    acceptor.select();
                    acceptor.selectedKeys().clear();
                }
                accepted.close();
                client.close();
            }

            @Override
            public void close() throws Exception {
                acceptor.close();
                connector.close();
                server.close();
            }
        };
    }

    @Override
    public Select select(int idle) throws Exception {
        IdlePeers peers = IdlePeers.start();
        Selector selector = Selector.open();
        List<SocketChannel> clients = new ArrayList<>(idle);
        for (int i = 0; i <= idle; i++) {
            SocketChannel c = SocketChannel.open(loopback(peers.port()));
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            clients.add(c);
        }
        if (selector.select(10_000) == 0) {
            throw new IllegalStateException("the ready connection never became readable");
        }
        selector.selectedKeys().clear();
        if (variant == Variant.SELECTOR) {
            // As a transport must serve select's fresh lists: the keys stay registered, and each call
            // states interest in every listed channel, selects without waiting, and withdraws it again.
            List<SelectionKey> keys = new ArrayList<>(selector.keys());
            for (SelectionKey k : keys) {
                k.interestOps(0);
            }
            return new Select() {
                @Override
                public int selectNow() throws Exception {
                    for (SelectionKey k : keys) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                    selector.selectNow();
                    int ready = selector.selectedKeys().size();
                    selector.selectedKeys().clear();
                    for (SelectionKey k : keys) {
                        k.interestOps(0);
                    }
                    return ready;
                }

                @Override
                public void close() throws Exception {
                    closeAll(selector, clients, peers);
                }
            };
        }
        return new Select() {
            @Override
            public int selectNow() throws Exception {
                // A selector reports a key that stays ready again only once its selected set is cleared.
                int n = selector.selectNow();
                int ready = selector.selectedKeys().size();
                selector.selectedKeys().clear();
                return n == 0 && ready == 0 ? 0 : ready;
            }

            @Override
            public void close() throws Exception {
                closeAll(selector, clients, peers);
            }
        };
    }

    private static void closeAll(Selector selector, List<SocketChannel> clients, IdlePeers peers) throws Exception {
        selector.close();
        for (SocketChannel c : clients) {
            c.close();
        }
        peers.close();
    }
}
