package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * Event loops written for C LuaSocket, as a new user writes them: every socket with {@code settimeout(0)},
 * {@code socket.select} deciding who is served (checklist items E1–E4). Each is a program seen to behave
 * differently from C on some transport.
 */
public interface EventLoopContract extends TransportConformance {

    /** How long a loop may run before the test gives up on it. */
    double LOOP_SECONDS = 10;

    @Test
    default void E1_selectDrivenEchoLoopLosesNoReply(Fixture f) {
        Tcp listener = f.server();
        listener.settimeout(0);
        int port = Fixture.port(listener);
        Random random = new Random(1);
        int clients = 4;
        int messages = 8;
        List<Tcp> cs = new ArrayList<>();
        Map<Tcp, ByteArrayOutputStream> expected = new HashMap<>();
        Map<Tcp, ByteArrayOutputStream> echoed = new HashMap<>();
        for (int i = 0; i < clients; i++) {
            Tcp c = f.track(ok(f.socket.connect("127.0.0.1", port)));
            c.settimeout(0);
            cs.add(c);
            expected.put(c, new ByteArrayOutputStream());
            echoed.put(c, new ByteArrayOutputStream());
        }
        List<Tcp> served = new ArrayList<>();
        int sent = 0;
        long end = System.nanoTime() + (long) (LOOP_SECONDS * 1e9);
        while (!allEchoed(expected, echoed, clients * messages, sent)) {
            assertTrue(System.nanoTime() - end < 0, () -> "echo loop unfinished: " + progress(expected, echoed));
            // The clients' part of the loop: each sends its next message (small: the buffers are empty).
            if (sent < clients * messages) {
                Tcp c = cs.get(sent % clients);
                byte[] msg = Bytes.random(random, 1 + random.nextInt(1500));
                assertEquals(Sent.ok(msg.length), c.send(msg), "a client's send on an idle connection");
                expected.get(c).writeBytes(msg);
                sent++;
            }
            List<Tcp> watch = new ArrayList<>(served);
            watch.add(listener);
            watch.addAll(cs);
            SelectResult<Tcp> r = f.socket.select(watch, null, 0.5);
            for (Tcp t : r.readable()) {
                if (t == listener) {
                    Tcp s = f.track(ok(listener.accept()));
                    s.settimeout(0);
                    served.add(s);
                    continue;
                }
                Received got = t.receive(8192);
                byte[] data = got.isOk() ? got.data() : got.partial();
                if (cs.contains(t)) {
                    echoed.get(t).writeBytes(data);
                } else if (data.length > 0) {
                    // The naive server of most examples: one send, no queue; C sends it all at once here.
                    assertEquals(Sent.ok(data.length), t.send(data), "the server's echo of " + data.length + " bytes");
                }
            }
        }
        for (Tcp c : cs) {
            assertArrayEquals(expected.get(c).toByteArray(), echoed.get(c).toByteArray(), "every reply, in order");
        }
    }

    private static boolean allEchoed(Map<Tcp, ByteArrayOutputStream> expected, Map<Tcp, ByteArrayOutputStream> echoed,
            int total, int sent) {
        if (sent < total) {
            return false;
        }
        for (Map.Entry<Tcp, ByteArrayOutputStream> e : expected.entrySet()) {
            if (echoed.get(e.getKey()).size() < e.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    private static String progress(Map<Tcp, ByteArrayOutputStream> expected, Map<Tcp, ByteArrayOutputStream> echoed) {
        StringBuilder sb = new StringBuilder();
        expected.forEach((c, e) -> sb.append(echoed.get(c).size()).append('/').append(e.size()).append(" bytes; "));
        return sb.toString();
    }

    @Test
    default void E2_backToBackSendsOnAnIdleSocketBothSendAtOnce(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp a = p.accepted();
        a.settimeout(0);
        assertEquals(Sent.ok(5), a.send("hello"), "the first send on an empty send buffer");
        assertEquals(Sent.ok(5), a.send("world"), "the second one right after: the buffer has room, so it sends");
        Tcp c = p.client();
        c.settimeout(0);
        assertEquals(Sent.ok(3), c.send("abc"));
        assertEquals(Sent.ok(3), c.send("def"));
        c.settimeout(5);
        a.settimeout(5);
        assertEquals("helloworld", c.receive(10).string());
        assertEquals("abcdef", a.receive(6).string());
    }

    @Test
    default void E3_selectReportsAPendingConnectionAndEveryReadableSocket(Fixture f) {
        Tcp listener = f.server();
        listener.settimeout(0);
        int port = Fixture.port(listener);
        List<Tcp> clients = new ArrayList<>();
        List<Tcp> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(f.track(ok(f.socket.connect("127.0.0.1", port))));
            listener.settimeout(5);
            accepted.add(f.track(ok(listener.accept())));
            listener.settimeout(0);
        }
        f.track(ok(f.socket.connect("127.0.0.1", port))); // pending: never accepted
        clients.get(0).send("x");
        clients.get(2).send("z");
        clients.get(1).shutdown("send"); // EOF is readable too
        List<Tcp> watch = List.of(accepted.get(0), listener, accepted.get(1), accepted.get(2));
        Set<Tcp> ready = Set.of(listener, accepted.get(0), accepted.get(1), accepted.get(2));
        // The sends, the shutdown and the connect have returned: the kernel holds all of it already.
        SelectResult<Tcp> r = f.socket.select(watch, null, 0);
        assertEquals(ready, new HashSet<>(r.readable()), "one select over all of them reports every ready one");
        for (Tcp t : ready) {
            SelectResult<Tcp> one = f.socket.select(List.of(t), null, 5);
            assertEquals(List.of(t), one.readable(), "each ready socket alone: " + t);
        }
        r = f.socket.select(watch, null, 1);
        assertEquals(ready, new HashSet<>(r.readable()), "with a timeout as well");
        for (Tcp t : ready) {
            assertTrue(r.readIndex(t) > 0, "r[sock] is set for " + t);
        }
    }

    @Test
    default void E4_receiveAllAfterThePeersShutdownSendReturnsTheData(Fixture f) {
        Fixture.Pair p = f.pair();
        byte[] data = Bytes.random(new Random(4), 50_000);
        p.client().settimeout(5);
        assertEquals(Sent.ok(data.length), p.client().send(data));
        assertEquals(1, p.client().shutdown("send"));
        Tcp a = p.accepted();
        a.settimeout(5);
        Received all = a.receive("*a");
        assertTrue(all.isOk(), () -> "receive(\"*a\") after the peer's shutdown(\"send\") gave " + all);
        assertArrayEquals(data, all.data());
        // The other direction still works, as the peer only shut down its sending side.
        assertEquals(Sent.ok(2), a.send("ok"));
        assertEquals("ok", p.client().receive(2).string());
        // And with settimeout(0), as an event loop reads it: the data, then success at the end.
        Fixture.Pair q = f.pair();
        assertEquals(Sent.ok(3000), q.client().send(Bytes.random(new Random(5), 3000)));
        q.client().shutdown("send");
        Tcp b = q.accepted();
        b.settimeout(0);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int round = 0; ; round++) {
            assertTrue(round < 50, "receive(\"*a\") never reached the end");
            assertEquals(List.of(b), f.socket.select(List.of(b), null, 5).readable());
            Received r = b.receive("*a");
            got.writeBytes(r.isOk() ? r.data() : r.partial());
            if (r.isOk()) {
                break;
            }
            if (r.error().equals("closed")) {
                // C's recvall: "closed" when EOF came with nothing left, after earlier calls took the data.
                assertEquals(0, r.partial().length, "\"closed\" comes only with nothing left");
                break;
            }
            assertEquals("timeout", r.error(), "receive(\"*a\") with settimeout(0) before EOF");
        }
        assertEquals(Received.fail("closed", new byte[0]), b.receive("*a"), "at EOF with nothing left, as C");
        assertArrayEquals(Bytes.random(new Random(5), 3000), got.toByteArray());
    }
}
