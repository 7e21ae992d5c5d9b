package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLOUT;
import static org.mtcp.transport.nio.Net.SECOND;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

/**
 * A poll (or an unlimited connect) that finds a connect already finished answers without a selection;
 * the answers must be those a selection gives.
 */
class FinishedConnectPollTest extends NioTransportTestBase {

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void finishedConnectNextToARegisteredListenerInOnePoll(Family f) throws Exception {
        Net.assume(f);
        int l = Net.listener(t, f);
        int l2 = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr to = Net.lo(f, Net.port(t, l));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        int c2 = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c2, Net.lo(f, Net.port(t, l2)), 0));
        int[] rev = new int[2];
        // l2 has a pending connection (needs the selector), c's connect has finished (does not).
        int tries = 0;
        int n;
        do {
            n = t.poll(new int[] {c, l2}, new int[] {POLLIN | POLLOUT, POLLIN}, rev, 2, 5 * SECOND);
        } while (n < 2 && ++tries < 50);
        assertEquals(2, n);
        assertEquals(POLLOUT, rev[0]);
        assertEquals(POLLIN, rev[1]);
        assertEquals(0, t.connect(c, to, 0), "0 once");
        Net.assertErrno(Errno.EISCONN, () -> t.connect(c, to, 0));
        // The socket polled without registering still closes at once and the peer sees it.
        int a = t.accept(l, 5 * SECOND);
        t.close(c);
        assertEquals(Transport.EOF, t.read(a, new byte[4], 0, 4, 5 * SECOND));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void pollAskingOnlyPollinWaitsForInput(Family f) throws Exception {
        Net.assume(f);
        int l = Net.listener(t, f);
        int c = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c, Net.lo(f, Net.port(t, l)), 0));
        int[] rev = new int[1];
        assertEquals(0, t.poll(new int[] {c}, new int[] {POLLIN}, rev, 1, SECOND / 10), "connected, nothing to read");
        int a = t.accept(l, 5 * SECOND);
        Net.writeAll(t, a, new byte[] {7});
        assertEquals(1, t.poll(new int[] {c}, new int[] {POLLIN}, rev, 1, 5 * SECOND));
        assertEquals(POLLIN, rev[0]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void unlimitedConnectToLoopbackThenRefused(Family f) throws Exception {
        Net.assume(f);
        int l = Net.listener(t, f);
        int c = t.socket(f);
        SockAddr to = Net.lo(f, Net.port(t, l));
        assertEquals(0, t.connect(c, to, -1));
        Net.assertErrno(Errno.EISCONN, () -> t.connect(c, to, -1));
        int r = t.socket(f);
        Net.assertErrno(Errno.ECONNREFUSED, () -> t.connect(r, Net.refusing(t, f), -1));
        assertTrue(t.accept(l, 5 * SECOND) >= 0);
    }
}
