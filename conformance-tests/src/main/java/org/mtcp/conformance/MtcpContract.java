package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mtcp.conformance.Fixture.ok;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;
import org.mtcp.Result;
import org.mtcp.mtcp.FdAddress;
import org.mtcp.mtcp.Mtcp;
import org.mtcp.spi.SockAddr;

/**
 * mtcp, checklist items M1–M18 (the module, bind, accept, connect), M41 (close) and M51–M52 (msleep) of
 * behaviour.md section (h). Writes are in {@link MtcpWriteContract}, reads in {@link MtcpReadContract},
 * addresses and names in {@link MtcpAddressContract}.
 *
 * <p>The Java API types mtcp's integer arguments as {@code long} and its booleans as {@code boolean}, so the
 * Lua-only halves of some items (a float where an integer is needed, a numeric string as an fd, 0 as a
 * truthy flag) are checked by the compiler, not at run time; the tests say so where it matters.
 */
public interface MtcpContract extends TransportConformance {

    /** A descriptor number no transport has open (above this machine's fd limit for kernel fds). */
    int BAD_FD = 999_999;


    /** Decodes a raw IPv4 address as {@code string.unpack("<H>HBBBB")} does. */
    static int[] unpackInet(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        int family = b.order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffff;
        int port = b.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
        return new int[] {family, port, raw[4] & 0xff, raw[5] & 0xff, raw[6] & 0xff, raw[7] & 0xff};
    }

    /** The 16 bytes of ::1. */
    static byte[] ipv6Loopback() {
        byte[] a = new byte[16];
        a[15] = 1;
        return a;
    }

    /** The family field of a raw address (16 bits, host order: little-endian on x86 Linux). */
    static int rawFamily(byte[] raw) {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffff;
    }

    /** The port field of a raw address (16 bits, network order). */
    static int rawPort(byte[] raw) {
        return ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
    }

    /** The IP of a raw IPv4 (16-byte) or IPv6 (28-byte) address, decoded by hand. */
    static InetAddress rawIp(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw.length == 16 ? Arrays.copyOfRange(raw, 4, 8)
                    : Arrays.copyOfRange(raw, 8, 24));
        } catch (UnknownHostException e) {
            throw new AssertionError("not a raw IPv4/IPv6 address: " + raw.length + " bytes", e);
        }
    }

    @Test
    default void M1_moduleConstants(Fixture f) {
        assertEquals("0.2", Mtcp.VERSION);
        assertEquals(1024, Mtcp.BUFSIZE);
        Set<String> functions = new TreeSet<>();
        for (Method m : Mtcp.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                functions.add(m.getName());
            }
        }
        for (String name : List.of("accept", "bind", "close", "connect", "getaddrinfo", "getnameinfo",
                "getpeername", "getsockname", "msleep", "read", "write")) {
            assertTrue(functions.contains(name), "mtcp has no function " + name + ": " + functions);
        }
    }

    @Test
    default void M2_bindReturnsFdAndTheRequestedAddress(Fixture f) {
        FdAddress b = ok(f.mtcp.bind("127.0.0.1", "0"));
        f.trackFd(b.fd());
        assertTrue(b.fd() >= 0);
        assertEquals(16, b.address().length);
        assertArrayEquals(new int[] {2, 0, 127, 0, 0, 1}, unpackInet(b.address()));
    }

    @Test
    default void M3_getsocknameGivesTheRealPortAndZeroPadding(Fixture f) {
        int fd = f.mtcpServer("127.0.0.1");
        byte[] raw = ok(f.mtcp.getsockname(fd));
        assertEquals(16, raw.length);
        int[] d = unpackInet(raw);
        assertEquals(2, d[0]);
        assertTrue(d[1] > 0);
        assertArrayEquals(new int[] {127, 0, 0, 1}, new int[] {d[2], d[3], d[4], d[5]});
        for (int i = 8; i < 16; i++) {
            assertEquals(0, raw[i]);
        }
    }

    @Test
    default void M4_bindAcceptsANumericService(Fixture f) {
        FdAddress b = ok(f.mtcp.bind("127.0.0.1", 0L));
        f.trackFd(b.fd());
        assertTrue(b.fd() >= 0);
        assertArrayEquals(new int[] {2, 0, 127, 0, 0, 1}, unpackInet(b.address()));
        assertTrue(f.mtcpPort(b.fd()) > 0);
    }

    @Test
    default void M5_bindWithoutAHostRaises(Fixture f) {
        LuaError e = assertThrows(LuaError.class, () -> f.mtcp.bind(null, "0"));
        assertEquals("bad argument #1 to 'mtcp.bind' (string expected, got nil)", e.getMessage());
    }

    /** [pinned] The C code raises this; the port returns it, as the page says. */
    @Test
    default void M6_bindOnAnUnresolvableHostReturnsTheResolverError(Fixture f) {
        Result<FdAddress> r = f.mtcp.bind("host.is.invalid", "0");
        assertFalse(r.isOk(), () -> "bound to host.is.invalid: " + r);
        assertEquals("getaddrinfo (host.is.invalid) Name or service not known", r.error());
    }

    @Test
    default void M7_bindToAPortAlreadyListeningFails(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        Result<FdAddress> r = f.mtcp.bind("127.0.0.1", Integer.toString(f.mtcpPort(server)));
        if (r.isOk()) {
            f.trackFd(r.value().fd());
        }
        assertEquals("bind error: -1  98", r.error());
    }

    /** No SO_REUSEADDR: the server's port is held by the TIME_WAIT its active close left behind. */
    @Test
    default void M8_noReuseaddrRebindAfterActiveCloseFails(Fixture f) {
        MtcpConnection c = MtcpConnection.open(f);
        int port = f.mtcpPort(c.server());
        ok(f.mtcp.close(c.accepted()));
        assertEquals("", Bytes.str(ok(f.mtcp.read(c.client(), 1024, 5000))), "the server's FIN");
        ok(f.mtcp.close(c.client()));
        ok(f.mtcp.close(c.server()));
        Peer.pause(100);
        Result<FdAddress> r = f.mtcp.bind("127.0.0.1", Integer.toString(port));
        if (r.isOk()) {
            f.trackFd(r.value().fd());
            Assumptions.assumeFalse(TimeWaitTable.full(), "the kernel's TIME_WAIT table is full (tcp_max_tw_buckets): "
                    + "it kept no TIME_WAIT for the server's port");
        }
        assertEquals("bind error: -1  98", r.error());
    }

    @Test
    default void M9_bindOnTheIpv4WildcardIsReachableOnLoopback(Fixture f) {
        FdAddress b = ok(f.mtcp.bind("0.0.0.0", "0"));
        int server = f.trackFd(b.fd());
        assertArrayEquals(new int[] {2, 0, 0, 0, 0, 0}, unpackInet(b.address()));
        int port = f.mtcpPort(server);
        int client = f.mtcpConnect("127.0.0.1", port);
        int accepted = f.trackFd(ok(f.mtcp.accept(server)).fd());
        assertEquals(2L, ok(f.mtcp.write(client, Bytes.of("hi"))));
        assertEquals("hi", Bytes.str(ok(f.mtcp.read(accepted, 2, 5000))));
    }

    @Test
    default void M10_bindOnIpv6LoopbackReturnsA28ByteAddress(Fixture f) {
        f.assumeIpv6();
        FdAddress b = ok(f.mtcp.bind("::1", "0"));
        f.trackFd(b.fd());
        byte[] raw = b.address();
        assertEquals(28, raw.length);
        assertEquals(10, rawFamily(raw));
        assertEquals(0, rawPort(raw), "the resolver's address, port as asked");
        assertArrayEquals(ipv6Loopback(), Arrays.copyOfRange(raw, 8, 24));
    }

    /** [soft] Without any accept call, 32 connections still complete (the kernel's accept queue). */
    @Test
    default void M11_listenBacklogIs32(Fixture f) throws IOException {
        int server = f.mtcpServer("127.0.0.1");
        int port = f.mtcpPort(server);
        for (int i = 1; i <= 32; i++) {
            Socket s = f.track(new Socket());
            try {
                s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 3000);
            } catch (IOException e) {
                fail("connect #" + i + " did not complete without accept: " + e);
            }
        }
    }

    @Test
    default void M12_acceptReturnsTheClientsAddress(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        int client = f.mtcpConnect("127.0.0.1", f.mtcpPort(server));
        FdAddress a = ok(f.mtcp.accept(server));
        f.trackFd(a.fd());
        assertTrue(a.fd() >= 0);
        assertEquals(16, a.address().length);
        assertArrayEquals(ok(f.mtcp.getsockname(client)), a.address());
    }

    /** The address is the one accept(2) saw, even when the client reset before the accept call. */
    @Test
    default void M12_acceptReturnsTheAddressOfAClientThatAlreadyReset(Fixture f) throws IOException {
        int server = f.mtcpServer("127.0.0.1");
        Socket client = new Socket(InetAddress.getByName("127.0.0.1"), f.mtcpPort(server));
        byte[] expected = SockAddr.of((InetSocketAddress) client.getLocalSocketAddress()).raw();
        client.setSoLinger(true, 0);
        client.close();
        FdAddress a = ok(f.mtcp.accept(server));
        f.trackFd(a.fd());
        assertArrayEquals(expected, a.address());
    }

    @Test
    default void M13_acceptHasNoTimeout(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        Background<Result<FdAddress>> accepting = Background.start(() -> f.mtcp.accept(server));
        Peer.pause(1200);
        assertFalse(accepting.isDone(), () -> "accept returned with no client: " + accepting.getNow(null));
        int client = f.mtcpConnect("127.0.0.1", f.mtcpPort(server));
        FdAddress a = ok(accepting.await(5));
        f.trackFd(a.fd());
        assertArrayEquals(ok(f.mtcp.getsockname(client)), a.address());
    }

    @Test
    default void M14_acceptOnABadFd(Fixture f) {
        assertEquals("accept error: 9", f.mtcp.accept(BAD_FD).error());
    }

    @Test
    default void M15_connectReturnsFdAndTheServerAddress(Fixture f) {
        int server = f.mtcpServer("127.0.0.1");
        int port = f.mtcpPort(server);
        FdAddress c = ok(f.mtcp.connect("127.0.0.1", Integer.toString(port)));
        f.trackFd(c.fd());
        assertTrue(c.fd() >= 0);
        assertEquals(16, c.address().length);
        assertArrayEquals(new int[] {2, port, 127, 0, 0, 1}, unpackInet(c.address()));
        FdAddress numeric = ok(f.mtcp.connect("127.0.0.1", (long) port));
        f.trackFd(numeric.fd());
        assertArrayEquals(new int[] {2, port, 127, 0, 0, 1}, unpackInet(numeric.address()));
    }

    @Test
    default void M16_connectToAClosedPortIsRefused(Fixture f) {
        int fd = f.mtcpServer("127.0.0.1");
        int port = f.mtcpPort(fd);
        f.mtcp.close(fd);
        Result<FdAddress> r = f.mtcp.connect("127.0.0.1", Integer.toString(port));
        assertFalse(r.isOk());
        assertEquals("connect error: -1  111", r.error());
    }

    /** [pinned] The C code raises this; the port returns it. */
    @Test
    default void M17_connectToAnUnresolvableHostReturnsTheResolverError(Fixture f) {
        Result<FdAddress> r = f.mtcp.connect("host.is.invalid", "80");
        assertFalse(r.isOk(), () -> "connected to host.is.invalid: " + r);
        assertTrue(r.error().startsWith("getaddrinfo ("), r.error());
    }

    /**
     * [soft] With a name that resolves to both loopbacks, connect tries them in resolver order: with only
     * the later one listening, it returns that one; with both listening, the first.
     */
    @Test
    default void M18_connectTriesTheResolvedAddressesInOrder(Fixture f) throws IOException {
        List<byte[]> resolved = ok(f.mtcp.getaddrinfo("localhost"));
        boolean dualStack = resolved.stream().anyMatch(a -> a.length == 16)
                && resolved.stream().anyMatch(a -> a.length == 28);
        Assumptions.assumeTrue(dualStack, () -> "'localhost' resolves to " + resolved.size()
                + " address(es) of one family here; connect's address order needs a dual-stack name");
        f.assumeIpv6();
        byte[] first = resolved.get(0);
        byte[] later = resolved.stream().filter(a -> a.length != first.length).findFirst().orElseThrow();
        Peer onLater = f.track(Peer.listen(rawIp(later).getHostAddress())).serve(s -> { });
        FdAddress c = ok(f.mtcp.connect("localhost", onLater.service()));
        f.trackFd(c.fd());
        assertEquals(later.length, c.address().length, "the address that worked");
        assertEquals(rawIp(later), rawIp(c.address()));
        assertEquals(onLater.port(), rawPort(c.address()));
        ServerSocket onFirst = f.track(new ServerSocket());
        onFirst.bind(new InetSocketAddress(rawIp(first), onLater.port()));
        FdAddress d = ok(f.mtcp.connect("localhost", onLater.service()));
        f.trackFd(d.fd());
        assertEquals(rawIp(first), rawIp(d.address()), "the first resolved address when it works");
    }

    @Test
    default void M41_closeThenCloseAgain(Fixture f) {
        int fd = ok(f.mtcp.bind("127.0.0.1", "0")).fd();
        assertEquals(Boolean.TRUE, ok(f.mtcp.close(fd)));
        assertEquals("close error: 9", f.mtcp.close(fd).error());
    }

    /** msleep(1.0) in Lua is msleep(1) here: the Java parameter is an integer. */
    @Test
    default void M51_msleepSleepsAtLeastTheTime(Fixture f) {
        long start = System.nanoTime();
        assertEquals(Boolean.TRUE, ok(f.mtcp.msleep(10)));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= 10_000_000L, () -> "slept only " + elapsed + " ns");
        assertEquals(Boolean.TRUE, ok(f.mtcp.msleep(1)));
    }

    /**
     * msleep(-1) returns EINVAL. Lua's msleep(1.5) raises "number has no integer representation"; in Java
     * the parameter is a {@code long}, so no public msleep may take a fractional type.
     */
    @Test
    default void M52_msleepErrors(Fixture f) {
        assertEquals("nanosleep error: 22", f.mtcp.msleep(-1).error());
        for (Method m : Mtcp.class.getMethods()) {
            if (m.getName().equals("msleep")) {
                assertEquals(List.of(long.class), List.of(m.getParameterTypes()),
                        "msleep must take only an integer count, as Lua's check demands");
            }
        }
    }
}
