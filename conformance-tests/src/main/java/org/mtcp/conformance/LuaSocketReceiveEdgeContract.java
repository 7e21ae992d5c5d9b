package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Stats;
import org.mtcp.luasocket.Tcp;

/**
 * LuaSocket receive edge cases, the read buffer and the statistics: checklist items L101–L112
 * (behaviour.md sections b, e and h).
 */
public interface LuaSocketReceiveEdgeContract extends TransportConformance {

    /** Asserts {@code nil, err, partial}. */
    static void assertFailed(String err, String partial, Received r) {
        assertFalse(r.isOk(), () -> "expected nil, \"" + err + "\", got " + r);
        assertEquals(err, r.error(), () -> "error of " + r);
        assertEquals(partial, Bytes.str(r.partial()), () -> "partial of " + r);
    }

    /** Asserts {@code data, nil, nil}. */
    static void assertReceived(String data, Received r) {
        assertTrue(r.isOk(), () -> "expected \"" + data + "\", got " + r);
        assertEquals(data, Bytes.str(r.data()));
        assertEquals(null, r.error());
        assertEquals(null, r.partial());
    }

    /** A peer that sends {@code data} and then keeps the connection open until the client closes it. */
    static Peer.Script sendsAndHolds(String data) {
        return s -> {
            if (!data.isEmpty()) {
                Peer.send(s, data);
            }
            Paced.holdOpen(s);
        };
    }

    /** A peer that sends {@code data} and closes. */
    static Peer.Script sendsAndCloses(String data) {
        return s -> Peer.send(s, data);
    }

    @Test
    default void L101_countReceiveTimesOutWithThePartialData(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("abc")));
        Tcp c = f.clientTo(peer);
        c.settimeout(0.5);
        long t0 = System.nanoTime();
        Received r = c.receive(10);
        double took = Paced.since(t0);
        assertFailed("timeout", "abc", r);
        Paced.assertAbout(0.5, took, "receive(10) with settimeout(0.5)");
    }

    @Test
    default void L102_receiveAllAfterThePeerClosedThenClosed(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndCloses("the whole string\r\nwith lines\n")));
        Tcp c = f.clientTo(peer);
        c.settimeout(5);
        assertReceived("the whole string\r\nwith lines\n", c.receive("*a"));
        assertFailed("closed", "", c.receive("*a"));
    }

    @Test
    default void L103_receiveAllWithAPrefix(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndCloses("all of it")));
        Tcp c = f.clientTo(peer);
        c.settimeout(5);
        assertReceived("P:all of it", c.receive("*a", "P:"));
        assertFailed("closed", "P:", c.receive("*a", "P:"));
    }

    @Test
    default void L104_receiveAllWithZeroTimeoutAndNoData(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("")));
        Tcp c = f.clientTo(peer);
        c.settimeout(0);
        assertFailed("timeout", "", c.receive("*a"));
        assertFailed("timeout", "P:", c.receive("*a", "P:"));
    }

    @Test
    default void L105_everyPatternAfterALocalCloseIsClosed(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("")));
        Tcp c = f.clientTo(peer);
        c.settimeout(2);
        assertEquals(1, c.close());
        assertFailed("closed", "", c.receive("*a"));
        assertFailed("closed", "", c.receive("*l"));
        assertFailed("closed", "", c.receive(1));
        assertFailed("closed", "", c.receive(0));
    }

    @Test
    default void L106_receiveZeroWithZeroTimeoutAndNothingAvailable(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("")));
        Tcp c = f.clientTo(peer);
        c.settimeout(0);
        assertFailed("timeout", "", c.receive(0));
        assertFalse(c.dirty());
    }

    @Test
    default void L107_receiveZeroBuffersKernelData(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("hello")));
        Tcp c = f.clientTo(peer);
        c.settimeout(5);
        assertFalse(c.dirty());
        assertReceived("", c.receive(0));
        assertTrue(c.dirty(), "receive(0) read the kernel's data into the buffer");
        assertReceived("hello", c.receive(5));
        assertFalse(c.dirty());
    }

    @Test
    default void L108_nonBlockingLineLoopRebuildsASplitLine(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(s -> {
            Peer.send(s, "first half, ");
            Peer.pause(500);
            Peer.send(s, "second half\n");
            Paced.holdOpen(s);
        }));
        Tcp c = f.clientTo(peer);
        c.settimeout(0);
        byte[] partial = new byte[0];
        int timeouts = 0;
        boolean sawHalf = false;
        long deadline = System.nanoTime() + 5_000_000_000L;
        Received r = c.receive("*l", partial);
        while (!r.isOk() && "timeout".equals(r.error()) && System.nanoTime() < deadline) {
            timeouts++;
            partial = r.partial();
            sawHalf |= "first half, ".equals(Bytes.str(partial));
            f.socket.sleep(0.01);
            r = c.receive("*l", partial);
        }
        assertReceived("first half, second half", r);
        assertTrue(timeouts > 0, "the zero timeout must have expired while the line was incomplete");
        assertTrue(sawHalf, "a timed-out call returns the first half as its partial result");
    }

    @Test
    default void L109_dirtyCountsOnlyTheOwnBuffer(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("one\ntwo\n")));
        Tcp c = f.clientTo(peer);
        c.settimeout(5);
        SelectResult ready = f.socket.select(List.of(c), null, 5);
        assertEquals(List.of(c), ready.readable(), "the data reached the kernel");
        assertFalse(c.dirty(), "data waiting only in the kernel is not dirty");
        assertReceived("one", c.receive());
        assertTrue(c.dirty(), "the second line is left in the buffer");
        assertReceived("two", c.receive());
        assertFalse(c.dirty());
    }

    @Test
    default void L110_statsFollowRandomEchoRoundTrips(Fixture f) {
        Fixture.Pair p = f.pair();
        p.client().settimeout(5);
        p.accepted().settimeout(5);
        Random random = new Random(110);
        double age0 = p.client().getstats().age();
        assertTrue(age0 >= 0, "age " + age0);
        long total = 0;
        for (int round = 0; round < 25; round++) {
            byte[] data = Bytes.random(random, 1 + random.nextInt(100));
            assertTrue(p.client().send(data).isOk());
            Received echoed = p.accepted().receive(data.length);
            assertTrue(echoed.isOk(), () -> "server side " + echoed);
            assertTrue(p.accepted().send(echoed.data()).isOk());
            Received back = p.client().receive(data.length);
            assertTrue(back.isOk(), () -> "client side " + back);
            assertArrayEquals(data, back.data());
            total += data.length;
            Stats s = p.client().getstats();
            assertEquals(total, s.received(), "received after round " + round);
            assertEquals(total, s.sent(), "sent after round " + round);
        }
        f.socket.sleep(0.02);
        double age1 = p.client().getstats().age();
        assertTrue(age1 > age0, "age grows: " + age0 + " then " + age1);
    }

    @Test
    default void L111_receivedCountsOnlyBytesHandedOut(Fixture f) {
        Peer peer = f.track(Peer.listen("127.0.0.1").serve(sendsAndHolds("hello")));
        Tcp c = f.clientTo(peer);
        c.settimeout(5);
        assertReceived("", c.receive(0));
        assertTrue(c.dirty());
        assertEquals(0, c.getstats().received(), "buffered bytes are not counted");
        assertReceived("he", c.receive(2));
        assertEquals(2, c.getstats().received());
        assertReceived("P:l", c.receive(3, "P:"));
        assertEquals(3, c.getstats().received(), "the prefix is not counted");
    }

    @Test
    default void L112_setstatsSetsEachValueAndNothingWithoutArguments(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp c = p.client();
        assertEquals(1, c.setstats(10.0, 20.0, 100.0));
        Stats s = c.getstats();
        assertEquals(10, s.received());
        assertEquals(20, s.sent());
        assertTrue(s.age() >= 100 && s.age() < 101.5, "age " + s.age());
        assertEquals(1, c.setstats(null, null, null));
        Stats t = c.getstats();
        assertEquals(10, t.received());
        assertEquals(20, t.sent());
        assertTrue(t.age() >= s.age() && t.age() < 101.5, "age " + t.age());
    }
}
