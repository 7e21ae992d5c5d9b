package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Capability;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Linger;

/**
 * LuaSocket setoption/getoption, setfd/getfd: checklist items L126–L135 (behaviour.md sections b and h).
 */
public interface LuaSocketOptionContract extends TransportConformance {

    /** Asserts that {@code call} raises a Lua error whose message contains {@code text}. */
    static void assertRaises(String text, Runnable call) {
        LuaError e = assertThrows(LuaError.class, call::run);
        assertTrue(e.getMessage().contains(text), () -> "expected \"" + text + "\" in: " + e.getMessage());
    }

    @Test
    default void L126_anUnknownOptionRaises(Fixture f) {
        Tcp c = f.pair().client();
        assertRaises("unsupported option `foo'", () -> c.setoption("foo", Boolean.TRUE));
        assertRaises("unsupported option `foo'", () -> c.getoption("foo"));
    }

    @Test
    default void L127_booleanOptionsDefaultFalseAndReadBackTrue(Fixture f) {
        Tcp c = f.pair().client();
        for (String name : List.of("keepalive", "tcp-nodelay", "reuseaddr")) {
            assertEquals(Result.ok(Boolean.FALSE), c.getoption(name), name + " default");
            assertEquals(Result.ok(1), c.setoption(name, Boolean.TRUE), name + " set");
            assertEquals(Result.ok(Boolean.TRUE), c.getoption(name), name + " after set");
        }
    }

    @Test
    default void L128_booleanOptionsAreStrict(Fixture f) {
        Tcp c = f.pair().client();
        assertRaises("boolean expected, got number", () -> c.setoption("keepalive", 1));
        assertRaises("got no value", () -> c.setoption("keepalive"));
        assertEquals(Result.ok(Boolean.FALSE), c.getoption("keepalive"), "nothing was set");
    }

    @Test
    default void L129_lingerDefaultsOffAndReadsBackWhatWasSet(Fixture f) {
        Tcp c = f.pair().client();
        assertEquals(Result.ok(new Linger(false, 0)), c.getoption("linger"));
        assertEquals(Result.ok(1), c.setoption("linger", Map.of("on", true, "timeout", 5)));
        assertEquals(Result.ok(new Linger(true, 5)), c.getoption("linger"));
    }

    @Test
    default void L130_badLingerValuesRaise(Fixture f) {
        Tcp c = f.pair().client();
        assertRaises("boolean 'on' field expected", () -> c.setoption("linger", Map.of("on", 1, "timeout", 5)));
        assertRaises("number 'timeout' field expected", () -> c.setoption("linger", Map.of("on", true)));
        assertRaises("table expected", () -> c.setoption("linger", Boolean.TRUE));
        assertEquals(Result.ok(new Linger(false, 0)), c.getoption("linger"), "nothing was set");
    }

    @Test
    default void L131_v6onlyCanBeSetButNotRead(Fixture f) {
        Tcp m4 = f.track(ok(f.socket.tcp4()));
        assertRaises("unsupported option", () -> m4.getoption("ipv6-v6only"));
        f.assumeIpv6();
        Tcp m6 = f.track(ok(f.socket.tcp6()));
        assertEquals(Result.ok(1), m6.setoption("ipv6-v6only", Boolean.TRUE));
        assertRaises("unsupported option", () -> m6.getoption("ipv6-v6only"));
    }

    @Test
    default void L132_keepIdleIsANumberAndNilBecomesZero(Fixture f) {
        Assumptions.assumeTrue(f.transport.options().contains(SocketOption.TCP_KEEPIDLE),
                () -> "transport " + f.provider.name() + " does not list tcp-keepidle in options()");
        Tcp c = f.pair().client();
        assertEquals(Result.ok(1), c.setoption("tcp-keepidle", 30));
        Object v = ok(c.getoption("tcp-keepidle"));
        assertTrue(v instanceof Number, "a number: " + v);
        assertEquals(30.0, ((Number) v).doubleValue());
        assertEquals(Result.fail("setsockopt failed"), c.setoption("tcp-keepidle", null));
        assertEquals(30.0, ((Number) ok(c.getoption("tcp-keepidle"))).doubleValue(), "unchanged");
    }

    @Test
    default void L133_errorIsNilWhenHealthyAndTheMessageAfterARefusedConnect(Fixture f) {
        Tcp healthy = f.pair().client();
        assertEquals(Result.ok(null), healthy.getoption("error"));
        Tcp closedServer = ok(f.socket.bind("127.0.0.1", 0));
        int port = Fixture.port(closedServer);
        closedServer.close();
        Tcp c = f.track(f.socket.tcp());
        c.settimeout(0);
        assertEquals(Result.fail("timeout"), c.connect("127.0.0.1", port));
        Object message = null;
        for (int i = 0; i < 20 && message == null; i++) {
            SelectResult s = f.socket.select(null, List.of(c), 0.5);
            assertNull(s.error(), "the refused connect finishes: writable");
            message = ok(c.getoption("error"));
        }
        assertEquals("connection refused", message);
        assertEquals(Result.ok(null), c.getoption("error"), "reading it cleared it");
    }

    @Test
    default void L134_optionsWorkOnAMasterBeforeBind(Fixture f) {
        Tcp m = f.track(ok(f.socket.tcp4()));
        assertEquals("tcp{master}", m.className());
        assertEquals(Result.ok(1), m.setoption("reuseaddr", Boolean.TRUE));
        assertEquals(Result.ok(Boolean.TRUE), m.getoption("reuseaddr"));
        assertEquals(Result.ok(1), m.bind("127.0.0.1", 0));
        assertEquals(Result.ok(1), m.listen());
        assertEquals(Result.ok(Boolean.TRUE), m.getoption("reuseaddr"), "kept through bind and listen");
    }

    @Test
    default void L135_setfdReplacesTheDescriptor(Fixture f) {
        Tcp owner = ok(f.socket.tcp4());
        int fd = owner.getfd();
        assertTrue(fd >= 0);
        Tcp t = f.track(f.socket.tcp());
        assertEquals(-1, t.getfd());
        t.setfd(fd);
        owner.setfd(-1); // one owner only, so teardown closes the descriptor once
        assertEquals(fd, t.getfd());
        assertEquals("tcp{master}", t.className(), "setfd does not change the class");
        // listen works on the descriptor as it is (an unbound IPv4 socket gets an ephemeral port).
        assertEquals(Result.ok(1), t.listen(), "the object now works on that descriptor");
        assertEquals(fd, t.getfd());
        assertTrue(Fixture.port(t) > 0);
    }
}
