package org.mtcp.bench;

import java.util.ArrayList;
import java.util.List;
import org.mtcp.Result;
import org.mtcp.Transports;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Transport;

/**
 * The LuaSocket API ({@link LuaSocket}, {@link Tcp}) over one transport, used as a Lua program would:
 * {@code socket.bind}, {@code socket.connect}, {@code setoption("tcp-nodelay", true)}, {@code send},
 * {@code receive(n)}, {@code receive("*l")}, {@code socket.select}; blocking timeouts (the default).
 */
final class LuaSocketSubject implements Subject.LineReading, Subject.Selecting {
    private final String transportName;

    LuaSocketSubject(String transportName) {
        this.transportName = transportName;
    }

    @Override
    public String id() {
        return "luasocket:" + transportName;
    }

    static <T> T ok(Result<T> r) {
        if (!r.isOk()) {
            throw new IllegalStateException(r.error());
        }
        return r.value();
    }

    private interface PeerLoop {
        void run(Tcp peer);
    }

    /** A connected client and its accepted peer, which runs {@code loop} on a daemon thread. */
    private static final class Pair implements AutoCloseable {
        final Transport transport;
        final Tcp server;
        final Tcp client;
        final Background peer;

        Pair(String transportName, boolean nodelay, PeerLoop loop) {
            transport = Transports.require(transportName);
            LuaSocket socket = LuaSocket.on(transport);
            server = ok(socket.bind("127.0.0.1", 0));
            client = ok(socket.connect("127.0.0.1", ok(server.getsockname()).port()));
            Tcp accepted = ok(server.accept());
            if (nodelay) {
                ok(client.setoption("tcp-nodelay", true));
                ok(accepted.setoption("tcp-nodelay", true));
            }
            peer = Background.start("luasocket-peer", () -> {
                try {
                    loop.run(accepted);
                } finally {
                    accepted.close();
                }
            });
        }

        @Override
        public void close() throws Exception {
            client.close();
            peer.join();
            server.close();
            transport.close();
        }
    }

    @Override
    public RoundTrip roundTrip(int size) {
        byte[] msg = Payloads.bytes(size);
        Pair p = new Pair(transportName, true, peer -> {
            while (true) {
                Received r = peer.receive(size);
                if (!r.isOk() || !peer.send(r.data()).isOk()) {
                    return;
                }
            }
        });
        return new RoundTrip() {
            @Override
            public void roundTrip() {
                Sent s = p.client.send(msg);
                if (!s.isOk()) {
                    throw new IllegalStateException(s.error());
                }
                Received r = p.client.receive(size);
                if (!r.isOk()) {
                    throw new IllegalStateException(r.error());
                }
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Bulk bulk(int chunk) {
        byte[] data = Payloads.bytes(chunk);
        Pair p = new Pair(transportName, false, peer -> {
            while (peer.receive(chunk).isOk()) {
                // drain
            }
        });
        return new Bulk() {
            @Override
            public void write() {
                Sent s = p.client.send(data);
                if (!s.isOk()) {
                    throw new IllegalStateException(s.error());
                }
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Lines lines() {
        byte[] block = Payloads.lineBlock();
        // Here the accepted peer writes and the client reads.
        Pair p = new Pair(transportName, false, peer -> {
            while (peer.send(block).isOk()) {
                // keep the reader fed
            }
        });
        return new Lines() {
            @Override
            public int readLine() {
                Received r = p.client.receive("*l");
                if (!r.isOk()) {
                    throw new IllegalStateException(r.error());
                }
                return r.data().length;
            }

            @Override
            public void close() throws Exception {
                p.close();
            }
        };
    }

    @Override
    public Connections connections() {
        Transport transport = Transports.require(transportName);
        LuaSocket socket = LuaSocket.on(transport);
        Tcp server = ok(socket.bind("127.0.0.1", 0));
        int port = ok(server.getsockname()).port();
        return new Connections() {
            @Override
            public void cycle() {
                Tcp client = ok(socket.connect("127.0.0.1", port));
                Tcp accepted = ok(server.accept());
                accepted.close();
                client.close();
            }

            @Override
            public void close() throws Exception {
                server.close();
                transport.close();
            }
        };
    }

    @Override
    public Select select(int idle) throws Exception {
        Transport transport = Transports.require(transportName);
        LuaSocket socket = LuaSocket.on(transport).withSetSize(1 << 20);
        IdlePeers peers = IdlePeers.start();
        List<Tcp> clients = new ArrayList<>(idle);
        try {
            for (int i = 0; i <= idle; i++) {
                clients.add(ok(socket.connect("127.0.0.1", peers.port())));
            }
        } catch (RuntimeException e) {
            clients.forEach(Tcp::close);
            peers.close();
            throw e;
        }
        // The holder writes one byte on the first connection it accepts: wait until it has arrived.
        if (socket.select(clients, null, 10.0).readable().isEmpty()) {
            throw new IllegalStateException("the ready connection never became readable");
        }
        return new Select() {
            @Override
            public int selectNow() {
                SelectResult<Tcp> r = socket.select(clients, null, 0);
                return r.readable().size();
            }

            @Override
            public void close() throws Exception {
                clients.forEach(Tcp::close);
                peers.close();
                transport.close();
            }
        };
    }
}
