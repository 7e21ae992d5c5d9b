package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.MS;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.SECOND;
import static org.mtcp.conformance.Sockets.async;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;
import static org.mtcp.conformance.Sockets.valueOf;
import static org.mtcp.spi.Transport.POLLERR;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;
import static org.mtcp.spi.Transport.POLLOUT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport#poll}: readiness exactly when Linux's {@code poll(2)} reports it, on listening,
 * connecting, connected, unconnected and closed descriptors, alone and in sets.
 */
public interface TransportPollContract extends TransportConformance {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T18_aListenerIsReadableExactlyWhileAConnectionIsPending(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        int[] rev = {99};
        assertEquals(0, t.poll(new int[] {l}, new int[] {POLLIN | POLLOUT}, rev, 1, 0));
        assertEquals(0, rev[0]);
        long start = System.nanoTime();
        assertEquals(0, s.poll1(l, POLLIN, 150 * MS), "nothing pending: the wait runs out");
        assertTrue(System.nanoTime() - start >= 150 * MS, "poll of an idle listener ended early");
        // recv on a listening socket is ENOTCONN at once, whatever the wait (mtcp's read polls first).
        assertEquals(Errno.ENOTCONN, errno(() -> t.read(l, new byte[4], 0, 4, 0)));
        int c = t.socket(family);
        assertEquals(0, t.connect(c, lo(family, s.port(l)), FOREVER));
        assertEquals(POLLIN, s.poll1(l, POLLIN | POLLOUT, PROMPT), "a listener is never writable");
        assertEquals(POLLIN, s.poll1(l, POLLIN, 0), "still pending");
        assertEquals(Errno.ENOTCONN, errno(() -> t.read(l, new byte[4], 0, 4, 0)));
        int a = t.accept(l, 0);
        assertTrue(a >= 0, "the pending connection is served without waiting");
        assertEquals(t.localAddress(c), t.remoteAddress(a));
        assertEquals(0, s.poll1(l, POLLIN, 50 * MS), "served: not readable any more");
    }

    @Test
    default void T19_closedAndUnknownDescriptorsArePollnvalAndNegativeOnesAreIgnored(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(Family.INET);
        t.close(p.client());
        int[] fds = {p.client(), -1, Sockets.farFd(), p.accepted(), p.listener()};
        // The accepted end asks for nothing (a FIN is no error nor hang-up), the listener has nothing pending.
        int[] ev = {POLLIN | POLLOUT, POLLIN, POLLOUT, 0, POLLIN};
        int[] rev = {99, 99, 99, 99, 99};
        int n = t.poll(fds, ev, rev, 5, PROMPT);
        // A kernel number may have been reused by the JVM meanwhile: then only the other entries are checked.
        boolean reused = t.capabilities().contains(org.mtcp.spi.Capability.REAL_DESCRIPTORS)
                && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/fd/" + p.client()));
        if (!reused) {
            assertEquals(2, n);
            assertEquals(POLLNVAL, rev[0]);
        }
        assertEquals(0, rev[1]);
        assertEquals(POLLNVAL, rev[2]);
        assertEquals(0, rev[3]);
        assertEquals(0, rev[4]);
        // count below the array lengths: the rest is neither read nor written.
        int[] rev2 = {5, 5};
        assertEquals(0, t.poll(new int[] {p.listener(), -7}, new int[] {POLLIN, 0}, rev2, 1, 0));
        assertEquals(5, rev2[1]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T20_aConnectedSocketIsWritableAndReadableWhenDataComes(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        int[] rev = new int[2];
        int both = POLLIN | POLLOUT;
        assertEquals(2, t.poll(new int[] {p.client(), p.accepted()}, new int[] {both, both}, rev, 2, 0));
        assertArrayEquals(new int[] {POLLOUT, POLLOUT}, rev);
        long start = System.nanoTime();
        assertEquals(0, s.poll1(p.client(), POLLIN, 200 * MS));
        long took = System.nanoTime() - start;
        assertTrue(took >= 200 * MS && took < PROMPT, "took " + took / MS + " ms");
        assertEquals(0, s.poll1(p.client(), POLLIN, 0));
        s.writeAll(p.accepted(), "ping");
        assertEquals(POLLIN, s.poll1(p.client(), POLLIN, PROMPT));
        // Whatever poll looked at is read back in full and in order.
        byte[] buf = new byte[16];
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 4) {
            int n = t.read(p.client(), buf, 0, 16, PROMPT);
            assertTrue(n > 0);
            sb.append(new String(buf, 0, n));
        }
        assertEquals("ping", sb.toString());
        assertEquals(0, s.poll1(p.client(), POLLIN, 0), "drained");
        t.close(p.accepted());
        assertEquals(POLLIN, s.poll1(p.client(), POLLIN, PROMPT) & POLLIN, "end of stream is readable");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T21_dataArrivingWakesAnUnlimitedPoll(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        int[] rev = new int[1];
        CompletableFuture<Integer> polled = async(() -> t.poll(new int[] {p.client()}, new int[] {POLLIN}, rev, 1, FOREVER));
        Peer.pause(200);
        assertFalse(polled.isDone(), "poll returned without data");
        s.writeAll(p.accepted(), "x");
        assertEquals(1, valueOf(polled));
        assertEquals(POLLIN, rev[0]);
        byte[] one = new byte[1];
        assertEquals(1, t.read(p.client(), one, 0, 1, 0));
        assertArrayEquals("x".getBytes(), one);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T22_aPeerCloseAndAResetPollAsLinuxReportsThem(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        t.close(p.accepted());
        assertEquals(POLLIN | POLLOUT, s.poll1(p.client(), POLLIN | POLLOUT, PROMPT),
                "FIN: readable (EOF), still writable, no hang-up yet");
        s.assumeCapability(Capability.POLL_ERROR_EVENTS);
        Sockets.Pair q = s.pair(family);
        t.setOption(q.accepted(), SocketOption.LINGER, new Linger(true, 0));
        t.close(q.accepted());
        Peer.pause(100);
        assertEquals(POLLIN | POLLOUT | POLLERR | POLLHUP, s.poll1(q.client(), POLLIN | POLLOUT, PROMPT));
        assertEquals(POLLERR | POLLHUP, s.poll1(q.client(), 0, 0), "asked for nothing, errors and hang-ups are reported");
        assertEquals(104, t.getOption(q.client(), SocketOption.ERROR));
        assertEquals(0, t.getOption(q.client(), SocketOption.ERROR));
        assertEquals(POLLIN | POLLOUT | POLLHUP, s.poll1(q.client(), POLLIN | POLLOUT, 0));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T23_aFreshSocketIsWritableAndHungUpLikeLinux(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        int fd = s.socket(family);
        assertEquals(POLLOUT | POLLHUP, s.poll1(fd, POLLIN | POLLOUT, 0), "what Linux reports for a fresh TCP socket");
        assertEquals(POLLHUP, s.poll1(fd, POLLIN, 0));
        assertEquals(POLLOUT | POLLHUP, s.poll1(fd, POLLOUT, 0));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T24_aPollOverManySocketsReportsOnlyTheReadyOnesAndDuplicates(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        List<Sockets.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pairs.add(s.pair(family));
        }
        int[] fds = new int[12];
        int[] ev = new int[12];
        for (int i = 0; i < 5; i++) {
            fds[i] = pairs.get(i).accepted();
            ev[i] = POLLIN;
        }
        fds[5] = l;
        ev[5] = POLLIN;
        for (int i = 6; i < 11; i++) {
            fds[i] = pairs.get(i - 6).client();
            ev[i] = POLLIN;
        }
        fds[11] = pairs.get(3).accepted(); // a duplicate, asking for POLLOUT
        ev[11] = POLLOUT;
        int[] rev = new int[12];
        assertEquals(0, t.poll(fds, ev, rev, 11, 100 * MS), "nothing ready without the duplicate");
        assertEquals(1, t.poll(fds, ev, rev, 12, PROMPT), "only the duplicate's POLLOUT");
        assertEquals(POLLOUT, rev[11]);
        // A waiting poll finds the one that becomes ready.
        int[] rev11 = new int[11];
        CompletableFuture<Integer> polled = async(() -> t.poll(fds, ev, rev11, 11, PROMPT));
        Peer.pause(100);
        t.write(pairs.get(3).client(), new byte[] {1}, 0, 1, SECOND);
        assertEquals(1, valueOf(polled));
        assertEquals(POLLIN, rev11[3]);
        assertEquals(2, t.poll(fds, ev, rev, 12, PROMPT));
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
        assertEquals(1, t.poll(fds, ev, rev, 11, PROMPT));
        assertEquals(POLLIN, rev[7]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T25_manyPollsOfAStableSetStayCorrect(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        List<Sockets.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pairs.add(s.pair(family));
        }
        int[] fds = pairs.stream().mapToInt(Sockets.Pair::accepted).toArray();
        int[] ev = new int[fds.length];
        Arrays.fill(ev, POLLIN);
        int[] rev = new int[fds.length];
        byte[] b = new byte[1];
        for (int round = 0; round < 200; round++) {
            int i = (round * 7) % fds.length;
            t.write(pairs.get(i).client(), new byte[] {(byte) round}, 0, 1, SECOND);
            assertEquals(1, t.poll(fds, ev, rev, fds.length, PROMPT));
            assertEquals(POLLIN, rev[i]);
            assertEquals(1, t.read(fds[i], b, 0, 1, 0));
            assertEquals((byte) round, b[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T26_aConnectingSocketBecomesWritableWhenItsConnectFinishes(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        Sockets.Pair idle = s.pair(family);
        int c = t.socket(family);
        assertEquals(Transport.TIMEOUT, t.connect(c, lo(family, s.port(l)), 0));
        int[] rev = new int[2];
        assertEquals(1, t.poll(new int[] {c, idle.client()}, new int[] {POLLOUT, POLLIN}, rev, 2, PROMPT));
        assertArrayEquals(new int[] {POLLOUT, 0}, rev);
        assertTrue(t.accept(l, PROMPT) >= 0);
        // Only POLLIN asked: the finished connect alone is not an answer, the data is.
        int c2 = t.socket(family);
        assertEquals(Transport.TIMEOUT, t.connect(c2, lo(family, s.port(l)), 0));
        assertEquals(0, s.poll1(c2, POLLIN, 100 * MS), "connected, nothing to read");
        int a2 = t.accept(l, PROMPT);
        CompletableFuture<Integer> later = async(() -> {
            Peer.pause(100);
            return t.write(a2, new byte[] {4}, 0, 1, SECOND);
        });
        assertEquals(POLLIN, s.poll1(c2, POLLIN, PROMPT));
        assertEquals(1, valueOf(later));
        assertEquals(0, t.connect(c2, lo(family, s.port(l)), 0));
    }

    @Test
    default void T27_pollWaitsAsAskedAndAnEmptySetSleeps(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(Family.INET);
        int[] rev = new int[1];
        long t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[] {l}, new int[] {POLLIN}, rev, 1, 0));
        assertEquals(0, t.poll(new int[] {l}, new int[] {POLLIN}, rev, 1, 1)); // 1 ns
        assertTrue(System.nanoTime() - t0 < SECOND, "zero waits must not wait");
        t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[] {l}, new int[] {POLLIN}, rev, 1, 120 * MS));
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 120 * MS && waited < PROMPT, "waited " + waited / MS + " ms");
        t0 = System.nanoTime();
        assertEquals(0, t.poll(new int[0], new int[0], new int[0], 0, 60 * MS), "no descriptors: a sleep");
        assertTrue(System.nanoTime() - t0 >= 60 * MS);
    }
}
