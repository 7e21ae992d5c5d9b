package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.luasocket.SelectResult;
import org.mtcp.luasocket.SockName;
import org.mtcp.luasocket.Tcp;
import org.mtcp.luasocket.Timeouts;

/**
 * LuaSocket TCP objects, checklist items L53–L80 (behaviour.md section h): classes and the state machine,
 * wrong-class errors, bind, listen, accept, connect (zero-timeout connect finished with select),
 * getsockname/getpeername, getfamily.
 */
public interface LuaSocketObjectContract extends TransportConformance {

    /** The system property that allows tests sending traffic to a routed (non-loopback) address. */
    String ROUTED_PROPERTY = "mtcp.conformance.routed";

    /** The 21 method names testclnt's test_methods checks, plus gettimeout. */
    List<String> METHOD_NAMES = List.of("accept", "bind", "close", "connect", "dirty", "getfamily", "getfd",
            "getoption", "getpeername", "getsockname", "getstats", "setstats", "listen", "receive", "send", "setfd",
            "setoption", "setpeername", "setsockname", "settimeout", "shutdown", "gettimeout");

    /** Asserts that {@code call} raises a Lua error whose message contains {@code text}. */
    static void assertRaises(String text, Executable call) {
        LuaError e = assertThrows(LuaError.class, call);
        assertTrue(e.getMessage().contains(text), () -> "expected '" + text + "' in: " + e.getMessage());
    }

    /** Asserts a returned {@code nil, msg} with exactly {@code msg}. */
    static void assertFails(String msg, Result<?> r) {
        assertFalse(r.isOk(), () -> "expected nil, \"" + msg + "\", got " + r);
        assertEquals(msg, r.error());
    }

    /** A loopback port nothing listens on: a server's port, after the server closed. */
    static int closedPort(Fixture f) {
        Tcp s = ok(f.socket.bind("127.0.0.1", 0));
        int port = Fixture.port(s);
        s.close();
        return port;
    }

    /** Seconds since {@code startNanos}. */
    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    // ---- classes and the state machine ---------------------------------------------------------------

    @Test
    default void L53_tcpMakesAMasterWithNoDescriptor(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        assertTrue(t.toString().matches("tcp\\{master\\}: 0x[0-9a-f]+"), t::toString);
        assertEquals("tcp{master}", t.className());
        assertEquals(-1, t.getfd());
    }

    @Test
    default void L54_everyMethodNameExistsOnEveryObject(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        Set<String> methods = Arrays.stream(t.getClass().getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : METHOD_NAMES) {
            assertTrue(methods.contains(name), () -> "no method " + name + " on " + t.className() + ": " + methods);
        }
    }

    @Test
    default void L55_getfdOfTcp4IsRealUntilClose(Fixture f) {
        Tcp t = f.track(ok(f.socket.tcp4()));
        assertTrue(t.getfd() >= 0, () -> "tcp4 fd " + t.getfd());
        assertEquals(1, t.close());
        assertEquals(-1, t.getfd());
        assertEquals(-1, f.track(f.socket.tcp()).getfd());
    }

    @Test
    default void L56_aTcpWithoutSocketFailsAddressAndOptionCalls(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        assertFails("Bad file descriptor", t.getsockname());
        assertFails("setsockopt failed", t.setoption("reuseaddr", Boolean.TRUE));
        assertFails("getsockopt failed", t.getoption("reuseaddr"));
    }

    @Test
    default void L57_getfamilyIsInet4UnlessIpv6(Fixture f) {
        assertEquals("inet4", f.track(f.socket.tcp()).getfamily());
        f.assumeIpv6();
        assertEquals("inet6", f.track(ok(f.socket.tcp6())).getfamily());
    }

    @Test
    default void L58_masterRaisesForClientAndServerMethods(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        assertRaises("tcp{client} expected", () -> t.send("x"));
        assertRaises("tcp{client} expected", () -> t.receive());
        assertRaises("tcp{server} expected", () -> t.accept());
    }

    @Test
    default void L59_masterRaisesForGetstatsAndShutdown(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        assertRaises("tcp{client} expected", () -> t.getstats());
        assertRaises("tcp{client} expected", () -> t.shutdown());
    }

    // ---- bind ------------------------------------------------------------------------------------------

    @Test
    default void L60_bindToTheWildcardIsIpv4(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        assertEquals(1, ok(t.bind("*", 0)));
        assertEquals("tcp{master}", t.className());
        SockName n = ok(t.getsockname());
        assertEquals("0.0.0.0", n.ip());
        assertTrue(n.port() > 0, () -> "port " + n.port());
        assertEquals("inet", n.family());
    }

    @Test
    default void L61_tcp6BindsTheIpv6WildcardAndLoopback(Fixture f) {
        f.assumeIpv6();
        Tcp any = f.track(ok(f.socket.tcp6()));
        assertEquals(1, ok(any.bind("*", 0)));
        SockName n = ok(any.getsockname());
        assertEquals("::", n.ip());
        assertTrue(n.port() > 0, () -> "port " + n.port());
        assertEquals("inet6", n.family());
        Tcp lo = f.track(ok(f.socket.tcp6()));
        assertEquals(1, ok(lo.bind("::1", 0)));
        assertEquals("::1", ok(lo.getsockname()).ip());
    }

    @Test
    default void L62_tcp6CannotBindAnIpv4Address(Fixture f) {
        f.assumeIpv6();
        Tcp t = f.track(ok(f.socket.tcp6()));
        assertFails("Address family for hostname not supported", t.bind("127.0.0.1", 0));
    }

    @Test
    default void L63_bindWithAnUnknownServiceName(Fixture f) {
        Tcp t = f.track(ok(f.socket.tcp4()));
        assertFails("service not supported for socket type", t.bind("127.0.0.1", "no-such-service-mtcp"));
    }

    @Test
    default void L64_bindOnAPortInUse(Fixture f) {
        Tcp server = f.server();
        int port = Fixture.port(server);
        Tcp plain = f.track(ok(f.socket.tcp4()));
        assertFails("address already in use", plain.bind("127.0.0.1", port));
        // rebind_test: reuseaddr explicitly off, against a live listener.
        Tcp noReuse = f.track(ok(f.socket.tcp4()));
        assertEquals(1, ok(noReuse.setoption("reuseaddr", Boolean.FALSE)));
        assertFails("address already in use", noReuse.bind("127.0.0.1", port));
    }

    // ---- listen ----------------------------------------------------------------------------------------

    @Test
    default void L65_listenMakesAServer(Fixture f) {
        Tcp t = f.track(ok(f.socket.tcp4()));
        assertEquals(1, ok(t.bind("127.0.0.1", 0)));
        assertEquals("tcp{master}", t.className());
        assertEquals(1, ok(t.listen()));
        assertEquals("tcp{server}", t.className());
        assertEquals(Tcp.Kind.SERVER, t.kind());
    }

    @Test
    default void L66_listenUnboundTcp4WorksButTcpWithoutSocketFails(Fixture f) {
        Tcp t4 = f.track(ok(f.socket.tcp4()));
        assertEquals(1, ok(t4.listen()));
        assertEquals("tcp{server}", t4.className());
        SockName n = ok(t4.getsockname());
        assertEquals("0.0.0.0", n.ip());
        assertTrue(n.port() > 0, () -> "port " + n.port());
        Tcp t = f.track(f.socket.tcp());
        assertFails("Bad file descriptor", t.listen());
        assertEquals("tcp{master}", t.className());
    }

    @Test
    default void L67_serverRaisesForMasterAndClientMethods(Fixture f) {
        Tcp server = f.server();
        assertRaises("tcp{master} expected", () -> server.bind("127.0.0.1", 0));
        assertRaises("tcp{master} expected", () -> server.listen());
        assertRaises("tcp{client} expected", () -> server.send("x"));
    }

    @Test
    default void L68_serverHasNoPeer(Fixture f) {
        assertFails("Transport endpoint is not connected", f.server().getpeername());
    }

    // ---- accept ----------------------------------------------------------------------------------------

    @Test
    default void L69_acceptTimesOutAfterTheServerTimeout(Fixture f) {
        Tcp server = f.server();
        server.settimeout(0.3);
        long start = System.nanoTime();
        Result<Tcp> r = server.accept();
        double took = since(start);
        assertFails("timeout", r);
        assertTrue(took >= 0.27 && took < 1.8, () -> "accept took " + took + " s, expected about 0.3 s");
    }

    @Test
    default void L70_acceptWithZeroTimeoutAndOnAClosedServer(Fixture f) {
        Tcp server = f.server();
        server.settimeout(0);
        long start = System.nanoTime();
        Result<Tcp> r = server.accept();
        double took = since(start);
        assertFails("timeout", r);
        assertTrue(took < 1.0, () -> "zero-timeout accept took " + took + " s");
        assertEquals(1, server.close());
        assertFails("closed", server.accept());
    }

    @Test
    default void L71_acceptedClientStartsWithoutTimeouts(Fixture f) {
        Tcp server = f.server();
        server.settimeout(5);
        server.settimeout(7, "t");
        f.track(ok(f.socket.connect("127.0.0.1", Fixture.port(server))));
        Tcp accepted = f.track(ok(server.accept()));
        assertEquals("tcp{client}", accepted.className());
        assertEquals(new Timeouts(-1, -1), accepted.gettimeout());
        assertEquals(new Timeouts(5, 7), server.gettimeout());
    }

    @Test
    default void L72_acceptedPeerIsTheConnectorAndFamilyIsTheServers(Fixture f) {
        Fixture.Pair p = f.pair();
        SockName local = ok(p.client().getsockname());
        SockName peer = ok(p.accepted().getpeername());
        assertEquals(local.ip(), peer.ip());
        assertEquals(local.port(), peer.port());
        assertEquals(ok(p.server().getsockname()).family(), peer.family());
        assertEquals("inet", peer.family());
        assertEquals(p.server().getfamily(), p.accepted().getfamily());
    }

    // ---- connect ---------------------------------------------------------------------------------------

    @Test
    default void L73_connectMakesAClientWithThePeerAddress(Fixture f) {
        Tcp server = f.server();
        int port = Fixture.port(server);
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(5);
        assertEquals(1, ok(t.connect("127.0.0.1", port)));
        assertEquals("tcp{client}", t.className());
        assertEquals(new SockName("127.0.0.1", port, "inet"), ok(t.getpeername()));
    }

    @Test
    default void L74_refusedConnectStillMakesAClient(Fixture f) {
        int port = closedPort(f);
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(5);
        assertFails("connection refused", t.connect("127.0.0.1", port));
        assertEquals("tcp{client}", t.className());
    }

    @Test
    default void L75_connectToAnUnresolvableHost(Fixture f) {
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(5);
        assertFails("host or service not provided, or not known", t.connect("host.is.invalid", 80));
    }

    @Test
    default void L76_zeroTimeoutConnectIsFinishedAfterSelect(Fixture f) {
        Tcp server = f.server();
        int port = Fixture.port(server);
        Tcp client = f.track(f.socket.tcp());
        client.settimeout(0);
        assertFails("timeout", client.connect("127.0.0.1", port));
        assertEquals("tcp{client}", client.className());
        SelectResult sel = f.socket.select(List.of(), List.of(client), 2.0);
        assertEquals(List.of(client), sel.writable(), () -> "select: " + sel);
        assertEquals(1, ok(client.connect("127.0.0.1", port)));
        server.settimeout(5);
        Tcp accepted = f.track(ok(server.accept()));
        assertEquals(ok(client.getsockname()).port(), ok(accepted.getpeername()).port());
    }

    @Test
    default void L77_zeroTimeoutConnectToAClosedPortIsRefusedOnTheSecondCall(Fixture f) {
        int port = closedPort(f);
        Tcp client = f.track(f.socket.tcp());
        client.settimeout(0);
        assertFails("timeout", client.connect("127.0.0.1", port));
        SelectResult sel = f.socket.select(List.of(), List.of(client), 2.0);
        assertEquals(List.of(client), sel.writable(), () -> "select: " + sel);
        assertFails("connection refused", client.connect("127.0.0.1", port));
        assertEquals("tcp{client}", client.className());
    }

    @Test
    default void L78_connectTimeoutToAnUnroutableAddress(Fixture f) {
        Assumptions.assumeTrue(Boolean.getBoolean(ROUTED_PROPERTY),
                "[soft] needs a routed network (traffic to 10.0.0.1); the kit only uses loopback unless -D"
                        + ROUTED_PROPERTY + "=true");
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(0.1);
        long start = System.nanoTime();
        Result<Integer> r = t.connect("10.0.0.1", 81);
        double took = since(start);
        assertFalse(r.isOk(), () -> "connect to 10.0.0.1:81 succeeded");
        assertTrue(took < 2.0, () -> "connect gave up after " + took + " s");
    }

    @Test
    default void L79_connectAfterCloseUsesANewSocket(Fixture f) {
        Tcp server = f.server();
        int port = Fixture.port(server);
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(5);
        assertEquals(1, ok(t.connect("127.0.0.1", port)));
        assertTrue(t.getfd() >= 0);
        assertEquals(1, t.close());
        assertEquals(-1, t.getfd());
        assertEquals(1, ok(t.connect("127.0.0.1", port)));
        assertTrue(t.getfd() >= 0, () -> "fd after reconnect " + t.getfd());
        assertEquals(port, ok(t.getpeername()).port());
    }

    @Test
    default void L80_tcpConnectedToIpv6LoopbackIsInet6(Fixture f) {
        f.assumeIpv6();
        Tcp server = f.server("::1");
        int port = Fixture.port(server);
        Tcp t = f.track(f.socket.tcp());
        t.settimeout(5);
        assertEquals(1, ok(t.connect("::1", port)));
        assertEquals("inet6", t.getfamily());
        assertEquals(new SockName("::1", port, "inet6"), ok(t.getpeername()));
    }
}
