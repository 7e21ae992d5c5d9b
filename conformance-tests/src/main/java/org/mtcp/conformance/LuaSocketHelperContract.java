package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;
import static org.mtcp.conformance.LuaSocketOptionContract.assertRaises;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.mtcp.Result;
import org.mtcp.luasocket.SockName;
import org.mtcp.luasocket.Tcp;

/**
 * The module helpers socket.bind and socket.connect, and the port type of getsockname: checklist items
 * L136–L140 and L152 (behaviour.md sections b, i and h).
 */
public interface LuaSocketHelperContract extends TransportConformance {

    /** A loopback port that was free a moment ago (found with plain java.net). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Test
    default void L136_socketBindMakesAReuseaddrServerAndStarIsIpv4(Fixture f) {
        Tcp s = f.server("127.0.0.1");
        assertEquals("tcp{server}", s.className());
        assertEquals(Result.ok(Boolean.TRUE), s.getoption("reuseaddr"));
        Tcp any = f.track(ok(f.socket.bind("*", 0)));
        SockName n = ok(any.getsockname());
        assertEquals("0.0.0.0", n.ip());
        assertEquals("inet", n.family());
        assertTrue(n.port() > 0);
    }

    @Test
    default void L137_socketBindOnAPortInUse(Fixture f) {
        Tcp s = f.server("127.0.0.1");
        Result<Tcp> again = f.socket.bind("127.0.0.1", Fixture.port(s));
        if (again.isOk()) {
            f.track(again.value());
        }
        assertEquals(Result.fail("address already in use"), again);
    }

    @Test
    default void L138_socketConnectGivesAClientOrAnError(Fixture f) {
        Tcp s = f.server("127.0.0.1");
        int port = Fixture.port(s);
        Tcp c = f.track(ok(f.socket.connect("127.0.0.1", port)));
        assertEquals("tcp{client}", c.className());
        assertEquals(new SockName("127.0.0.1", port, "inet"), ok(c.getpeername()));
        Tcp closed = ok(f.socket.bind("127.0.0.1", 0));
        int closedPort = Fixture.port(closed);
        closed.close();
        assertEquals(Result.fail("connection refused"), f.socket.connect("127.0.0.1", closedPort));
        assertRaises("string expected", () -> f.socket.connect("127.0.0.1", null));
    }

    @Test
    default void L139_socketConnectBindsTheLocalAddressFirst(Fixture f) {
        Tcp s = f.server("127.0.0.1");
        int local = freePort();
        Tcp c = f.track(ok(f.socket.connect("127.0.0.1", Fixture.port(s), "127.0.0.1", local, null)));
        SockName n = ok(c.getsockname());
        assertEquals("127.0.0.1", n.ip());
        assertEquals(local, n.port(), "the requested local port");
        s.settimeout(5);
        Tcp a = f.track(ok(s.accept()));
        assertEquals(local, ok(a.getpeername()).port(), "the server sees that port");
    }

    @Test
    default void L140_socketConnectRejectsAnUnknownFamily(Fixture f) {
        Tcp s = f.server("127.0.0.1");
        assertRaises("invalid option 'foo'", () -> f.socket.connect("127.0.0.1", Fixture.port(s), null, null, "foo"));
    }

    @Test
    default void L152_getsocknamePortIsAnInteger(Fixture f) {
        Fixture.Pair p = f.pair();
        // SockName.port is an int, so "an integer, not a string" holds by type; what can go wrong is the value.
        int bound = ok(p.server().getsockname()).port();
        assertTrue(bound > 0 && bound < 65536, "port " + bound);
        assertEquals(bound, ok(p.client().getpeername()).port());
        assertEquals(ok(p.client().getsockname()).port(), ok(p.accepted().getpeername()).port());
    }
}
