package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.Linger;
import org.mtcp.spi.SocketOption;
import org.mtcp.spi.Transport;

class ReadWriteTest extends TransportFixture {

    private void reset(int fd) throws Exception {
        t.setOption(fd, SocketOption.LINGER, new Linger(true, 0));
        t.close(fd);
        pause(100); // let the RST arrive
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void echoBothWays(Family f) throws Exception {
        int[] p = pair(f);
        writeAll(p[1], "hello");
        assertEquals("hello", readString(p[2], 5));
        writeAll(p[2], "world!");
        assertEquals("world!", readString(p[1], 6));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void readTimesOutWithZeroAndPositiveWaits(Family f) throws Exception {
        int[] p = pair(f);
        byte[] buf = new byte[10];
        long start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p[1], buf, 0, 10, 0));
        assertTrue(elapsedMs(start) < PROMPT_MS);
        start = System.nanoTime();
        assertEquals(Transport.TIMEOUT, t.read(p[1], buf, 0, 10, ms(200)));
        long took = elapsedMs(start);
        assertTrue(took >= 150 && took < PROMPT_MS, "took " + took);
        // Data already there comes back even with a zero wait.
        writeAll(p[2], "xy");
        pause(50);
        assertEquals(2, t.read(p[1], buf, 0, 10, 0));
        assertEquals('x', buf[0]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void negativeWaitBlocksUntilDataArrives(Family f) throws Exception {
        int[] p = pair(f);
        var r = async(() -> t.read(p[1], new byte[4], 0, 4, FOREVER));
        pause(300);
        assertTrue(!r.isDone(), "read returned without data");
        writeAll(p[2], "z");
        assertEquals(1, r.get(PROMPT_MS, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void peerCloseGivesTheDataThenEofForever(Family f) throws Exception {
        int[] p = pair(f);
        writeAll(p[2], "bye");
        t.close(p[2]);
        assertEquals("bye", readString(p[1], 3));
        byte[] buf = new byte[8];
        assertEquals(Transport.EOF, t.read(p[1], buf, 0, 8, ms(PROMPT_MS)));
        assertEquals(Transport.EOF, t.read(p[1], buf, 0, 8, 0));
        assertEquals(Transport.EOF, t.read(p[1], buf, 0, 8, FOREVER));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void resetIsReportedOnceToReadThenEofAndWritesGetEpipe(Family f) throws Exception {
        int[] p = pair(f);
        reset(p[2]);
        byte[] buf = new byte[8];
        assertEquals(104, errno(() -> t.read(p[1], buf, 0, 8, ms(PROMPT_MS))));
        assertEquals(Transport.EOF, t.read(p[1], buf, 0, 8, ms(PROMPT_MS)));
        assertEquals(32, errno(() -> t.write(p[1], buf, 0, 8, ms(PROMPT_MS))));
        assertEquals(Errno.ENOTCONN, errno(() -> t.remoteAddress(p[1])));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void writeToAResetPeerGivesEconnresetThenEpipeAsLinuxDoes(Family f) throws Exception {
        int[] p = pair(f);
        reset(p[2]);
        byte[] buf = "data".getBytes();
        assertEquals(Errno.ECONNRESET, errno(() -> t.write(p[1], buf, 0, 4, FOREVER)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p[1], buf, 0, 4, FOREVER)));
        assertEquals(Transport.EOF, t.read(p[1], new byte[4], 0, 4, ms(PROMPT_MS)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void writeAfterThePeerClosedSucceedsOnceThenEpipe(Family f) throws Exception {
        int[] p = pair(f);
        t.close(p[2]);
        pause(50);
        byte[] buf = "data".getBytes();
        assertEquals(4, t.write(p[1], buf, 0, 4, FOREVER)); // the kernel accepts it; the peer answers RST
        pause(100);
        assertEquals(Errno.EPIPE, errno(() -> t.write(p[1], buf, 0, 4, FOREVER)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(p[1], buf, 0, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void notConnectedSocketsGiveLinuxErrnos(Family f) throws Exception {
        assumeFamily(f);
        int fresh = t.socket(f);
        byte[] buf = new byte[4];
        assertEquals(107, errno(() -> t.read(fresh, buf, 0, 4, 0)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(fresh, buf, 0, 4, 0)));
        assertEquals(107, errno(() -> t.remoteAddress(fresh)));
        int l = listener(f);
        assertEquals(107, errno(() -> t.read(l, buf, 0, 4, 0)));
        assertEquals(Errno.EPIPE, errno(() -> t.write(l, buf, 0, 4, 0)));
        assertEquals(9, errno(() -> t.read(12345, buf, 0, 4, 0)));
        assertEquals(9, errno(() -> t.write(12345, buf, 0, 4, 0)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void boundedWritesToAPeerThatDoesNotReadTimeOutAndLoseNothing(Family f) throws Exception {
        int[] p = pair(f);
        byte[] chunk = new byte[SocketHandle.WRITE_CHUNK];
        new Random(1).nextBytes(chunk);
        long accepted = 0;
        boolean timedOut = false;
        for (int i = 0; i < 4000 && !timedOut; i++) { // at most 256 MiB: far beyond loopback buffers
            long start = System.nanoTime();
            int n = t.write(p[1], chunk, 0, chunk.length, ms(100));
            if (n == Transport.TIMEOUT) {
                long took = elapsedMs(start);
                assertTrue(took >= 50 && took < PROMPT_MS, "took " + took);
                timedOut = true;
            } else {
                assertTrue(n > 0 && n <= chunk.length);
                accepted += n;
            }
        }
        assertTrue(timedOut, "writes never blocked");
        assertEquals(Transport.TIMEOUT, t.write(p[1], chunk, 0, 10, 0));
        // Everything accepted arrives, in order.
        long got = 0;
        byte[] buf = new byte[65536];
        while (got < accepted) {
            int n = t.read(p[2], buf, 0, (int) Math.min(buf.length, accepted - got), ms(PROMPT_MS));
            assertTrue(n > 0, "read gave " + n + " after " + got + " of " + accepted);
            for (int i = 0; i < n; i++) {
                assertEquals(chunk[(int) ((got + i) % chunk.length)], buf[i], "byte " + (got + i));
            }
            got += n;
        }
        assertEquals(Transport.TIMEOUT, t.read(p[2], buf, 0, 1, ms(50)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void aMegabyteGoesThroughInOrder(Family f) throws Exception {
        int[] p = pair(f);
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        var writer = async(() -> {
            writeAll(p[1], data);
            t.shutdown(p[1], Transport.SHUT_WR);
            return true;
        });
        byte[] got = readExactly(p[2], data.length);
        assertArrayEquals(data, got);
        assertEquals(Transport.EOF, t.read(p[2], new byte[1], 0, 1, ms(PROMPT_MS)));
        assertTrue(writer.get(PROMPT_MS, TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeRightAfterAWriteStillDeliversIt(Family f) throws Exception {
        int[] p = pair(f);
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        int off = 0;
        while (off < data.length) {
            int n = t.write(p[1], data, off, data.length - off, 0);
            if (n > 0) {
                off += n;
            } else {
                pause(1);
            }
        }
        t.close(p[1]);
        assertArrayEquals(data, readExactly(p[2], data.length));
        assertEquals(Transport.EOF, t.read(p[2], new byte[1], 0, 1, ms(PROMPT_MS)));
    }
}
