package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Sockets.FOREVER;
import static org.mtcp.conformance.Sockets.PROMPT;
import static org.mtcp.conformance.Sockets.async;
import static org.mtcp.conformance.Sockets.errno;
import static org.mtcp.conformance.Sockets.lo;
import static org.mtcp.conformance.Sockets.resultOrErrno;
import static org.mtcp.conformance.Sockets.valueOf;
import static org.mtcp.spi.Transport.POLLHUP;
import static org.mtcp.spi.Transport.POLLIN;
import static org.mtcp.spi.Transport.POLLOUT;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Capability;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

/** {@link Transport#shutdown} of each direction, and of a listening socket, as Linux does it. */
public interface TransportShutdownContract extends TransportConformance {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T39_shutWrSendsEndOfStreamAndTheSocketStillReceives(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        s.writeAll(p.client(), "last");
        t.shutdown(p.client(), Transport.SHUT_WR);
        assertEquals("last", s.readString(p.accepted(), 4));
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[4], 0, 4, PROMPT));
        assertEquals(32, errno(() -> t.write(p.client(), new byte[1], 0, 1, 0)));
        s.writeAll(p.accepted(), "reply");
        assertEquals("reply", s.readString(p.client(), 5));
        assertEquals(POLLOUT, s.poll1(p.client(), POLLIN | POLLOUT, 0), "Linux: writable (the error is immediate), nothing to read");
        t.shutdown(p.client(), Transport.SHUT_WR); // again: no error, as on Linux
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T40_shutRdEndsReadsAtOnceYetLaterDataIsDelivered(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        s.assumeCapability(Capability.SHUTDOWN_RECEIVE);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        t.shutdown(p.client(), Transport.SHUT_RD);
        assertEquals(POLLIN, s.poll1(p.client(), POLLIN, 0));
        long start = System.nanoTime();
        assertEquals(Transport.EOF, t.read(p.client(), new byte[4], 0, 4, FOREVER), "does not wait");
        assertTrue(System.nanoTime() - start < PROMPT);
        s.writeAll(p.accepted(), "late");
        Peer.pause(100);
        assertEquals("late", s.readString(p.client(), 4), "as on Linux, queued data is still read");
        assertEquals(Transport.EOF, t.read(p.client(), new byte[4], 0, 4, 0));
        s.writeAll(p.client(), "still sending");
        assertEquals("still sending", s.readString(p.accepted(), 13), "the send side is untouched");
        // A reader blocked without limit is woken with end of stream.
        Sockets.Pair q = s.pair(family);
        CompletableFuture<Integer> r = async(() -> t.read(q.client(), new byte[1], 0, 1, FOREVER));
        Peer.pause(200);
        assertFalse(r.isDone(), "the read blocked");
        t.shutdown(q.client(), Transport.SHUT_RD);
        assertEquals(Transport.EOF, valueOf(r));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T41_shutRdwrHangsUpAndBadShutdownsFail(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        t.shutdown(p.client(), Transport.SHUT_RDWR);
        assertEquals(POLLIN | POLLOUT | POLLHUP, s.poll1(p.client(), POLLIN | POLLOUT, 0), "Linux shows 0x15");
        assertEquals(Transport.EOF, t.read(p.accepted(), new byte[1], 0, 1, PROMPT));
        assertEquals(Errno.EINVAL, errno(() -> t.shutdown(p.client(), 3)));
        assertEquals(Errno.EINVAL, errno(() -> t.shutdown(p.accepted(), 7)));
        int fresh = t.socket(family);
        assertEquals(107, errno(() -> t.shutdown(fresh, Transport.SHUT_RDWR)));
        assertEquals(Errno.ENOTCONN, errno(() -> t.shutdown(fresh, Transport.SHUT_WR)));
        assertEquals(Errno.EBADF, errno(() -> t.shutdown(Sockets.farFd(), Transport.SHUT_RDWR)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    default void T42_shutWrWakesABlockedWriterWithEpipe(Family family, Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        Sockets.Pair p = s.pair(family);
        byte[] chunk = new byte[65536];
        s.fill(p.client(), p.accepted());
        CompletableFuture<Integer> w = async(() -> resultOrErrno(() -> t.write(p.client(), chunk, 0, chunk.length, FOREVER)));
        Peer.pause(200);
        assertFalse(w.isDone(), "the write blocked");
        t.shutdown(p.client(), Transport.SHUT_WR);
        assertEquals(-Errno.EPIPE, valueOf(w));
    }

    @Test
    default void T43_shuttingAListenersReceiveSideStopsItListeningButKeepsItBound(Fixture f) throws Exception {
        Sockets s = Sockets.of(f);
        Transport t = s.t;
        int l = s.listener(Family.INET);
        int port = s.port(l);
        t.shutdown(l, Transport.SHUT_WR); // no effect on a listener
        assertEquals(Transport.TIMEOUT, t.accept(l, 0));
        s.assumeCapability(Capability.SHUTDOWN_RECEIVE);
        CompletableFuture<Integer> blocked = async(() -> resultOrErrno(() -> t.accept(l, FOREVER)));
        Peer.pause(200);
        assertFalse(blocked.isDone(), "accept blocked");
        t.shutdown(l, Transport.SHUT_RD);
        assertEquals(-Errno.EINVAL, valueOf(blocked), "a blocked accept ends with EINVAL");
        assertEquals(Errno.EINVAL, errno(() -> t.accept(l, 0)));
        assertEquals(port, s.port(l), "still bound");
        t.listen(l, 4); // allowed again (whether Linux then takes connections on it is not pinned)
        // A connection still pending when the listener stops is not served.
        int l2 = s.listener(Family.INET);
        int c2 = t.socket(Family.INET);
        assertEquals(0, t.connect(c2, lo(Family.INET, s.port(l2)), FOREVER));
        t.shutdown(l2, Transport.SHUT_RD);
        assertEquals(Errno.EINVAL, errno(() -> t.accept(l2, 0)));
    }
}
