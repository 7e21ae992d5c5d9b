package org.mtcp.osgi.consumer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtcp.luasocket.LuaSocket;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Tcp;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;
import org.mtcp.spi.TransportProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The consumer bundle's code: it uses the mtcp transports only as OSGi services of type
 * {@link TransportProvider}, found by their {@code mtcp.transport} property. The test drives it from
 * outside the framework by reflection, with Java types only (the test's class space has no mtcp classes).
 */
public final class TransportUser {
    private final BundleContext context;
    private ServiceReference<TransportProvider> heldRef;
    private Transport heldTransport;
    private Tcp heldServer;
    private Tcp heldPeer;

    public TransportUser(BundleContext context) {
        this.context = context;
    }

    /** The {@code mtcp.transport} names of the registered transport services, in ranking order. */
    public List<String> transports() throws Exception {
        List<ServiceReference<TransportProvider>> refs =
                new ArrayList<>(context.getServiceReferences(TransportProvider.class, null));
        refs.sort(null); // ServiceReference order: highest ranking last
        List<String> names = new ArrayList<>();
        for (int i = refs.size() - 1; i >= 0; i--) {
            names.add((String) refs.get(i).getProperty("mtcp.transport"));
        }
        return names;
    }

    /** The named service's provider name, priority and unavailable reason ("" when available). */
    public List<String> describe(String name) throws Exception {
        ServiceReference<TransportProvider> ref = reference(name);
        TransportProvider provider = context.getService(ref);
        try {
            return List.of(provider.name(), Integer.toString(provider.priority()),
                    provider.unavailableReason().orElse(""), String.valueOf(ref.getProperty("service.ranking")));
        } finally {
            context.ungetService(ref);
        }
    }

    /** Round-trips a line with LuaSocket and bytes with mtcp over the named transport; returns both echoes. */
    public List<String> roundTrip(String name) throws Exception {
        // README:osgi-begin
        ServiceReference<TransportProvider> ref = context
                .getServiceReferences(TransportProvider.class, "(mtcp.transport=" + name + ")")
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("no transport " + name));
        TransportProvider provider = context.getService(ref); // keep it while the transport is in use
        try (Transport transport = provider.open()) {
            LuaSocket socket = LuaSocket.on(transport);
            Tcp server = socket.bind("127.0.0.1", 0).orThrow();
            server.settimeout(5);
            Tcp client = socket.connect("127.0.0.1", server.getsockname().orThrow().port()).orThrow();
            client.settimeout(5);
            Tcp peer = server.accept().orThrow();
            peer.settimeout(5);
            client.send("hello over " + name + "\n");
            Received line = peer.receive("*l");
            peer.send(line.data());
            peer.send("\n");
            String luasocketEcho = client.receive().string();

            Mtcp mtcp = Mtcp.on(transport);
            int listener = mtcp.bind("127.0.0.1", "0").orThrow().fd();
            int port = SockAddr.parse(mtcp.getsockname(listener).orThrow()).port();
            int conn = mtcp.connect("127.0.0.1", Integer.toString(port)).orThrow().fd();
            int accepted = mtcp.accept(listener).orThrow().fd();
            mtcp.write(conn, "mtcp over " + name);
            byte[] got = mtcp.read(accepted, 64, 5000).orThrow();
            mtcp.write(accepted, got);
            String mtcpEcho = new String(mtcp.read(conn, 64, 5000).orThrow(), StandardCharsets.UTF_8);
            return List.of(luasocketEcho, mtcpEcho);
        } finally {
            context.ungetService(ref); // closes what was opened from it, were anything left open
        }
        // README:osgi-end
    }

    /**
     * Takes the named service and keeps it: opens a transport, a listening socket on loopback, and returns
     * its port. {@link #acceptHeld()} then accepts one connection and keeps it open.
     */
    public int hold(String name) throws Exception {
        heldRef = reference(name);
        heldTransport = context.getService(heldRef).open();
        heldServer = LuaSocket.on(heldTransport).bind("127.0.0.1", 0).orThrow();
        heldServer.settimeout(10);
        return heldServer.getsockname().orThrow().port();
    }

    /** Accepts one connection on the held listener and keeps it; returns the peer's port. */
    public int acceptHeld() {
        heldPeer = heldServer.accept().orThrow();
        return heldPeer.getpeername().orThrow().port();
    }

    /** What a read on the held connection gives now: "data", "timeout", "closed" or an error text. */
    public String heldState() {
        heldPeer.settimeout(0);
        Received r = heldPeer.receive(1);
        return r.isOk() ? "data" : r.error();
    }

    /** Releases what {@link #hold} took (after its bundle came back, the old service is gone already). */
    public void release() {
        Optional.ofNullable(heldPeer).ifPresent(Tcp::close);
        Optional.ofNullable(heldServer).ifPresent(Tcp::close);
        if (heldRef != null) {
            context.ungetService(heldRef);
        }
        heldRef = null;
        heldTransport = null;
        heldServer = null;
        heldPeer = null;
    }

    private ServiceReference<TransportProvider> reference(String name) throws Exception {
        return context.getServiceReferences(TransportProvider.class, "(mtcp.transport=" + name + ")").stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("no transport service " + name));
    }
}
