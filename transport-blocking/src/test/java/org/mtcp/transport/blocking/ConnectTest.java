package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

class ConnectTest extends TransportFixture {
    private static final int OUT = Transport.POLLOUT;
    private static final int ERR_HUP = Transport.POLLERR | Transport.POLLHUP;

    /** A port nobody listens on (bound, so nobody else takes it during the test). */
    private int deadPort(Family f) throws Exception {
        assumeFamily(f);
        int fd = t.socket(f);
        t.bind(fd, loopback(f, 0));
        return port(fd);
    }

    private int pollOne(int fd, int events, long waitNanos) throws Exception {
        int[] rev = new int[1];
        int n = t.poll(new int[] {fd}, new int[] {events}, rev, 1, waitNanos);
        assertEquals(rev[0] != 0 ? 1 : 0, n);
        return rev[0];
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void blockingConnectRefusedIs111(Family f) throws Exception {
        int p = deadPort(f);
        int c = t.socket(f);
        assertEquals(111, errno(() -> t.connect(c, loopback(f, p), FOREVER)));
        // The socket stays usable: after the refusal it connects again.
        int l = listener(f);
        assertEquals(0, t.connect(c, loopback(f, port(l)), FOREVER));
        assertTrue(t.accept(l, ms(PROMPT_MS)) >= 0);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void nonBlockingConnectThenPollThenConnectAgainGives0ThenEisconn(Family f) throws Exception {
        int l = listener(f);
        int c = t.socket(f);
        SockAddr to = loopback(f, port(l));
        // Linux never finishes a loopback connect inside connect(): zero wait means "in progress".
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        assertEquals(OUT, pollOne(c, Transport.POLLIN | OUT, ms(PROMPT_MS)));
        assertEquals(0, t.connect(c, to, 0));
        assertEquals(Errno.EISCONN, errno(() -> t.connect(c, to, 0)));
        assertEquals(Errno.EISCONN, errno(() -> t.connect(c, to, FOREVER)));
        assertTrue(t.accept(l, ms(PROMPT_MS)) >= 0);
        assertEquals(0, t.getOption(c, SocketOption.ERROR));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void aConnectThatCompletedWhileNobodyWaitedReports0Once(Family f) throws Exception {
        int l = listener(f);
        int c = t.socket(f);
        SockAddr to = loopback(f, port(l));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        pause(200);
        assertEquals(0, t.connect(c, to, FOREVER));
        assertEquals(Errno.EISCONN, errno(() -> t.connect(c, to, FOREVER)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void boundedWaitConnectSucceedsWithin(Family f) throws Exception {
        int l = listener(f);
        int c = t.socket(f);
        assertEquals(0, t.connect(c, loopback(f, port(l)), ms(PROMPT_MS)));
        assertEquals(Errno.EISCONN, errno(() -> t.connect(c, loopback(f, port(l)), 0)));
        assertEquals(f, t.remoteAddress(c).family());
        assertEquals(port(l), t.remoteAddress(c).port());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void refusedNonBlockingConnectReportsEconnrefusedToTheNextCall(Family f) throws Exception {
        int p = deadPort(f);
        int c = t.socket(f);
        SockAddr to = loopback(f, p);
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        // Finished badly: writable, with an error and a hang-up (Linux gives POLLIN too).
        int rev = pollOne(c, OUT, ms(PROMPT_MS));
        assertEquals(OUT | ERR_HUP, rev);
        assertEquals(Transport.POLLIN | OUT | ERR_HUP, pollOne(c, Transport.POLLIN | OUT, 0));
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, to, 0)));
        // The error was reported: the socket is plain unconnected again.
        assertEquals(OUT | Transport.POLLHUP, pollOne(c, Transport.POLLIN | OUT, 0));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, to, FOREVER)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void soErrorTakesTheConnectFailureAndTheNextConnectIsAborted(Family f) throws Exception {
        int p = deadPort(f);
        int c = t.socket(f);
        SockAddr to = loopback(f, p);
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        pollOne(c, OUT, ms(PROMPT_MS));
        assertEquals(Errno.ECONNREFUSED, t.getOption(c, SocketOption.ERROR));
        assertEquals(0, t.getOption(c, SocketOption.ERROR));
        // What Linux does after SO_ERROR took the error (LuaSocket then says "closed").
        assertEquals(Errno.ECONNABORTED, errno(() -> t.connect(c, to, 0)));
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void connectOnAListenerIsEisconnAndBindAfterConnectIsEinval(Family f) throws Exception {
        int[] p = pair(f);
        assertEquals(Errno.EISCONN, errno(() -> t.connect(p[0], loopback(f, 1), 0)));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(p[1], loopback(f, 0))));
        assertEquals(Errno.EINVAL, errno(() -> t.listen(p[1], 1)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void connectFromAnExplicitlyBoundAddress(Family f) throws Exception {
        int l = listener(f);
        int c = t.socket(f);
        t.bind(c, loopback(f, 0));
        int local = port(c);
        assertEquals(0, t.connect(c, loopback(f, port(l)), FOREVER));
        assertEquals(local, port(c));
        int s = t.accept(l, ms(PROMPT_MS));
        assertEquals(local, t.remoteAddress(s).port());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void connectToTheWildcardReachesLoopback(Family f) throws Exception {
        int l = t.socket(f);
        assumeFamily(f);
        t.listen(l, 4);
        int c = t.socket(f);
        SockAddr any = f == Family.INET ? SockAddr.inet(new byte[4], port(l)) : SockAddr.inet6(new byte[16], port(l), 0, 0);
        assertEquals(0, t.connect(c, any, FOREVER));
        assertTrue(t.accept(l, ms(PROMPT_MS)) >= 0);
    }

    @Test
    void ipv6SocketReachesIpv4ThroughAMappedAddressUnlessV6only() throws Exception {
        assumeFamily(Family.INET6);
        int l = listener(Family.INET);
        int c = t.socket(Family.INET6);
        assertEquals(0, t.connect(c, mapped(port(l)), FOREVER));
        assertTrue(t.remoteAddress(c).isV4Mapped());
        int v6only = t.socket(Family.INET6);
        t.setOption(v6only, SocketOption.IPV6_V6ONLY, true);
        assertEquals(101, errno(() -> t.connect(v6only, mapped(port(l)), FOREVER)));
        assertEquals(Errno.EINVAL, errno(() -> t.bind(v6only, mapped(0))));
    }

    @Test
    void readAndWriteWaitForAConnectInProgress() throws Exception {
        int[] p = pair(Family.INET);
        int c = t.socket(Family.INET);
        assertEquals(Transport.TIMEOUT, t.connect(c, loopback(Family.INET, port(p[0])), 0));
        assertEquals(3, t.write(c, "abc".getBytes(), 0, 3, ms(PROMPT_MS)));
        int s = t.accept(p[0], ms(PROMPT_MS));
        assertEquals("abc", readString(s, 3));
        // The connect had finished while nobody asked: it is still reported once.
        assertEquals(0, t.connect(c, loopback(Family.INET, port(p[0])), 0));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void zeroWaitLoopbackConnectIsReportedWithoutPeekDelays(Family f) throws Exception {
        assumeFamily(f);
        int l = listener(f);
        // The LuaSocket sequence: connect(0), poll for IN|OUT, SO_ERROR. Loopback finishes within the call,
        // so poll and SO_ERROR answer at once (no 1 ms peeks); generous bound for a loaded machine.
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            int c = t.socket(f);
            long start = System.nanoTime();
            assertEquals(Transport.TIMEOUT, t.connect(c, loopback(f, port(l)), 0));
            assertEquals(OUT, pollOne(c, Transport.POLLIN | OUT, FOREVER));
            assertEquals(0, t.getOption(c, SocketOption.ERROR));
            best = Math.min(best, System.nanoTime() - start);
            int s = t.accept(l, ms(PROMPT_MS));
            assertTrue(s >= 0);
            t.close(s);
            t.close(c);
        }
        assertTrue(best < 1_500_000L, "best connect+poll+SO_ERROR took " + best + " ns");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void peerClosedRightAfterAZeroWaitConnectStillShowsEof(Family f) throws Exception {
        assumeFamily(f);
        int l = listener(f);
        int c = t.socket(f);
        assertEquals(Transport.TIMEOUT, t.connect(c, loopback(f, port(l)), 0));
        int s = t.accept(l, ms(PROMPT_MS));
        t.close(s);
        // The FIN is there before poll: Linux reports readable (EOF) next to writable, at once.
        assertEquals(Transport.POLLIN | OUT, pollOne(c, Transport.POLLIN | OUT, ms(PROMPT_MS)));
        byte[] b = new byte[4];
        assertEquals(Transport.EOF, t.read(c, b, 0, 4, ms(PROMPT_MS)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void zeroWaitLoopbackConnectRefusedIsInProgressThenTheError(Family f) throws Exception {
        int p = deadPort(f);
        int c = t.socket(f);
        SockAddr to = loopback(f, p);
        assertEquals(Transport.TIMEOUT, t.connect(c, to, 0));
        assertEquals(Transport.POLLIN | OUT | ERR_HUP, pollOne(c, Transport.POLLIN | OUT, ms(PROMPT_MS)));
        assertEquals(Errno.ECONNREFUSED, errno(() -> t.connect(c, to, 0)));
    }
}
