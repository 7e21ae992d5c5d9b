package org.mtcp.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.spi.Transport.POLLOUT;
import static org.mtcp.transport.nio.Net.MS;
import static org.mtcp.transport.nio.Net.SECOND;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** poll over listening, connecting, connected, unconnected and closed descriptors. */
class PollTest extends NioTransportTestBase {

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void listenerIsReadableWhenAConnectionIsPending(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int[] rev = new int[1];
        assertEquals(0, t.poll(new int[] {s}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(0, rev[0]);
        int c = t.socket(f);
        t.connect(c, Net.lo(f, Net.port(t, s)), 5 * SECOND);
        assertEquals(1, t.poll(new int[] {s}, new int[] {POLLIN | POLLOUT}, rev, 1, 5 * SECOND));
        assertEquals(POLLIN, rev[0], "a listener is never writable");
        assertTrue(t.accept(s, 0) >= 0, "accept does not wait after POLLIN");
    }

    @Test
    void closedAndUnknownDescriptorsArePollnvalAndNegativeOnesIgnored() throws Exception {
        int s = t.socket(Family.INET);
        t.close(s);
        int[] rev = {99, 99, 99};
        assertEquals(2, t.poll(new int[] {s, -1, 1000}, new int[] {POLLIN, POLLIN, POLLOUT}, rev, 3, 5 * SECOND));
        assertEquals(POLLNVAL, rev[0]);
        assertEquals(0, rev[1]);
        assertEquals(POLLNVAL, rev[2]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectedSocketReadinessFollowsData(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(POLLOUT, rev[0]);
        assertEquals(0, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 50 * MS));
        t.write(p.accepted(), new byte[] {1}, 0, 1, SECOND);
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 5 * SECOND));
        assertEquals(POLLIN, rev[0]);
        t.read(p.client(), new byte[1], 0, 1, 0);
        assertEquals(0, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 0), "drained");
        t.close(p.accepted());
        assertEquals(1, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 5 * SECOND));
        assertEquals(POLLIN, rev[0] & POLLIN, "end of stream is readable");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void unconnectedSocketIsOutAndHup(Family f) throws Exception {
        Net.assume(f);
        int s = t.socket(f);
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {s}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(POLLOUT | POLLHUP, rev[0], "what Linux reports for a fresh TCP socket");
        assertEquals(1, t.poll(new int[] {s}, new int[] {POLLIN}, rev, 1, 0));
        assertEquals(POLLHUP, rev[0]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void connectingSocketBecomesWritable(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        int c = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c, Net.lo(f, Net.port(t, s)), 0));
        int[] rev = new int[1];
        assertEquals(1, t.poll(new int[] {c}, new int[] {POLLOUT}, rev, 1, 5 * SECOND));
        assertEquals(POLLOUT, rev[0]);
        assertTrue(t.accept(s, 5 * SECOND) >= 0);
        // Only POLLIN asked: the finished connect alone is not an answer, the data is.
        int c2 = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c2, Net.lo(f, Net.port(t, s)), 0));
        int a2 = t.accept(s, 5 * SECOND);
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(100);
                t.write(a2, new byte[] {4}, 0, 1, SECOND);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        later.start();
        int[] r1 = new int[1];
        assertEquals(1, t.poll(new int[] {c2}, new int[] {POLLIN}, r1, 1, 5 * SECOND));
        assertEquals(POLLIN, r1[0]);
        later.join(5000);
        assertEquals(0, t.connect(c2, Net.lo(f, Net.port(t, s)), 0));
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void mixedSetReportsOnlyTheReadyOnesAndDuplicates(Family f) throws Exception {
        Net.assume(f);
        int s = Net.listener(t, f);
        List<Net.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pairs.add(Net.pair(t, f));
        }
        int[] fds = new int[12];
        int[] ev = new int[12];
        for (int i = 0; i < 5; i++) {
            fds[i] = pairs.get(i).accepted();
            ev[i] = POLLIN;
        }
        fds[5] = s;
        ev[5] = POLLIN;
        for (int i = 6; i < 11; i++) {
            fds[i] = pairs.get(i - 6).client();
            ev[i] = POLLIN;
        }
        fds[11] = pairs.get(3).accepted(); // a duplicate, asking for POLLOUT
        ev[11] = POLLOUT;
        int[] rev = new int[12];
        assertEquals(1, t.poll(fds, ev, rev, 12, 5 * SECOND), "only the duplicate's POLLOUT");
        assertEquals(POLLOUT, rev[11]);
        t.write(pairs.get(3).client(), new byte[] {1}, 0, 1, SECOND);
        assertEquals(2, t.poll(fds, ev, rev, 12, 5 * SECOND));
        assertEquals(POLLIN, rev[3]);
        assertEquals(POLLOUT, rev[11]);
        for (int i = 0; i < 12; i++) {
            if (i != 3 && i != 11) {
                assertEquals(0, rev[i], "entry " + i);
            }
        }
        // The same set minus the duplicate, then with another ready: registrations stay, interest follows.
        t.read(pairs.get(3).accepted(), new byte[1], 0, 1, 0);
        t.write(pairs.get(1).accepted(), new byte[] {1}, 0, 1, SECOND);
        assertEquals(1, t.poll(fds, ev, rev, 11, 5 * SECOND));
        assertEquals(POLLIN, rev[7]);
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void pollTimesOutWithZero(Family f) throws Exception {
        Net.assume(f);
        Net.Pair p = Net.pair(t, f);
        int[] rev = new int[1];
        long t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, 200 * MS));
        assertTrue(System.nanoTime() - t0 >= 190 * MS);
        assertEquals(0, t.poll(new int[0], new int[0], new int[0], 0, 20 * MS), "no descriptors: a sleep");
    }

    @ParameterizedTest
    @EnumSource(names = {"INET", "INET6"})
    void manyPollsOfAStableSetStayCorrect(Family f) throws Exception {
        Net.assume(f);
        List<Net.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pairs.add(Net.pair(t, f));
        }
        int[] fds = pairs.stream().mapToInt(Net.Pair::accepted).toArray();
        int[] ev = new int[fds.length];
        java.util.Arrays.fill(ev, POLLIN);
        int[] rev = new int[fds.length];
        byte[] b = new byte[1];
        for (int round = 0; round < 200; round++) {
            int i = (round * 7) % fds.length;
            t.write(pairs.get(i).client(), new byte[] {(byte) round}, 0, 1, SECOND);
            assertEquals(1, t.poll(fds, ev, rev, fds.length, 5 * SECOND));
            assertEquals(POLLIN, rev[i]);
            assertEquals(1, t.read(fds[i], b, 0, 1, 0));
            assertEquals((byte) round, b[0]);
        }
    }
}
