package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.mtcp.Result;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.TransportProvider;

/**
 * The state of one event-loop chain ({@link EventLoopProperties}): a LuaSocket listener on the server
 * transport and connections to it from the client transport, every object with {@code settimeout(0)}, each
 * beside a model of what a kernel socket does with them:
 * <ul>
 *   <li>a listener is readable exactly while a connection is pending, and accept hands them out in order;</li>
 *   <li>an end is readable exactly while bytes its peer sent are unread or its peer shut down or closed
 *       (EOF); bytes come out in order, none lost, none twice;</li>
 *   <li>a send is accepted while buffer space exists: with fewer than {@link #EAGER_BYTES} unread in that
 *       direction, everything at once (a loopback socket's buffers hold far more), and the end is
 *       writable;</li>
 *   <li>after the peer's shutdown or close, the data still arrives, then "closed"; a send after one's own
 *       shutdown("send") fails with "closed".</li>
 * </ul>
 * Bytes a transport accepted may take a moment to arrive (a java.net writer thread, a cross-transport
 * pair), so a non-blocking receive may return less than the model holds, never anything else; readiness is
 * checked after the data has had its moment (a select that must see each expected socket within 2 s).
 */
final class EventLoopWorld implements AutoCloseable {
    /** Worlds not closed yet: a chain that fails midway leaves its world here for the property to close. */
    static final Set<EventLoopWorld> OPEN = ConcurrentHashMap.newKeySet();
    /** Most connections a chain opens. */
    static final int MAX_CONNECTIONS = 4;
    /** Below this many unread bytes in a direction, a send must take all it is given at once. */
    static final int EAGER_BYTES = 16 * 1024;
    /** How long the model lets accepted bytes take to arrive. */
    static final double ARRIVAL_SECONDS = 2.0;

    /** One end of a connection and its model. */
    static final class End {
        final String name;
        /** The fixture whose transport holds this end (selects are per transport). */
        final Fixture side;
        Tcp tcp;
        /** A client's local port, which its accepted peer reports as its peer's. */
        int port;
        End peer;
        /** Bytes the peer's sends accepted that this end has not received yet, in order. */
        final Deque<Byte> inbound = new ArrayDeque<>();
        /** The peer shut down its sending side or closed: EOF after {@link #inbound}. */
        boolean peerDone;
        /** This end shut down its sending side. */
        boolean sendShut;
        boolean closed;

        End(String name, Fixture side) {
            this.name = name;
            this.side = side;
        }

        boolean open() {
            return tcp != null && !closed;
        }

        /** Readable for a kernel socket: unread bytes, or EOF. */
        boolean readable() {
            return !inbound.isEmpty() || peerDone;
        }

        @Override
        public String toString() {
            return name + "[" + inbound.size() + " unread" + (peerDone ? ", peer done" : "")
                    + (sendShut ? ", send shut" : "") + (closed ? ", closed" : "") + "]";
        }
    }

    final Fixture server;
    final Fixture client;
    final Tcp listener;
    final int port;
    /** Every end ever made: clients and their accepted peers (null until accepted), by connection. */
    final List<End> ends = new ArrayList<>();
    /** Client ends whose connection the listener has not handed out yet, oldest first. */
    final Deque<End> pending = new ArrayDeque<>();
    private final Random random = new Random(14);
    private int connections;

    private EventLoopWorld(TransportProvider serverSide, TransportProvider clientSide) {
        server = Fixture.open(serverSide);
        client = serverSide == clientSide ? server : Fixture.open(clientSide);
        listener = server.server();
        listener.settimeout(0);
        port = Fixture.port(listener);
    }

    /** A world with the listener on {@code serverSide} and clients on {@code clientSide}. */
    static EventLoopWorld open(TransportProvider serverSide, TransportProvider clientSide) {
        EventLoopWorld w = new EventLoopWorld(serverSide, clientSide);
        OPEN.add(w);
        return w;
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            if (client != server) {
                client.close();
            }
        } finally {
            server.close();
        }
    }

    @Override
    public String toString() {
        return server.provider.name() + " server, " + client.provider.name() + " clients: " + ends;
    }

    /** The open ends, in the order they were made (accepted ends once accepted). */
    List<End> openEnds() {
        return ends.stream().filter(End::open).collect(Collectors.toList());
    }

    /** The open end at {@code index} modulo their number, or null when none is open. */
    End pick(int index) {
        List<End> open = openEnds();
        return open.isEmpty() ? null : open.get(Math.floorMod(index, open.size()));
    }

    // ---- actions -----------------------------------------------------------------------------------

    /** socket.connect from the client transport; the connection waits in the listener's queue. */
    void connect() {
        if (connections >= MAX_CONNECTIONS) {
            return;
        }
        int n = ++connections;
        End c = new End("c" + n, client);
        End s = new End("s" + n, server);
        c.peer = s;
        s.peer = c;
        Result<Tcp> r = client.socket.connect("127.0.0.1", port);
        c.tcp = client.track(Fixture.ok(r));
        c.tcp.settimeout(0);
        c.port = Fixture.port(c.tcp);
        ends.add(c);
        ends.add(s);
        pending.add(c);
    }

    /**
     * accept() with a zero timeout: the oldest pending connection (its peer address is that client's),
     * or "timeout" when none is pending. A connection the client's connect saw complete may reach the
     * listener's queue a moment later on a transport that completes handshakes itself; then the listener
     * must turn readable within {@link #ARRIVAL_SECONDS} and accept must succeed.
     */
    void accept() {
        Result<Tcp> r = listener.accept();
        if (pending.isEmpty()) {
            assertEquals(Result.fail("timeout"), r.map(Tcp::className), "accept with nothing pending");
            return;
        }
        if (!r.isOk()) {
            assertEquals("timeout", r.error(), "accept with a connection pending");
            SelectResult<Tcp> ready = server.socket.select(List.of(listener), null, ARRIVAL_SECONDS);
            assertEquals(List.of(listener), ready.readable(),
                    "a listener with a connection pending must turn readable");
            Result<Tcp> late = listener.accept();
            assertTrue(late.isOk(), () -> "accept after the listener was readable: " + late);
            r = late;
        }
        End c = pending.poll();
        End s = c.peer;
        s.tcp = server.track(r.value());
        s.tcp.settimeout(0);
        if (!c.closed) { // after the client's close, the accepted socket may already have no peer name
            assertEquals(c.port, Fixture.ok(s.tcp.getpeername()).port(),
                    "accept hands out pending connections in the order they came");
        }
    }

    /** send() of {@code size} random bytes: all at once below {@link #EAGER_BYTES} unread, else a prefix. */
    void send(End e, int size) {
        if (e == null || e.peer.closed) {
            return; // a send to a closed peer may reset the connection; that is not modelled
        }
        byte[] data = Bytes.random(random, size);
        Sent r = e.tcp.send(data);
        if (e.sendShut) {
            assertEquals(Sent.fail("closed", 0), r, e + ": send after shutdown(\"send\")");
            return;
        }
        int unread = e.peer.inbound.size();
        if (unread + size <= EAGER_BYTES) {
            assertEquals(Sent.ok(size), r, () -> e + ": a send of " + size + " bytes with " + unread
                    + " unread by the peer must be taken at once, as a kernel socket's buffer takes it");
        } else if (!r.isOk()) {
            assertEquals("timeout", r.error(), e + ": a send that did not fit");
        }
        long taken = r.last();
        assertTrue(taken >= 0 && taken <= size, e + ": send reported " + taken + " of " + size);
        for (int k = 0; k < taken; k++) {
            e.peer.inbound.add(data[k]);
        }
    }

    /** receive(n): a prefix of what the peer sent, in order; "closed" only once everything came. */
    void receive(End e, int n) {
        if (e == null) {
            return;
        }
        Received r = e.tcp.receive(n);
        byte[] got = r.isOk() ? r.data() : r.partial();
        assertNotNull(got, () -> e + ": receive(" + n + ") gave " + r);
        expectPrefix(e, got, "receive(" + n + ")");
        if (r.isOk()) {
            assertEquals(n, got.length, e + ": receive(" + n + ") succeeded with another count");
            return;
        }
        assertTrue(got.length < n, e + ": a failed receive(" + n + ") with " + got.length + " bytes");
        if (r.error().equals("closed")) {
            assertTrue(e.peerDone, () -> e + ": receive said \"closed\" though the peer is still open");
            assertTrue(e.inbound.isEmpty(), () -> e + ": \"closed\" with " + e.inbound.size()
                    + " bytes the peer sent still missing (lost)");
        } else {
            assertEquals("timeout", r.error(), e + ": receive(" + n + ")");
        }
    }

    /**
     * receive("*a") after the peer is done: what the peer sent, up to EOF, once it has arrived ("closed"
     * when nothing was left, as C's {@code recvall}); with data still on its way, "timeout" and a prefix.
     */
    void receiveAll(End e) {
        if (e == null || !e.peerDone) {
            return;
        }
        for (int round = 0; ; round++) {
            Received r = e.tcp.receive("*a");
            byte[] got = r.isOk() ? r.data() : r.partial();
            expectPrefix(e, got, "receive(\"*a\")");
            if (r.isOk() || r.error().equals("closed")) {
                // As C's recvall: the rest up to EOF, or "closed" when nothing was left to return.
                assertTrue(e.inbound.isEmpty(), () -> e + ": receive(\"*a\") gave " + r + " before the end of the data");
                assertEquals(r.isOk(), got.length > 0, () -> e + ": receive(\"*a\") at EOF gave " + r);
                return;
            }
            assertEquals("timeout", r.error(), () -> e + ": receive(\"*a\") after the peer's shutdown gave " + r);
            assertTrue(round < 20, () -> e + ": receive(\"*a\") did not reach the end of the data");
            SelectResult<Tcp> ready = e.side.socket.select(List.of(e.tcp), null, ARRIVAL_SECONDS);
            assertEquals(List.of(e.tcp), ready.readable(), () -> e + ": not readable although its peer is done");
        }
    }

    /** shutdown("send"): the peer reads EOF after the data. */
    void shutdownSend(End e) {
        if (e == null || e.sendShut) {
            return;
        }
        assertEquals(1, e.tcp.shutdown("send"));
        e.sendShut = true;
        e.peer.peerDone = true;
    }

    /** close() of an end with nothing unread (closing with unread data resets: not modelled). */
    void close(End e) {
        if (e == null || !e.inbound.isEmpty()) {
            return;
        }
        assertEquals(1, e.tcp.close());
        e.closed = true;
        e.peer.peerDone = true;
    }

    /**
     * socket.select on one transport ({@code serverSide}: the listener's, else the clients') over the open
     * ends there chosen by the bit masks (bit k: the k-th open end of that side) and, on the server side,
     * the listener: never a socket that is not ready; each ready one within {@link #ARRIVAL_SECONDS}; then,
     * at once, exactly the ready ones; the writable set always includes every end with room to send (and,
     * with nothing ready, "timeout").
     */
    void select(boolean serverSide, int readMask, int writeMask, boolean withListener) {
        Fixture side = serverSide ? server : client;
        List<End> here = openEnds().stream().filter(e -> e.side == side).collect(Collectors.toList());
        List<End> read = new ArrayList<>();
        List<End> write = new ArrayList<>();
        for (int k = 0; k < here.size(); k++) {
            if ((readMask >> k & 1) != 0) {
                read.add(here.get(k));
            }
            if ((writeMask >> k & 1) != 0) {
                write.add(here.get(k));
            }
        }
        select(side, read, serverSide && withListener, write);
    }

    private void select(Fixture side, List<End> read, boolean withListener, List<End> write) {
        List<Tcp> recvt = new ArrayList<>();
        Set<Tcp> expectRead = new LinkedHashSet<>();
        if (withListener) {
            recvt.add(listener);
            if (!pending.isEmpty()) {
                expectRead.add(listener);
            }
        }
        for (End e : read) {
            recvt.add(e.tcp);
            if (e.readable()) {
                expectRead.add(e.tcp);
            }
        }
        List<Tcp> sendt = new ArrayList<>();
        Set<Tcp> expectWrite = new LinkedHashSet<>();
        for (End e : write) {
            sendt.add(e.tcp);
            if (e.peer.inbound.size() < EAGER_BYTES) {
                expectWrite.add(e.tcp);
            }
        }
        String what = side.provider.name() + " select(" + names(read, withListener) + ", " + names(write, false) + ")";
        if (expectRead.isEmpty()) {
            SelectResult<Tcp> r = side.socket.select(recvt, sendt, 0);
            assertEquals(List.of(), r.readable(), () -> what + ": readable without data, EOF or connection: " + this);
            checkWritable(what, r, sendt, expectWrite);
            if (r.writable().isEmpty()) {
                assertEquals("timeout", r.error(), what);
            }
            return;
        }
        SelectResult<Tcp> first = side.socket.select(recvt, sendt, ARRIVAL_SECONDS);
        assertTrue(expectRead.containsAll(first.readable()), () -> what + " reported " + first.readable()
                + " readable; ready are only " + expectRead + ": " + this);
        checkWritable(what, first, sendt, expectWrite);
        for (Tcp t : expectRead) {
            if (!first.readable().contains(t)) {
                SelectResult<Tcp> one = side.socket.select(List.of(t), null, ARRIVAL_SECONDS);
                assertEquals(List.of(t), one.readable(), () -> what + ": " + t + " never turned readable: " + this);
            }
        }
        SelectResult<Tcp> now = side.socket.select(recvt, sendt, 0);
        assertEquals(expectRead, new LinkedHashSet<>(now.readable()),
                () -> what + ": once everything arrived, exactly the ready sockets: " + this);
        checkWritable(what, now, sendt, expectWrite);
    }

    private static void checkWritable(String what, SelectResult<Tcp> r, List<Tcp> sendt, Set<Tcp> expect) {
        assertTrue(sendt.containsAll(r.writable()), what + ": writable outside the write set");
        assertTrue(r.writable().containsAll(expect), () -> what + ": " + expect + " have room to send, yet only "
                + r.writable() + " are writable");
    }

    /** At the end of a chain: every byte every open end's peer sent arrives, in order (nothing lost). */
    void drain() {
        for (End e : openEnds()) {
            for (int round = 0; !e.inbound.isEmpty(); round++) {
                assertTrue(round < 50, () -> e + ": its peer's bytes never all arrived (lost): " + this);
                SelectResult<Tcp> ready = e.side.socket.select(List.of(e.tcp), null, ARRIVAL_SECONDS);
                assertEquals(List.of(e.tcp), ready.readable(), () -> e + ": bytes unread, yet not readable");
                receive(e, e.inbound.size());
            }
        }
    }

    private static void expectPrefix(End e, byte[] got, String call) {
        if (got.length > e.inbound.size()) {
            fail(e + ": " + call + " returned " + got.length + " bytes, more than the peer sent");
        }
        byte[] expected = new byte[got.length];
        int k = 0;
        for (Byte b : e.inbound) {
            if (k == got.length) {
                break;
            }
            expected[k++] = b;
        }
        if (!Arrays.equals(expected, got)) {
            assertArrayEquals(expected, got, e + ": " + call + " returned bytes out of order or altered");
        }
        for (int i = 0; i < got.length; i++) {
            e.inbound.poll();
        }
    }

    private static String names(List<End> ends, boolean withListener) {
        List<String> n = new ArrayList<>();
        if (withListener) {
            n.add("listener");
        }
        for (End e : ends) {
            n.add(e.name);
        }
        return "{" + String.join(",", n) + "}";
    }
}
