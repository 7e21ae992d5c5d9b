package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Transport;

class ShutdownTest extends TransportFixture {

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void shutWrSendsEofAndKeepsReceiving(Family f) throws Exception {
        int[] p = pair(f);
        writeAll(p[1], "last");
        t.shutdown(p[1], Transport.SHUT_WR);
        assertEquals("last", readString(p[2], 4));
        assertEquals(Transport.EOF, t.read(p[2], new byte[1], 0, 1, ms(PROMPT_MS)));
        assertEquals(32, errno(() -> t.write(p[1], new byte[1], 0, 1, 0)));
        writeAll(p[2], "reply");
        assertEquals("reply", readString(p[1], 5));
        t.shutdown(p[1], Transport.SHUT_WR); // again: no error, as on Linux
        int[] rev = new int[1];
        t.poll(new int[] {p[1]}, new int[] {Transport.POLLOUT}, rev, 1, 0);
        assertEquals(Transport.POLLOUT, rev[0]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void shutRdReadsEofAtOnceYetLaterDataIsDelivered(Family f) throws Exception {
        int[] p = pair(f);
        t.shutdown(p[1], Transport.SHUT_RD);
        long start = System.nanoTime();
        assertEquals(Transport.EOF, t.read(p[1], new byte[4], 0, 4, FOREVER));
        assertTrue(elapsedMs(start) < PROMPT_MS);
        writeAll(p[2], "late");
        pause(100);
        assertEquals("late", readString(p[1], 4));
        assertEquals(Transport.EOF, t.read(p[1], new byte[4], 0, 4, 0));
        writeAll(p[1], "still sending");
        assertEquals("still sending", readString(p[2], 13));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void shutRdwrHangsUp(Family f) throws Exception {
        int[] p = pair(f);
        t.shutdown(p[1], Transport.SHUT_RDWR);
        int[] rev = new int[1];
        t.poll(new int[] {p[1]}, new int[] {Transport.POLLIN | Transport.POLLOUT}, rev, 1, 0);
        assertEquals(Transport.POLLIN | Transport.POLLOUT | Transport.POLLHUP, rev[0]);
        assertEquals(Transport.EOF, t.read(p[2], new byte[1], 0, 1, ms(PROMPT_MS)));
    }

    @Test
    void unconnectedAndBadShutdowns() throws Exception {
        int fresh = t.socket(Family.INET);
        assertEquals(107, errno(() -> t.shutdown(fresh, Transport.SHUT_RDWR)));
        assertEquals(Errno.EBADF, errno(() -> t.shutdown(777, Transport.SHUT_RDWR)));
        int[] p = pair(Family.INET);
        assertEquals(Errno.EINVAL, errno(() -> t.shutdown(p[1], 7)));
    }

    @Test
    void shuttingAListenersReceiveSideStopsListening() throws Exception {
        int l = listener(Family.INET);
        t.shutdown(l, Transport.SHUT_WR); // nothing happens
        int c = t.socket(Family.INET);
        assertEquals(0, t.connect(c, loopback(Family.INET, port(l)), FOREVER));
        t.shutdown(l, Transport.SHUT_RD);
        assertEquals(Errno.EINVAL, errno(() -> t.accept(l, 0)));
    }
}
