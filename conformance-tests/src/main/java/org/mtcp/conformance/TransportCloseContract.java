package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.MS;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.SECOND;
import static org.mtcp.conformance.Sockets.async;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.errnoOf;
import static org.mtcp.conformance.Sockets.lo;
import static org.mtcp.conformance.Sockets.valueOf;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLNVAL;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport#close(int)} and {@link Transport#close()}: a closed descriptor is EBADF, and a close
 * from another thread ends every call blocked on it promptly.
 */
public interface TransportCloseContract extends TransportConformance {

    /** Starts {@code call}, checks it blocks, closes {@code fd} and returns the call's errno. */
    private static int errnoAfterClose(Transport t, int fd, Callable<?> call) throws Exception {
        CompletableFuture<?> blocked = async(call);
        Peer.pause(300);
        assertFalse(blocked.isDone(), "the call did not block");
        long start = System.nanoTime();
        t.close(fd);
        int e = errnoOf(blocked);
        assertTrue(System.nanoTime() - start < 3 * SECOND, "woke promptly");
        return e;
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T44_aClosedDescriptorIsEbadfEverywhere(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fd = s.socket(family);
        t.close(fd);
        // A kernel number may be reused at once (by the JVM even): close it twice only when it is our own.
        int again = t.capabilities().contains(org.mtcp.spi.Capability.REAL_DESCRIPTORS) ? Sockets.farFd() : fd;
        assertEquals(9, errno(() -> t.close(again)));
        assertEquals(Errno.EBADF, errno(() -> t.read(fd, new byte[1], 0, 1, 0)));
        assertEquals(Errno.EBADF, errno(() -> t.write(fd, new byte[1], 0, 1, 0)));
        assertEquals(Errno.EBADF, errno(() -> t.getOption(fd, SocketOption.KEEPALIVE)));
        assertEquals(Errno.EBADF, errno(() -> t.getOption(fd, SocketOption.ERROR)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T45_closeWakesABlockedReadAndThePeerSeesTheClose(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        assertEquals(Errno.EBADF, errnoAfterClose(t, p.client(), () -> t.read(p.client(), new byte[8], 0, 8, FOREVER)));
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[8], 0, 8, PROMPT), "the peer saw the close");
        Sockets.Pair q = s.pair(family);
        assertEquals(Errno.EBADF, errnoAfterClose(t, q.client(), () -> t.read(q.client(), new byte[8], 0, 8, 60 * SECOND)),
                "a bounded read too");
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T46_closeWakesABlockedAcceptAndFreesThePortAtOnce(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(family);
        int port = s.port(l);
        assertEquals(Errno.EBADF, errnoAfterClose(t, l, () -> t.accept(l, FOREVER)));
        int again = t.socket(family);
        t.bind(again, lo(family, port)); // really closed, not just deregistered later
        t.listen(again, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T47_closeWakesABlockedPollWhichReportsPollnval(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        int[] rev = new int[2];
        CompletableFuture<Integer> polled = async(() -> t.poll(new int[] {p.accepted(), p.client()},
                new int[] {POLLIN, POLLIN}, rev, 2, FOREVER));
        Peer.pause(300);
        assertFalse(polled.isDone(), "poll returned");
        t.close(p.client());
        int n = valueOf(polled);
        assertTrue(n >= 1, "at least the closed one");
        assertEquals(POLLNVAL, rev[1]);
        assertEquals(0, rev[0] & POLLNVAL);
        // A poll of a listener alone, with a long bound.
        int l = s.listener(family);
        int[] one = new int[1];
        CompletableFuture<Integer> onListener = async(() -> t.poll(new int[] {l}, new int[] {POLLIN}, one, 1, 60 * SECOND));
        Peer.pause(300);
        assertFalse(onListener.isDone(), "poll of the listener returned");
        t.close(l);
        assertEquals(1, valueOf(onListener));
        assertEquals(POLLNVAL, one[0]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T48_closeWakesAWriteBlockedOnAPeerThatDoesNotRead(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        byte[] chunk = new byte[65536];
        s.fill(p.client(), p.accepted());
        assertEquals(Errno.EBADF, errnoAfterClose(t, p.client(), () -> t.write(p.client(), chunk, 0, chunk.length, FOREVER)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T49_closeWakesAnUnlimitedConnectThatHangs(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        // A listener whose queue is full drops SYNs, so a connect to it stays in progress.
        int l = s.socket(family);
        t.bind(l, lo(family, 0));
        t.listen(l, 1);
        SockAddr to = lo(family, s.port(l));
        int stuck = -1;
        for (int i = 0; i < 20 && stuck < 0; i++) {
            int c = t.socket(family);
            if (t.connect(c, to, 300 * MS) == Transport.TIMEOUT) {
                stuck = c;
            }
        }
        Assumptions.assumeTrue(stuck >= 0, "the kernel completed every connect");
        int fd = stuck;
        assertEquals(Errno.EBADF, errnoAfterClose(t, fd, () -> t.connect(fd, to, FOREVER)));
        // A fresh socket whose first connect is unlimited, on the caller's thread.
        int fresh = t.socket(family);
        CompletableFuture<Integer> c = async(() -> t.connect(fresh, to, FOREVER));
        Peer.pause(200);
        Assumptions.assumeTrue(!c.isDone(), "the kernel completed the connect");
        t.close(fresh);
        assertEquals(Errno.EBADF, errnoOf(c));
    }

    @Test
    default void T50_closingTheTransportClosesEverySocketAndWakesEveryCall(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(Family.INET);
        s.writeAll(p.client(), "x");
        assertEquals("x", s.readString(p.accepted(), 1));
        try (Transport other = f.provider.open()) {
            // A connection whose other end lives in another transport, so only a close here can end the read.
            int remote = other.socket(Family.INET);
            assertEquals(0, other.connect(remote, lo(Family.INET, s.port(p.listener())), PROMPT));
            int a = t.accept(p.listener(), PROMPT);
            assertTrue(a >= 0);
            CompletableFuture<Integer> blocked = async(() -> t.read(a, new byte[8], 0, 8, FOREVER));
            CompletableFuture<Integer> accepting = async(() -> t.accept(p.listener(), FOREVER));
            Peer.pause(200);
            assertFalse(blocked.isDone(), "read returned");
            assertFalse(accepting.isDone(), "accept returned");
            t.close();
            assertEquals(Errno.EBADF, errnoOf(blocked));
            assertEquals(Errno.EBADF, errnoOf(accepting));
            for (int fd : new int[] {p.listener(), p.client(), p.accepted(), a}) {
                assertEquals(Errno.EBADF, errno(() -> t.read(fd, new byte[1], 0, 1, 0)));
                assertEquals(Errno.EBADF, errno(() -> t.close(fd)));
            }
            assertEquals(Transport.EOF, other.read(remote, new byte[1], 0, 1, PROMPT), "the peer saw the close");
        }
        assertEquals(Errno.EBADF, errno(() -> t.socket(Family.INET)));
        t.close(); // idempotent
    }
}
