package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mtcp.conformance.Fixture.ok;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.mtcp.Result;
import org.mtcp.luasocket.Tcp;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;

/**
 * LuaSocket turns IPV6_V6ONLY on for every IPv6 socket it creates, so an IPv6 wildcard server takes no IPv4
 * client: an IPv4 connect to its port is refused, as the kernel refuses it. A transport that cannot enforce
 * the option (it does not declare {@link Capability#KERNEL_V6ONLY}: java.net and NIO sockets are always
 * dual-stack) must refuse to listen there instead ({@code "Operation not supported"}), never accept
 * the connection and drop it afterwards.
 */
public interface LuaSocketDualStackContract extends TransportConformance {

    @Test
    default void L61_tcp6WildcardServerTakesNoIpv4Clients(Fixture f) {
        f.assumeIpv6();
        Tcp server = f.track(ok(f.socket.tcp6()));
        assertEquals(1, ok(server.bind("*", 0)));
        int port = Fixture.port(server);
        Result<Integer> listening = server.listen();
        if (!listening.isOk()) {
            assertFalse(f.capabilities().contains(Capability.KERNEL_V6ONLY),
                    "a transport enforcing v6only in the kernel has no reason to refuse: " + listening);
            assertEquals(Result.fail(Errno.strerror(Errno.EOPNOTSUPP)), listening);
            return;
        }
        boolean connected;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            connected = true;
        } catch (IOException refused) {
            connected = false;
        }
        assertFalse(connected, "an IPv4 client connected to a tcp6 server on \"::\" (port " + port
                + "): IPV6_V6ONLY must be on, as LuaSocket sets it, or listen must be refused");
        server.settimeout(0.5);
        assertEquals(Result.fail("timeout"), server.accept().map(Tcp::className));
    }
}
