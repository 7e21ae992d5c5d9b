package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.luasocket.Tcp;
import org.mtcp.luasocket.Timeouts;
import org.mtcp.spi.TransportProvider;

/**
 * The state of one {@link LuaSocketStateProperties} chain: real LuaSocket objects over the transport under
 * test, each beside its model (class, what its socket is, timeouts as set), plus two targets for connect —
 * a java.net listener that never accepts (connections complete in its backlog and never see data) and a
 * closed port. The model is behaviour.md section (b): which class each method needs, how each call moves
 * the class, and what a closed or socketless object answers.
 */
final class LuaSocketWorld implements AutoCloseable {
    /** Worlds not closed yet: a chain that fails midway leaves its world here for the property to close. */
    static final Set<LuaSocketWorld> OPEN = ConcurrentHashMap.newKeySet();
    static final int MAX_OBJECTS = 4;

    /** What the model knows of an object's socket. */
    enum Sock {
        /** No descriptor: tcp() before bind/connect, or closed. */
        NONE,
        /** A socket, neither bound nor connected (tcp4()). */
        FRESH,
        /** Bound, not listening. */
        BOUND,
        /** Listening. */
        LISTENING,
        /** Connected to the silent listener. */
        CONNECTED,
        /** Anything else (after a refused or odd connect, a shutdown): only class rules are checked. */
        UNKNOWN
    }

    /** One object and its model. */
    static final class Obj {
        final Tcp tcp;
        final String name;
        Tcp.Kind kind = Tcp.Kind.MASTER;
        Sock sock;
        double block = -1;
        double total = -1;

        Obj(Tcp tcp, String name, Sock sock) {
            this.tcp = tcp;
            this.name = name;
            this.sock = sock;
        }

        @Override
        public String toString() {
            return name + "[" + kind.className() + ", " + sock + "]";
        }
    }

    final Fixture f;
    final List<Obj> objects = new ArrayList<>();
    private final ServerSocket silent;
    final int silentPort;
    final int closedPort;
    private int created;

    private LuaSocketWorld(TransportProvider provider) {
        f = Fixture.open(provider);
        try {
            silent = new ServerSocket();
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
            silentPort = silent.getLocalPort();
            try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = gone.getLocalPort();
            }
        } catch (IOException e) {
            f.close();
            throw new UncheckedIOException(e);
        }
        OPEN.add(this);
    }

    static LuaSocketWorld open(TransportProvider provider) {
        return new LuaSocketWorld(provider);
    }

    @Override
    public void close() {
        OPEN.remove(this);
        for (Obj o : objects) {
            o.tcp.close();
        }
        try {
            silent.close();
        } catch (IOException ignored) {
            // Best effort.
        }
        f.close();
    }

    @Override
    public String toString() {
        return objects.toString();
    }

    Obj pick(int index) {
        return objects.get(index % objects.size());
    }

    // ---- actions: each calls the real object, checks the result against the model, moves the model ----------

    void create(boolean withSocket) {
        String name = (withSocket ? "tcp4#" : "tcp#") + created++;
        Tcp t = withSocket ? Fixture.ok(f.socket.tcp4()) : f.socket.tcp();
        objects.add(new Obj(t, name, withSocket ? Sock.FRESH : Sock.NONE));
    }

    private static void raises(String expected, Obj o, String call, Runnable r) {
        LuaError e = assertThrows(LuaError.class, r::run, () -> o + ":" + call + " must raise " + expected);
        assertTrue(e.getMessage().contains(expected), () -> o + ":" + call + " raised " + e.getMessage()
                + ", expected " + expected);
    }

    void bind(Obj o) {
        if (o.kind != Tcp.Kind.MASTER) {
            raises("tcp{master} expected", o, "bind", () -> o.tcp.bind("127.0.0.1", 0));
            return;
        }
        Result<Integer> r = o.tcp.bind("127.0.0.1", 0);
        if (o.sock == Sock.BOUND) {
            assertEquals(Result.fail("Invalid argument"), r, o + ":bind again");
        } else {
            assertEquals(Result.ok(1), r, o + ":bind");
            o.sock = Sock.BOUND;
        }
    }

    void listen(Obj o) {
        if (o.kind != Tcp.Kind.MASTER) {
            raises("tcp{master} expected", o, "listen", () -> o.tcp.listen());
            return;
        }
        Result<Integer> r = o.tcp.listen();
        if (o.sock == Sock.NONE) {
            assertEquals(Result.fail("Bad file descriptor"), r, o + ":listen");
        } else {
            assertEquals(Result.ok(1), r, o + ":listen");
            o.kind = Tcp.Kind.SERVER;
            o.sock = Sock.LISTENING;
        }
    }

    void accept(Obj o) {
        if (o.kind != Tcp.Kind.SERVER) {
            raises("tcp{server} expected", o, "accept", () -> o.tcp.accept());
            return;
        }
        setBlock(o, 0);
        Result<String> r = o.tcp.accept().map(Tcp::className);
        // Nobody connects to the objects' servers: a live one times out at once, a closed one is "closed".
        assertEquals(Result.fail(o.sock == Sock.NONE ? "closed" : "timeout"), r, o + ":accept");
    }

    void connect(Obj o, boolean toSilent) {
        setBlock(o, 2);
        Result<Integer> r = o.tcp.connect("127.0.0.1", toSilent ? silentPort : closedPort);
        switch (o.sock) {
            case NONE:
            case FRESH:
            case BOUND:
                if (toSilent) {
                    assertEquals(Result.ok(1), r, o + ":connect");
                    o.sock = Sock.CONNECTED;
                } else {
                    assertEquals(Result.fail("connection refused"), r, o + ":connect to a closed port");
                    o.sock = Sock.UNKNOWN;
                }
                break;
            case CONNECTED:
                assertTrue(r.equals(Result.ok(1)) || r.equals(Result.fail("already connected")),
                        () -> o + ":connect again gave " + r);
                break;
            default:
                // After a refused connect or a shutdown the socket's state is the kernel's business.
                o.sock = Sock.UNKNOWN;
        }
        // connect turns any object into a client, whatever the outcome.
        o.kind = Tcp.Kind.CLIENT;
    }

    void send(Obj o) {
        if (o.kind != Tcp.Kind.CLIENT) {
            raises("tcp{client} expected", o, "send", () -> o.tcp.send("ab"));
            return;
        }
        setBlock(o, 1);
        var r = o.tcp.send("ab");
        if (o.sock == Sock.NONE) {
            assertEquals(org.mtcp.luasocket.Sent.fail("closed", 0), r, o + ":send");
        } else if (o.sock == Sock.CONNECTED) {
            assertEquals(org.mtcp.luasocket.Sent.ok(2), r, o + ":send");
        }
    }

    void receive(Obj o, Object pattern) {
        if (o.kind != Tcp.Kind.CLIENT) {
            raises("tcp{client} expected", o, "receive", () -> o.tcp.receive(pattern));
            return;
        }
        setBlock(o, 0);
        var r = o.tcp.receive(pattern);
        if (o.sock == Sock.NONE) {
            assertEquals(org.mtcp.luasocket.Received.fail("closed", new byte[0]), r, o + ":receive " + pattern);
        } else if (o.sock == Sock.CONNECTED) {
            // The silent listener never sends: with timeout 0 every pattern times out with nothing.
            assertEquals(org.mtcp.luasocket.Received.fail("timeout", new byte[0]), r, o + ":receive " + pattern);
        }
    }

    void shutdown(Obj o, String mode) {
        if (o.kind != Tcp.Kind.CLIENT) {
            raises("tcp{client} expected", o, "shutdown", () -> o.tcp.shutdown(mode));
            return;
        }
        if ("bogus".equals(mode)) {
            raises("invalid option 'bogus'", o, "shutdown", () -> o.tcp.shutdown(mode));
            return;
        }
        assertEquals(1, o.tcp.shutdown(mode), o + ":shutdown");
        if (o.sock == Sock.CONNECTED) {
            o.sock = Sock.UNKNOWN;
        }
    }

    void close(Obj o) {
        assertEquals(1, o.tcp.close(), o + ":close");
        o.sock = Sock.NONE;
    }

    void settimeout(Obj o, Double value, String mode) {
        if ("x".equals(mode)) {
            raises("invalid timeout mode", o, "settimeout", () -> o.tcp.settimeout(value, mode));
            return;
        }
        assertEquals(1, o.tcp.settimeout(value, mode), o + ":settimeout");
        double v = value == null ? -1 : value;
        if (mode == null || mode.startsWith("b")) {
            o.block = v;
        } else {
            o.total = v;
        }
    }

    void setoption(Obj o, String name, boolean value) {
        Result<Integer> r = o.tcp.setoption(name, value);
        if (o.sock == Sock.NONE) {
            assertEquals(Result.fail("setsockopt failed"), r, o + ":setoption " + name);
            assertEquals(Result.fail("getsockopt failed"), o.tcp.getoption(name), o + ":getoption " + name);
        } else if (o.sock != Sock.UNKNOWN) {
            assertEquals(Result.ok(1), r, o + ":setoption " + name);
            assertEquals(Result.ok(value), o.tcp.getoption(name), o + ":getoption " + name);
        }
    }

    /** Bounds the next call by a block limit alone (a total left by an earlier step would cut it short). */
    private static void setBlock(Obj o, double seconds) {
        o.tcp.settimeout(seconds, "b");
        o.tcp.settimeout(null, "t");
        o.block = seconds;
        o.total = -1;
    }

    /** What must hold for every object after every step. */
    void checkInvariants() {
        for (Obj o : objects) {
            assertEquals(o.kind.className(), o.tcp.className(), () -> o + ": class");
            assertEquals(o.sock == Sock.NONE, o.tcp.getfd() < 0, () -> o + ": getfd() = " + o.tcp.getfd());
            assertEquals(new Timeouts(o.block, o.total), o.tcp.gettimeout(), () -> o + ": gettimeout");
            if (o.sock == Sock.NONE) {
                assertEquals(Result.fail("Bad file descriptor"), o.tcp.getsockname().map(n -> n.ip()),
                        () -> o + ": getsockname without a descriptor");
            }
        }
    }
}
