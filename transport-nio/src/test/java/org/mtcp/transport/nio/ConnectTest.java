package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLERR;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLOUT;
import static org.mtcp.transport.nio.Net.SECOND;
import static org.mtcp.transport.nio.Net.assertErrno;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/** Linux's non-blocking connect sequence, as the Transport contract spells it out. */
class ConnectTest extends NioTransportTestBase {

    private int poll1(int fd, int events, long wait) throws Exception {
        int[] rev = new int[1];
        int n = t.poll(new int[] {fd}, new int[] {events}, rev, 1, wait);
        assertEquals(rev[0] != 0 ? 1 : 0, n);
        return rev[0];
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void zeroWaitConnectThenPollOutThenConnectGivesZeroOnceThenEisconn(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr to = Net.lo(f, Net.port(t, s));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0), "in progress");
        assertEquals(POLLOUT, poll1(c, POLLOUT, 5 * SECOND));
        assertEquals(0, t.connect(c, to, 0));
        assertErrno(Errno.EISCONN, () -> t.connect(c, to, 0));
        assertErrno(106, () -> t.connect(c, to, -1));
        assertEquals(to, t.remoteAddress(c));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void aConnectThatFinishedUnobservedStillReturnsZeroOnce(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr to = Net.lo(f, Net.port(t, s));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        int a = t.accept(s, 5 * SECOND); // the connection is established, nobody asked the client
        assertTrue(a >= 0);
        assertEquals(1, t.write(c, new byte[] {5}, 0, 1, SECOND), "data can flow before connect is called again");
        assertEquals(0, t.connect(c, to, 0));
        assertErrno(Errno.EISCONN, () -> t.connect(c, to, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void aLaterCallWaitsForTheConnectionInProgress(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr to = Net.lo(f, Net.port(t, s));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        // Another address is ignored while a connection is in progress, as on Linux.
        assertEquals(0, t.connect(c, Net.lo(f, 1), 5 * SECOND));
        assertEquals(to, t.remoteAddress(c));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void refusedNonBlockingConnectIsReportedByTheNextConnect(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        int c = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c, nobody, 0));
        int rev = poll1(c, POLLIN | POLLOUT, 5 * SECOND);
        assertEquals(POLLIN | POLLOUT | POLLERR | POLLHUP, rev, () -> "Linux shows 0x1d, got " + Integer.toHexString(rev));
        assertEquals(POLLERR | POLLHUP, poll1(c, 0, 0), "error and hang-up whatever was asked");
        assertErrno(111, () -> t.connect(c, nobody, 0));
        // Reported: the socket is unconnected again (an unconnected Linux socket polls OUT|HUP).
        assertEquals(POLLOUT | POLLHUP, poll1(c, POLLIN | POLLOUT, 0));
        assertErrno(Errno.ENOTCONN, () -> t.read(c, new byte[1], 0, 1, 0));
        // And it can connect again.
        int s = Net.listener(t, f);
        assertEquals(0, t.connect(c, Net.lo(f, Net.port(t, s)), 5 * SECOND));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void readingSoErrorClearsItAndConnectThenSaysEconnaborted(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        int c = t.socket(f);
        assertEquals(0, t.getOption(c, SocketOption.ERROR));
        assertEquals(Transport.TIMEOUT, t.connect(c, nobody, 0));
        assertTrue((poll1(c, POLLOUT, 5 * SECOND) & POLLERR) != 0);
        assertEquals(Errno.ECONNREFUSED, t.getOption(c, SocketOption.ERROR));
        assertEquals(0, t.getOption(c, SocketOption.ERROR), "reading it cleared it");
        assertEquals(POLLIN | POLLOUT | POLLHUP, poll1(c, POLLIN | POLLOUT, 0), "Linux shows 0x15");
        assertEquals(Transport.EOF, t.read(c, new byte[1], 0, 1, 0));
        assertErrno(Errno.EPIPE, () -> t.write(c, new byte[1], 0, 1, 0));
        assertErrno(Errno.ECONNABORTED, () -> t.connect(c, nobody, 0));
        assertEquals(Transport.TIMEOUT, t.connect(c, nobody, 0), "a new attempt starts");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void readAfterARefusedConnectGetsTheErrorOnce(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        int c = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c, nobody, 0));
        assertErrno(Errno.ECONNREFUSED, () -> t.read(c, new byte[1], 0, 1, 5 * SECOND));
        assertEquals(Transport.EOF, t.read(c, new byte[1], 0, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectToPortZeroIsRefused(Family f) throws Exception {
        Net.assume(f);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(t.socket(f), Net.lo(f, 0), 5 * SECOND));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectOnAListeningSocketIsEisconn(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        assertErrno(Errno.EISCONN, () -> t.connect(s, Net.lo(f, Net.port(t, s)), 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void aBoundSocketKeepsItsAddressAfterARefusedConnect(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        int c = t.socket(f);
        SockAddr local = Net.refusing(t, f); // a free port, bound explicitly: Linux keeps it
        t.bind(c, local);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c, nobody, 5 * SECOND));
        assertEquals(local, t.localAddress(c));
        int s = Net.listener(t, f);
        assertEquals(0, t.connect(c, Net.lo(f, Net.port(t, s)), 5 * SECOND));
        assertEquals(local, t.localAddress(c));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void optionsSurviveARefusedConnect(Family f) throws Exception {
        Net.assume(f);
        SockAddr nobody = Net.refusing(t, f);
        int c = t.socket(f);
        t.setOption(c, SocketOption.TCP_NODELAY, true);
        t.setOption(c, SocketOption.KEEPALIVE, true);
        assertErrno(Errno.ECONNREFUSED, () -> t.connect(c, nobody, 5 * SECOND));
        assertEquals(true, t.getOption(c, SocketOption.TCP_NODELAY));
        assertEquals(true, t.getOption(c, SocketOption.KEEPALIVE));
    }
}
