package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;
import static org.mtcp.conformance.MtcpContract.rawFamily;
import static org.mtcp.conformance.MtcpContract.rawPort;
import static org.mtcp.conformance.MtcpContract.unpackInet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.HostPort;

/**
 * mtcp addresses and names, checklist items M42–M50 (behaviour.md section h): getsockname/getpeername
 * (with the pinned IPv6 fix and error texts), getaddrinfo and getnameinfo. Raw addresses are decoded by
 * hand here, independently of the SPI's own parser.
 */
public interface MtcpAddressContract extends TransportConformance {

    @Test
    default void M42_getpeernameOfTheClientIsTheServersGetsockname(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        byte[] peer = ok(f.mtcp.getpeername(c.client()));
        assertEquals(16, peer.length);
        assertArrayEquals(ok(f.mtcp.getsockname(c.server())), peer);
    }

    /** [pinned] The C code says "close error" for both. */
    @Test
    default void M43_getnameErrorsNameTheirCall(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        assertEquals("getpeername error: 107", f.mtcp.getpeername(server).error());
        assertEquals("getsockname error: 9", f.mtcp.getsockname(MtcpContract.BAD_FD).error());
    }

    /** [pinned bug fix] The C code returns 12 bytes of garbage after the first 16. */
    @Test
    default void M44_getsocknameOnIpv6IsTheFullAddress(Fixture f) throws IOException {
        f.assumeIpv6();
        int server = f.mtcpServer("::1");
        byte[] raw = ok(f.mtcp.getsockname(server));
        assertEquals(28, raw.length);
        assertEquals(10, rawFamily(raw));
        assertArrayEquals(MtcpContract.ipv6Loopback(), Arrays.copyOfRange(raw, 8, 24));
        int port = rawPort(raw);
        assertTrue(port > 0, "the real port");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("::1"), port), 3000);
            FdAddress a = ok(f.mtcp.accept(server));
            f.trackFd(a.fd());
            assertEquals(s.getLocalPort(), rawPort(a.address()), "a client of [::1]:" + port + " was accepted");
        }
    }

    @Test
    default void M45_acceptOnIpv6GivesA28BytePeerAddress(Fixture f) {
        f.assumeIpv6();
        int server = f.mtcpServer("::1");
        int client = f.mtcpConnect("::1", f.mtcpPort(server));
        FdAddress a = ok(f.mtcp.accept(server));
        f.trackFd(a.fd());
        assertEquals(28, a.address().length);
        assertEquals(10, rawFamily(a.address()));
        HostPort hp = ok(f.mtcp.getnameinfo(a.address(), true));
        assertEquals("::1", hp.host());
        assertEquals(rawPort(ok(f.mtcp.getsockname(client))), hp.port());
    }

    @Test
    default void M46_getaddrinfoGivesRawAddresses(Fixture f) {
        List<byte[]> v4 = ok(f.mtcp.getaddrinfo("127.0.0.1"));
        assertEquals(1, v4.size());
        assertEquals(16, v4.get(0).length);
        assertArrayEquals(new int[] {2, 0, 127, 0, 0, 1}, unpackInet(v4.get(0)));

        List<byte[]> v6 = ok(f.mtcp.getaddrinfo("::1", "80"));
        assertEquals(1, v6.size());
        byte[] raw = v6.get(0);
        assertEquals(28, raw.length);
        assertEquals(10, rawFamily(raw));
        assertEquals(80, rawPort(raw));
        assertArrayEquals(MtcpContract.ipv6Loopback(), Arrays.copyOfRange(raw, 8, 24));

        List<byte[]> http = ok(f.mtcp.getaddrinfo("127.0.0.1", "http"));
        assertEquals(1, http.size());
        assertArrayEquals(new int[] {2, 80, 127, 0, 0, 1}, unpackInet(http.get(0)));
    }

    @Test
    default void M47_getaddrinfoErrors(Fixture f) {
        assertEquals("getaddrinfo: -2 Name or service not known", f.mtcp.getaddrinfo("host.is.invalid").error());
        assertEquals("getaddrinfo: -8 Servname not supported for ai_socktype",
                f.mtcp.getaddrinfo("127.0.0.1", "no-such-service").error());
    }

    /** Lua's getnameinfo(addr, 0) is numeric too (0 is truthy); in Java the flag is a boolean. */
    @Test
    default void M48_getnameinfoNumeric(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        HostPort hp = ok(f.mtcp.getnameinfo(ok(f.mtcp.getsockname(server)), true));
        assertEquals(new HostPort("127.0.0.1", f.mtcpPort(server)), hp);
    }

    /** The host-name form is whatever the system's reverse lookup gives (here via the JDK). */
    @Test
    default void M49_getnameinfoByName(Fixture f) throws IOException {
        int server = f.mtcpServer("127.0.0.1");
        byte[] addr = ok(f.mtcp.getsockname(server));
        String name = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName();
        HostPort expected = new HostPort(name, f.mtcpPort(server));
        assertEquals(expected, ok(f.mtcp.getnameinfo(addr)));
        assertEquals(expected, ok(f.mtcp.getnameinfo(addr, false)));
    }

    @Test
    default void M50_getnameinfoOnATooShortAddress(Fixture f) {
        assertEquals("getnameinfo: -6 ai_family not supported", f.mtcp.getnameinfo(Bytes.of("xx"), true).error());
    }
}
