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
import static org.mtcp.conformance.Sockets.valueOf;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

/**
 * {@link Transport#read} and {@link Transport#write}: the three kinds of wait, end of stream, resets and
 * the errnos Linux gives, and bytes delivered whole and in order.
 */
public interface TransportReadWriteContract extends TransportConformance {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T28_bytesGoBothWaysAndOffsetsAndLengthsAreHonoured(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        s.writeAll(p.client(), "hello");
        assertEquals("hello", s.readString(p.accepted(), 5));
        s.writeAll(p.accepted(), "world!");
        assertEquals("world!", s.readString(p.client(), 6));
        // Write the middle of an array, read into the middle of another: nothing else is touched.
        byte[] src = "..abcdef..".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(6, t.write(p.client(), src, 2, 6, SECOND));
        byte[] dst = new byte[10];
        int n = 0;
        while (n < 6) {
            int r = t.read(p.accepted(), dst, 3 + n, 6 - n, SECOND);
            assertTrue(r > 0);
            n += r;
        }
        assertEquals("\0\0\0abcdef\0", new String(dst, StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T29_readWaitsNotAtAllAsLongAsAskedOrUntilDataComes(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        byte[] buf = new byte[10];
        long start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p.client(), buf, 0, 10, 0));
        assertEquals(Transport.TIMEOUT, t.read(p.client(), buf, 0, 10, 1)); // 1 ns
        assertEquals(Transport.TIMEOUT, t.read(p.client(), buf, 0, 10, 1000)); // below a millisecond
        assertEquals(Transport.TIMEOUT, t.accept(p.listener(), 0));
        assertTrue(System.nanoTime() - start < 2 * SECOND, "zero waits must not wait");
        start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p.client(), buf, 0, 10, 200 * MS));
        long took = System.nanoTime() - start;
        assertTrue(took >= 200 * MS && took < PROMPT, "took " + took / MS + " ms");
        // Data already there comes back even with a zero wait.
        s.writeAll(p.accepted(), "xy");
        Peer.pause(50);
        assertEquals(2, t.read(p.client(), buf, 0, 10, 0));
        assertEquals('x', buf[0]);
        // A negative wait blocks until data arrives.
        CompletableFuture<Integer> r = async(() -> t.read(p.client(), new byte[4], 0, 4, FOREVER));
        Peer.pause(300);
        assertFalse(r.isDone(), "read returned without data");
        s.writeAll(p.accepted(), "z");
        assertEquals(1, valueOf(r));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T30_aPeerCloseGivesTheDataThenEndOfStreamForEveryWait(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        s.writeAll(p.accepted(), "bye");
        t.close(p.accepted());
        assertEquals("bye", s.readString(p.client(), 3));
        byte[] buf = new byte[8];
        assertEquals(Transport.EOF, t.read(p.client(), buf, 0, 8, PROMPT));
        assertEquals(Transport.EOF, t.read(p.client(), buf, 0, 8, 0));
        assertEquals(Transport.EOF, t.read(p.client(), buf, 0, 8, FOREVER));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T31_aResetIsReportedOnceToReadThenEndOfStreamAndWritesGetEpipe(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        s.abort(p.accepted());
        byte[] buf = new byte[8];
        assertEquals(104, errno(() -> t.read(p.client(), buf, 0, 8, PROMPT)));
        assertEquals(Transport.EOF, t.read(p.client(), buf, 0, 8, 0), "Linux: end of stream once the reset was reported");
        assertEquals(Transport.EOF, t.read(p.client(), buf, 0, 8, PROMPT));
        assertEquals(32, errno(() -> t.write(p.client(), buf, 0, 8, PROMPT)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p.client(), buf, 0, 8, 0)));
        assertEquals(Errno.ENOTCONN, errno(() -> t.remoteAddress(p.client())));
        assertEquals(Errno.ENOTCONN, errno(() -> t.shutdown(p.client(), Transport.SHUT_RDWR)));
        // An unlimited read sees the reset too.
        Sockets.Pair q = s.pair(family);
        CompletableFuture<Integer> blocked = async(() -> Sockets.resultOrErrno(
                () -> t.read(q.client(), new byte[8], 0, 8, FOREVER)));
        Peer.pause(200);
        s.abort(q.accepted());
        assertEquals(-Errno.ECONNRESET, valueOf(blocked));
        assertEquals(Transport.EOF, t.read(q.client(), new byte[8], 0, 8, FOREVER));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T32_closingWithUnreadDataResetsThePeer(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        // Linux answers a close with unread data by a RST, not a FIN: the peer's read fails with ECONNRESET.
        Sockets.Pair p = s.pair(family);
        s.writeAll(p.client(), "unread");
        Peer.pause(100);
        t.close(p.accepted());
        Peer.pause(100);
        assertEquals(Errno.ECONNRESET, errno(() -> t.read(p.client(), new byte[8], 0, 8, PROMPT)),
                "a close with unread data resets");
        assertEquals(Transport.EOF, t.read(p.client(), new byte[8], 0, 8, 0));
        // So does a read that waited for data when the unread data came (poll saw it first).
        Sockets.Pair q = s.pair(family);
        s.writeAll(q.client(), "seen");
        assertEquals(Transport.POLLIN, s.poll1(q.accepted(), Transport.POLLIN, PROMPT));
        t.close(q.accepted());
        Peer.pause(100);
        assertEquals(Errno.ECONNRESET, errno(() -> t.read(q.client(), new byte[8], 0, 8, PROMPT)),
                "data poll saw is still unread");
        // Linger 0 resets whatever was read.
        Sockets.Pair r = s.pair(family);
        t.setOption(r.client(), SocketOption.LINGER, new Linger(true, 0));
        assertEquals(new Linger(true, 0), t.getOption(r.client(), SocketOption.LINGER));
        t.close(r.client());
        assertEquals(Errno.ECONNRESET, errno(() -> t.read(r.accepted(), new byte[1], 0, 1, PROMPT)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T33_theFirstWriteAfterAResetIsEconnresetThenEpipe(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        s.abort(p.accepted());
        byte[] buf = "data".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Errno.ECONNRESET, errno(() -> t.write(p.client(), buf, 0, 4, FOREVER)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p.client(), buf, 0, 4, FOREVER)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p.client(), buf, 0, 4, 0)));
        assertEquals(Transport.EOF, t.read(p.client(), new byte[4], 0, 4, PROMPT));
        // poll does not take the error: the write after it still reports the reset first.
        Sockets.Pair q = s.pair(family);
        s.abort(q.accepted());
        assertEquals(Transport.POLLIN, s.poll1(q.client(), Transport.POLLIN, PROMPT) & Transport.POLLIN);
        assertEquals(Errno.ECONNRESET, errno(() -> t.write(q.client(), buf, 0, 4, 0)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(q.client(), buf, 0, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T34_aWriteAfterThePeerClosedIsAcceptedOnceThenEpipe(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        t.close(p.accepted());
        Peer.pause(50);
        byte[] buf = "data".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(4, t.write(p.client(), buf, 0, 4, FOREVER), "the kernel accepts it; the peer answers RST");
        Peer.pause(100);
        assertEquals(32, errno(() -> t.write(p.client(), buf, 0, 4, FOREVER)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p.client(), buf, 0, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T35_unconnectedListeningAndUnknownSocketsGiveLinuxErrnos(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int fresh = s.socket(family);
        byte[] buf = new byte[4];
        assertEquals(107, errno(() -> t.read(fresh, buf, 0, 4, 0)));
        assertEquals(Errno.ENOTCONN, errno(() -> t.read(fresh, buf, 0, 4, PROMPT)), "at once, whatever the wait");
        assertEquals(Errno.EPIPE, errno(() -> t.write(fresh, buf, 0, 4, 0)));
        assertEquals(107, errno(() -> t.remoteAddress(fresh)));
        int l = s.listener(family);
        assertEquals(107, errno(() -> t.read(l, buf, 0, 4, 0)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(l, buf, 0, 4, 0)));
        assertEquals(Errno.ENOTCONN, errno(() -> t.remoteAddress(l)));
        int far = Sockets.farFd();
        assertEquals(9, errno(() -> t.read(far, buf, 0, 4, 0)));
        assertEquals(9, errno(() -> t.write(far, buf, 0, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T36_writesToAPeerThatDoesNotReadTimeOutAndLoseNothing(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        t.setOption(p.client(), SocketOption.SEND_BUFFER_SIZE, 16384);
        t.setOption(p.accepted(), SocketOption.RECV_BUFFER_SIZE, 16384);
        byte[] chunk = new byte[65536];
        new Random(1).nextBytes(chunk);
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        boolean timedOut = false;
        for (int i = 0; i < 4000 && !timedOut; i++) {
            long start = System.nanoTime();
            int n = t.write(p.client(), chunk, 0, chunk.length, 100 * MS);
            if (n == Transport.TIMEOUT) {
                long took = System.nanoTime() - start;
                assertTrue(took >= 100 * MS && took < PROMPT, "took " + took / MS + " ms");
                timedOut = true;
            } else {
                assertTrue(n > 0 && n <= chunk.length);
                sent.write(chunk, 0, n);
            }
        }
        assertTrue(timedOut, "writes never blocked");
        // A zero wait does not wait; it may still find room for a few bytes.
        long t0 = System.nanoTime();
        int few = t.write(p.client(), chunk, 0, 10, 0);
        assertTrue(System.nanoTime() - t0 < SECOND, "a zero-wait write waited");
        assertTrue(few == Transport.TIMEOUT || (few > 0 && few <= 10), "zero-wait write gave " + few);
        if (few > 0) {
            sent.write(chunk, 0, few);
        }
        byte[] expected = sent.toByteArray();
        long accepted = expected.length;
        // Everything accepted arrives, in order.
        long got = 0;
        byte[] buf = new byte[65536];
        while (got < accepted) {
            int n = t.read(p.accepted(), buf, 0, (int) Math.min(buf.length, accepted - got), PROMPT);
            long sofar = got;
            long all = accepted;
            assertTrue(n > 0, () -> "read gave " + n + " after " + sofar + " of " + all);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[(int) (got + i)], buf[i], "byte " + (got + i));
            }
            got += n;
        }
        assertEquals(Transport.TIMEOUT, t.read(p.accepted(), buf, 0, 1, 50 * MS));
        // Reading made room again; an unlimited write passes a full buffer once a reader drains it.
        assertTrue(t.write(p.client(), chunk, 0, chunk.length, PROMPT) > 0);
        s.fill(p.client(), p.accepted());
        CompletableFuture<Integer> reader = async(() -> {
            byte[] sink = new byte[65536];
            int r;
            do {
                r = t.read(p.accepted(), sink, 0, sink.length, PROMPT);
            } while (r > 0);
            return r;
        });
        assertTrue(t.write(p.client(), chunk, 0, chunk.length, FOREVER) > 0);
        t.shutdown(p.client(), Transport.SHUT_WR);
        assertEquals(Transport.EOF, valueOf(reader));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T37_largeTransfersArriveWholeAndInOrderEvenWhenClosedRightAfter(Family family, Fixture f)
            throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        CompletableFuture<Boolean> writer = async(() -> {
            s.writeAll(p.client(), data);
            t.shutdown(p.client(), Transport.SHUT_WR);
            return true;
        });
        assertArrayEquals(data, s.readExactly(p.accepted(), data.length));
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[1], 0, 1, PROMPT));
        assertTrue(valueOf(writer));
        // A close right after zero-wait writes still delivers everything they accepted.
        Sockets.Pair q = s.pair(family);
        byte[] more = new byte[200_000];
        new Random(3).nextBytes(more);
        int off = 0;
        while (off < more.length) {
            int n = t.write(q.client(), more, off, more.length - off, 0);
            if (n > 0) {
                off += n;
            } else {
                Peer.pause(1);
            }
        }
        t.close(q.client());
        assertArrayEquals(more, s.readExactly(q.accepted(), more.length));
        assertEquals(Transport.EOF, t.read(q.accepted(), new byte[1], 0, 1, PROMPT));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T38_acceptedSocketsAreIndependentOfTheirListener(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        assertEquals(Transport.TIMEOUT, t.read(p.accepted(), new byte[4], 0, 4, 0));
        t.close(p.listener());
        assertEquals(2, t.write(p.accepted(), new byte[] {9, 8}, 0, 2, SECOND), "closing the listener leaves accepted sockets");
        assertArrayEquals(new byte[] {9, 8}, s.readExactly(p.client(), 2));
    }
}
