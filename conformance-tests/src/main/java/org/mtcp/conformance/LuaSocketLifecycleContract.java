package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;
import static org.mtcp.conformance.LuaSocketReceiveEdgeContract.assertFailed;
import static org.mtcp.conformance.LuaSocketReceiveEdgeContract.assertReceived;

import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * LuaSocket shutdown, close, and what happens after them (reconnecting, rebinding): checklist items
 * L122–L125 and L147–L150 (behaviour.md sections b, i and h).
 */
public interface LuaSocketLifecycleContract extends TransportConformance {

    @Test
    default void L122_shutdownModes(Fixture f) {
        Fixture.Pair p = f.pair();
        LuaError e = assertThrows(LuaError.class, () -> p.client().shutdown("x"));
        assertTrue(e.getMessage().contains("invalid option 'x'"), e.getMessage());
        assertEquals(1, p.client().shutdown());
        p.accepted().settimeout(5);
        assertFailed("closed", "", p.accepted().receive("*a"));
    }

    @Test
    default void L123_afterShutdownSendThePeerSeesClosedAndWeCanStillReceive(Fixture f) {
        Fixture.Pair p = f.pair();
        p.client().settimeout(5);
        p.accepted().settimeout(5);
        assertEquals(3, p.client().send("bye").last());
        assertEquals(1, p.client().shutdown("send"));
        assertReceived("bye", p.accepted().receive("*a"));
        assertFailed("closed", "", p.accepted().receive("*a"));
        assertTrue(p.accepted().send("still here\n").isOk());
        assertReceived("still here", p.client().receive());
    }

    @Test
    default void L124_closeIsIdempotentAndKeepsTheClass(Fixture f) {
        Fixture.Pair p = f.pair();
        assertEquals(1, p.client().close());
        assertEquals(1, p.client().close());
        assertEquals("tcp{client}", p.client().className());
        assertEquals(-1, p.client().getfd());
        assertEquals(1, p.server().close());
        assertEquals("tcp{server}", p.server().className());
    }

    @Test
    default void L125_afterCloseNamesAndOptionsFail(Fixture f) {
        Fixture.Pair p = f.pair();
        Tcp c = p.client();
        c.close();
        assertEquals(Result.fail("Bad file descriptor"), c.getsockname());
        assertEquals(Result.fail("Bad file descriptor"), c.getpeername());
        assertEquals(Result.fail("setsockopt failed"), c.setoption("tcp-nodelay", Boolean.TRUE));
        assertEquals(Result.fail("getsockopt failed"), c.getoption("tcp-nodelay"));
    }

    @Test
    default void L147_connectOnAConnectedClientThenAlreadyConnected(Fixture f) {
        Fixture.Pair p = f.pair();
        int port = Fixture.port(p.server());
        assertEquals(Result.ok(1), p.client().connect("127.0.0.1", port));
        assertEquals(Result.fail("already connected"), p.client().connect("127.0.0.1", port));
        assertEquals("tcp{client}", p.client().className());
    }

    @Test
    default void L148_sendingNothingOnAClosedClientSucceeds(Fixture f) {
        Fixture.Pair p = f.pair();
        p.client().close();
        assertEquals(Sent.ok(0), p.client().send(""));
        assertEquals(Sent.fail("closed", 0), p.client().send("x"));
    }

    @Test
    default void L149_bindOnAClosedMasterCreatesANewSocket(Fixture f) {
        Tcp m = f.track(ok(f.socket.tcp4()));
        m.close();
        assertEquals(-1, m.getfd());
        assertEquals(Result.ok(1), m.bind("127.0.0.1", 0));
        assertTrue(m.getfd() >= 0, "new descriptor " + m.getfd());
        assertEquals("127.0.0.1", ok(m.getsockname()).ip());
        assertEquals("tcp{master}", m.className());
    }

    @Test
    default void L150_aSecondBindIsInvalid(Fixture f) {
        Tcp m = f.track(ok(f.socket.tcp4()));
        assertEquals(Result.ok(1), m.bind("127.0.0.1", 0));
        int port = Fixture.port(m);
        assertEquals(Result.fail("Invalid argument"), m.bind("127.0.0.1", 0));
        assertEquals(port, Fixture.port(m), "the first binding stays");
        assertEquals("tcp{master}", m.className());
    }
}
