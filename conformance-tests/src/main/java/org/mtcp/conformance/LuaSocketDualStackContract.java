package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtcp.conformance.Fixture.ok;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.mtcp.Result;
import org.mtcp.luasocket.Tcp;

/**
 * LuaSocket turns IPV6_V6ONLY on for every IPv6 socket it creates, so an IPv6 wildcard server never hands
 * out an IPv4 client (whether the kernel refuses it or a transport emulating v6only drops it).
 */
public interface LuaSocketDualStackContract extends TransportConformance {

    @Test
    default void L61_tcp6WildcardServerTakesNoIpv4Clients(Fixture f) {
        f.assumeIpv6();
        Tcp server = f.track(ok(f.socket.tcp6()));
        assertEquals(1, ok(server.bind("*", 0)));
        assertEquals(1, ok(server.listen()));
        int port = Fixture.port(server);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        } catch (IOException refusedOrReset) {
            // What a v6only server does to an IPv4 client; only what our server hands out matters.
        }
        server.settimeout(0.5);
        assertEquals(Result.fail("timeout"), server.accept().map(Tcp::className),
                "a tcp6 server on \"::\" must be IPv6-only (LuaSocket sets IPV6_V6ONLY on)");
    }
}
