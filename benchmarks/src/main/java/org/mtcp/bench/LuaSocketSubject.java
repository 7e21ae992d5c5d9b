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
 * {@code receive(n)}, {@code receive("*l")}, {@code socket.select}; blocking timeouts (the default), but for
 * the event loop, whose sockets have {@code settimeout(0)}.
 */
final class LuaSocketSubject implements Subject.LineReading, Subject.Selecting, Subject.EventLooping {
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

    /**
     * The event-loop bulk pattern of copas-style programs: both ends with {@code settimeout(0)} on one
     * thread; each round a {@code socket.select} over the receiver (and the sender while it has bytes
     * left), a {@code send(data, i)} of what the buffer takes and a {@code receive(65536)} of what has come
     * (its "timeout" partial included). The same loop as {@code lbench.lua loop} on C LuaSocket.
     */
    @Override
    public EventLoop eventLoop(int bytes) {
        Transport transport = Transports.require(transportName);
        LuaSocket socket = LuaSocket.on(transport);
        Tcp server = ok(socket.bind("127.0.0.1", 0));
        Tcp sender = ok(socket.connect("127.0.0.1", ok(server.getsockname()).port()));
        Tcp receiver = ok(server.accept());
        sender.settimeout(0);
        receiver.settimeout(0);
        byte[] data = Payloads.bytes(Payloads.CHUNK);
        List<Tcp> reading = List.of(receiver);
        List<Tcp> writing = List.of(sender);
        return new EventLoop() {
            @Override
            public void transfer() {
                long sent = 0;
                long got = 0;
                int at = 1; // the next byte of data to send, 1-based as send's i
                while (got < bytes) {
                    SelectResult<Tcp> r = socket.select(reading, sent < bytes ? writing : null, 1.0);
                    if (!r.writable().isEmpty()) {
                        long end = Math.min(data.length, at - 1 + (bytes - sent));
                        Sent s = sender.send(data, at, end);
                        long last = s.last();
                        if (!s.isOk() && !s.error().equals("timeout")) {
                            throw new IllegalStateException("send: " + s.error());
                        }
                        sent += last - at + 1;
                        at = last >= data.length ? 1 : (int) last + 1;
                    }
                    if (!r.readable().isEmpty()) {
                        Received in = receiver.receive(Payloads.CHUNK);
                        if (!in.isOk() && !in.error().equals("timeout")) {
                            throw new IllegalStateException("receive: " + in.error());
                        }
                        got += (in.isOk() ? in.data() : in.partial()).length;
                    }
                    if (r.timedOut()) {
                        throw new IllegalStateException("the event loop stalled: " + got + " of " + bytes + " bytes");
                    }
                }
            }

            @Override
            public void close() throws Exception {
                sender.close();
                receiver.close();
                server.close();
                transport.close();
            }
        };
    }
}
