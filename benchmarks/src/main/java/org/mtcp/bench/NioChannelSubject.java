package org.mtcp.bench;

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
 * program passing byte arrays has them) and a {@link Selector} for select.
 */
final class NioChannelSubject implements Subject.Selecting {
    static final String ID = "nio-channel";

    private final Steps steps;

    NioChannelSubject() {
        this(Steps.WHOLE);
    }

    /** A subject whose bulk workload reads and writes in {@code steps}' sizes. */
    NioChannelSubject(Steps steps) {
        this.steps = steps;
    }

    @Override
    public String id() {
        return ID + steps.suffix;
    }

    private interface PeerLoop {
        void run(SocketChannel peer) throws Exception;
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static final class Pair implements AutoCloseable {
        final ServerSocketChannel server;
        final SocketChannel client;
        final Background peer;

        Pair(boolean nodelay, PeerLoop loop) throws Exception {
            server = ServerSocketChannel.open().bind(loopback(0));
            client = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            client.setOption(StandardSocketOptions.TCP_NODELAY, nodelay);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, nodelay);
            peer = Background.start("nio-peer", () -> {
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
        ByteBuffer msg = ByteBuffer.wrap(Payloads.bytes(size));
        ByteBuffer in = ByteBuffer.allocate(size);
        Pair p = new Pair(true, peer -> {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            while (peer.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    peer.write(buf);
                }
                buf.clear();
            }
        });
        return new RoundTrip() {
            @Override
            public void roundTrip() throws Exception {
                msg.clear();
                while (msg.hasRemaining()) {
                    p.client.write(msg);
                }
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
        Pair p = new Pair(false, peer -> {
            ByteBuffer buf = ByteBuffer.allocate(steps.read);
            while (peer.read(buf) > 0) {
                buf.clear();
            }
        });
        int step = Math.min(steps.write, chunk);
        return new Bulk() {
            @Override
            public void write() throws Exception {
                for (int off = 0; off < chunk; off += step) {
                    data.limit(Math.min(off + step, chunk)).position(off);
                    while (data.hasRemaining()) {
                        p.client.write(data);
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
    public Connections connections() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open().bind(loopback(0));
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
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
                selector.close();
                for (SocketChannel c : clients) {
                    c.close();
                }
                peers.close();
            }
        };
    }
}
