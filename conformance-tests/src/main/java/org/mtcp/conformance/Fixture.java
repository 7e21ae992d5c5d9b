package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.mtcp.Result;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.Capability;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;

/**
 * One test's world: a freshly opened transport with mtcp and LuaSocket on top, and everything the test
 * opens, closed afterwards in reverse order (the transport last).
 */
public final class Fixture implements AutoCloseable {
    /** The provider under test. */
    public final TransportProvider provider;
    /** The transport instance for this test. */
    public final Transport transport;
    /** mtcp over it. */
    public final Mtcp mtcp;
    /** LuaSocket over it. */
    public final LuaSocket socket;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    private Fixture(TransportProvider provider) {
        this.provider = provider;
        this.transport = provider.open();
        this.mtcp = Mtcp.on(transport);
        this.socket = LuaSocket.on(transport);
    }

    /** Opens the provider's transport, skipping the test (with the reason) if it cannot run here. */
    public static Fixture open(TransportProvider provider) {
        Assumptions.assumeTrue(provider.unavailableReason().isEmpty(),
                () -> "transport " + provider.name() + " unavailable: " + provider.unavailableReason().orElse(""));
        return new Fixture(provider);
    }

    /** The transport's declared capabilities. */
    public Set<Capability> capabilities() {
        return transport.capabilities();
    }

    /** Skips the test, saying why, unless the transport declares {@code c}. */
    public void assume(Capability c) {
        Assumptions.assumeTrue(capabilities().contains(c),
                () -> "transport " + provider.name() + " does not declare " + c);
    }

    /** Registers something to close after the test. */
    public <T extends AutoCloseable> T track(T resource) {
        cleanup.push(resource);
        return resource;
    }

    /** Registers a LuaSocket object to close after the test. */
    public Tcp track(Tcp t) {
        cleanup.push(t::close);
        return t;
    }

    /** Registers an mtcp descriptor to close after the test (a descriptor already closed is fine). */
    public int trackFd(int fd) {
        cleanup.push(() -> mtcp.close(fd));
        return fd;
    }

    /** Unwraps a success, failing the test with the message otherwise. */
    public static <T> T ok(Result<T> r) {
        assertTrue(r.isOk(), () -> "expected success, got " + r);
        return r.value();
    }

    // ---- LuaSocket set-ups ---------------------------------------------------------------------------

    /** A LuaSocket server on 127.0.0.1 (socket.bind), tracked. */
    public Tcp server() {
        return server("127.0.0.1");
    }

    /** A LuaSocket server on {@code host} with an ephemeral port, tracked. */
    public Tcp server(String host) {
        return track(ok(socket.bind(host, 0)));
    }

    /** The port a LuaSocket object is bound to. */
    public static int port(Tcp t) {
        return ok(t.getsockname()).port();
    }

    /** A connected LuaSocket pair over loopback. */
    public record Pair(Tcp server, Tcp client, Tcp accepted) {
    }

    /** A server, a client connected to it, and the accepted end, all tracked. */
    public Pair pair() {
        return pair("127.0.0.1");
    }

    /** {@link #pair()} on another loopback address ("::1"). */
    public Pair pair(String host) {
        Tcp server = server(host);
        Tcp client = track(ok(socket.connect(host, port(server))));
        server.settimeout(10);
        Tcp accepted = track(ok(server.accept()));
        return new Pair(server, client, accepted);
    }

    /** A LuaSocket client connected to a scripted peer, tracked. */
    public Tcp clientTo(Peer peer) {
        return track(ok(socket.connect("127.0.0.1", peer.port())));
    }

    // ---- mtcp set-ups --------------------------------------------------------------------------------

    /** An mtcp server fd on {@code host} with an ephemeral port, tracked. */
    public int mtcpServer(String host) {
        return trackFd(ok(mtcp.bind(host, "0")).fd());
    }

    /** The real port of an mtcp socket. */
    public int mtcpPort(int fd) {
        return SockAddr.parse(ok(mtcp.getsockname(fd))).port();
    }

    /** An mtcp client fd connected to {@code host:port}, tracked. */
    public int mtcpConnect(String host, int port) {
        FdAddress c = ok(mtcp.connect(host, Integer.toString(port)));
        return trackFd(c.fd());
    }

    /** Skips the test when this machine has no IPv6 loopback or the transport lacks IPv6. */
    public void assumeIpv6() {
        assume(Capability.IPV6);
        Assumptions.assumeTrue(Ipv6.loopbackWorks(), "no IPv6 loopback on this machine");
    }

    @Override
    public void close() {
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception ignored) {
                // Teardown goes on; the test's own assertions have spoken.
            }
        }
        transport.close();
    }
}
