package org.mtcp.transport.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.transport.ffm.Net.SECOND;
import static org.mtcp.transport.ffm.Net.assertErrno;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** Linux non-blocking connect semantics, as LuaSocket drives them. */
class ConnectTest {
    private Transport t;

    @BeforeEach
    void open() {
        t = Net.open();
    }

    @AfterEach
    void close() {
        t.close();
    }

    private int pollOut(int fd) throws Exception {
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {fd}, new int[] {Transport.POLLOUT}, rev, 1, 5 * SECOND));
        return rev[0];
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void zeroWaitConnectThenPollThenConnectAgainIsZeroThenEisconn(Family f) throws Exception {
        int l = Net.listener(t, f);
        SockAddr to = Net.loopback(f, Net.port(t, l));
        int c = Net.socket(t, f);
        int first = t.connect(c, to, 0);
        assertTrue(first == 0 || first == Transport.TIMEOUT, "first " + first);
        if (first == Transport.TIMEOUT) {
            assertTrue((pollOut(c) & Transport.POLLOUT) != 0);
            // Completed while nobody waited: the next connect reports it once...
            assertEquals(0, t.connect(c, to, 0));
        }
        // ...and then the socket is connected.
        assertErrno(Errno.EISCONN, () -> t.connect(c, to, 0));
        assertErrno(Errno.EISCONN, () -> t.connect(c, to, SECOND));
        assertEquals(0, t.getOption(c, SocketOption.ERROR));
        assertEquals(t.localAddress(c), t.remoteAddress(t.accept(l, SECOND)));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void refusedZeroWaitConnectReportsRefusedToTheNextConnect(Family f) throws Exception {
        int bound = Net.socket(t, f);
        t.bind(bound, Net.loopback(f, 0));
        SockAddr to = Net.loopback(f, Net.port(t, bound));
        int c = Net.socket(t, f);
        int first;
        try {
            first = t.connect(c, to, 0);
        } catch (org.mtcp.spi.ErrnoException e) {
            // Loopback may refuse within the call itself.
            assertEquals(Errno.ECONNREFUSED, e.errno());
            return;
        }
        assertEquals(Transport.TIMEOUT, first);
        int rev = pollOut(c);
        assertTrue((rev & Transport.POLLOUT) != 0, "revents " + rev);
        assertTrue((rev & (Transport.POLLERR | Transport.POLLHUP)) != 0, "revents " + rev);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c, to, 0));
        // The failed attempt left the socket unconnected: another attempt starts over (and is refused again).
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c, to, 5 * SECOND));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void blockingAndBoundedConnects(Family f) throws Exception {
        int l = Net.listener(t, f);
        SockAddr to = Net.loopback(f, Net.port(t, l));
        int a = Net.socket(t, f);
        assertEquals(0, t.connect(a, to, -1));
        int b = Net.socket(t, f);
        assertEquals(0, t.connect(b, to, 5 * SECOND));
        assertErrno(Errno.EISCONN, () -> t.connect(b, to, -1));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectAfterLocalBind(Family f) throws Exception {
        int l = Net.listener(t, f);
        int c = Net.socket(t, f);
        t.bind(c, Net.loopback(f, 0));
        int localPort = Net.port(t, c);
        assertEquals(0, t.connect(c, Net.loopback(f, Net.port(t, l)), 5 * SECOND));
        assertEquals(localPort, Net.port(t, c));
    }

    @org.junit.jupiter.api.Test
    void familyMismatchIsTheKernelsAnswer() throws Exception {
        int v4 = t.socket(Family.INET);
        assertErrno(Errno.EAFNOSUPPORT, () -> t.connect(v4, Net.loopback(Family.INET6, 1), 0));
        int v6 = t.socket(Family.INET6);
        assertErrno(Errno.EINVAL, () -> t.connect(v6, Net.loopback(Family.INET, 1), 0));
    }

    @org.junit.jupiter.api.Test
    void dualStackV6SocketReachesV4ListenerUnlessV6Only() throws Exception {
        int l = Net.listener(t, Family.INET);
        int port = Net.port(t, l);
        SockAddr mapped = SockAddr.inet6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
            127, 0, 0, 1}, port, 0, 0);
        int dual = t.socket(Family.INET6); // Linux default: not v6-only
        assertEquals(Boolean.FALSE, t.getOption(dual, SocketOption.IPV6_V6ONLY));
        assertEquals(0, t.connect(dual, mapped, 5 * SECOND));
        assertTrue(t.remoteAddress(dual).isV4Mapped());
        int only = t.socket(Family.INET6);
        t.setOption(only, SocketOption.IPV6_V6ONLY, true);
        assertErrno(Errno.ENETUNREACH, () -> t.connect(only, mapped, 5 * SECOND));
    }
}
