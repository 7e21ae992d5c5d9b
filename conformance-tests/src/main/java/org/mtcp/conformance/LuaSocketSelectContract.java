package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.LuaSocketOptionContract.assertRaises;
import static org.mtcp.conformance.LuaSocketReceiveEdgeContract.assertReceived;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Tcp;

/**
 * socket.select over TCP objects: checklist items L141–L143 and L151 (behaviour.md sections b, g, i and h).
 */
public interface LuaSocketSelectContract extends TransportConformance {

    @Test
    default void L141_selectOnNothingTimesOut(Fixture f) {
        long t0 = System.nanoTime();
        SelectResult r = f.socket.select(null, null, 0.05);
        double took = Paced.since(t0);
        assertEquals(List.of(), r.readable());
        assertEquals(List.of(), r.writable());
        assertEquals("timeout", r.error());
        assertTrue(took >= 0.04 && took < 1.5, "took " + took + " s");
    }

    @Test
    default void L142_aDirtyClientIsReadableAtOnce(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp c = p.client();
        c.settimeout(5);
        assertTrue(p.accepted().send("a\nb\n").isOk());
        assertReceived("a", c.receive());
        assertTrue(c.dirty(), "\"b\\n\" came in the same recv and waits in the buffer");
        long t0 = System.nanoTime();
        SelectResult r = f.socket.select(List.of(c), null, 5);
        double took = Paced.since(t0);
        assertTrue(took < 1.0, "returned at once, not after the 5 s limit: " + took + " s");
        assertNull(r.error());
        assertEquals(c, r.readable().get(0));
        assertEquals(1, r.readIndex(c));
    }

    @Test
    default void L143_selectRaisesForArgumentsItCannotUse(Fixture f) {
        Fixture.Pair p = f.pair();
        // Lua's select("wrong", 1) cannot be written in Java; the nearest is a list holding no socket.
        List<Tcp> holdsNil = Arrays.asList((Tcp) null);
        assertRaises("expected", () -> f.socket.select(holdsNil, null, 0.1));
        assertRaises("expected", () -> f.socket.select(List.of(), holdsNil, 0.1));
        // test_selectbugs: descriptors at or above _SETSIZE raise.
        LuaSocket small = f.socket.withSetSize(1);
        assertEquals(1, small.setSize());
        assertRaises("descriptor too large for set size",
                () -> small.select(List.of(p.client(), p.accepted()), null, 0.1));
        assertRaises("descriptor too large for set size",
                () -> small.select(null, List.of(p.client(), p.accepted()), 0.1));
    }

    @Test
    default void L151_reverseMapValuesAndTheTimeoutValue(Fixture f) {
        Fixture.Pair p = f.pair();
        SelectResult ready = f.socket.select(null, List.of(p.client()), 5);
        assertNull(ready.error(), "a ready result has no third value");
        assertEquals(List.of(p.client()), ready.writable());
        assertEquals(1, ready.writeIndex(p.client()), "w[sock] == 1");
        assertEquals(0, ready.readIndex(p.client()), "not readable: nothing was sent");
        SelectResult idle = f.socket.select(List.of(p.client()), null, 0.05);
        assertEquals("timeout", idle.error());
        assertTrue(idle.timedOut());
        assertEquals(List.of(), idle.readable());
        assertEquals(List.of(), idle.writable());
    }
}
