package org.mtcp.transport.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtcp.spi.Errno;
import org.mtcp.spi.Family;
import org.mtcp.spi.SockAddr;
import org.mtcp.spi.Transport;

class CloseTest extends TransportFixture {

    @Test
    void closeTwiceIsEbadf() throws Exception {
        int fd = t.socket(Family.INET);
        t.close(fd);
        assertEquals(9, errno(() -> t.close(fd)));
        assertEquals(Errno.EBADF, errno(() -> t.getOption(fd, org.mtcp.spi.SocketOption.KEEPALIVE)));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeWakesABlockedRead(Family f) throws Exception {
        int[] p = pair(f);
        CompletableFuture<Integer> r = async(() -> t.read(p[1], new byte[8], 0, 8, FOREVER));
        pause(200);
        assertTrue(!r.isDone());
        long start = System.nanoTime();
        t.close(p[1]);
        assertEquals(Errno.EBADF, errnoOf(r));
        assertTrue(elapsedMs(start) < PROMPT_MS);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeWakesABlockedAccept(Family f) throws Exception {
        int l = listener(f);
        CompletableFuture<Integer> a = async(() -> t.accept(l, FOREVER));
        pause(200);
        assertTrue(!a.isDone());
        t.close(l);
        assertEquals(Errno.EBADF, errnoOf(a));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeWakesABlockedPollWithPollnval(Family f) throws Exception {
        int[] p = pair(f);
        int[] rev = new int[2];
        CompletableFuture<Integer> polled = async(
                () -> t.poll(new int[] {p[1], p[0]}, new int[] {Transport.POLLIN, Transport.POLLIN}, rev, 2, FOREVER));
        pause(200);
        assertTrue(!polled.isDone());
        t.close(p[1]);
        assertEquals(1, polled.get(PROMPT_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(Transport.POLLNVAL, rev[0]);
        assertEquals(0, rev[1]);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"INET", "INET6"})
    void closeWakesAWriteBlockedOnAPeerThatDoesNotRead(Family f) throws Exception {
        int[] p = pair(f);
        byte[] chunk = new byte[SocketHandle.WRITE_CHUNK];
        CompletableFuture<Integer> w = async(() -> {
            for (int i = 0; i < 4000; i++) {
                t.write(p[1], chunk, 0, chunk.length, FOREVER);
            }
            return -100;
        });
        pause(500);
        assertTrue(!w.isDone(), "the peer's buffers never filled");
        t.close(p[1]);
        assertEquals(Errno.EBADF, errnoOf(w));
    }

    @Test
    void closeWakesAnUnlimitedConnectOnTheCallersThread() throws Exception {
        // An unlimited connect runs on the caller's thread; once the listener's queue is full it hangs.
        int l = t.socket(Family.INET);
        t.bind(l, loopback(Family.INET, 0));
        t.listen(l, 1);
        SockAddr to = loopback(Family.INET, port(l));
        boolean full = false;
        for (int i = 0; i < 8 && !full; i++) {
            full = t.connect(t.socket(Family.INET), to, ms(300)) == Transport.TIMEOUT;
        }
        Assumptions.assumeTrue(full, "the kernel completed every connect");
        int fd = t.socket(Family.INET);
        CompletableFuture<Integer> c = async(() -> t.connect(fd, to, FOREVER));
        pause(200);
        Assumptions.assumeTrue(!c.isDone(), "the kernel completed the connect");
        t.close(fd);
        assertEquals(Errno.EBADF, errnoOf(c));
    }

    @Test
    void closeWakesAConnectInProgress() throws Exception {
        // A listener whose queue is full drops SYNs, so a connect to it stays in progress.
        int l = t.socket(Family.INET);
        t.bind(l, loopback(Family.INET, 0));
        t.listen(l, 1);
        SockAddr to = loopback(Family.INET, port(l));
        int stuck = -1;
        for (int i = 0; i < 8 && stuck < 0; i++) {
            int c = t.socket(Family.INET);
            if (t.connect(c, to, ms(300)) == Transport.TIMEOUT) {
                stuck = c;
            }
        }
        Assumptions.assumeTrue(stuck >= 0, "the kernel completed every connect");
        int fd = stuck;
        CompletableFuture<Integer> c = async(() -> t.connect(fd, to, FOREVER));
        pause(200);
        assertTrue(!c.isDone());
        t.close(fd);
        assertEquals(Errno.EBADF, errnoOf(c));
    }

    @Test
    void transportCloseClosesEverySocketAndStopsItsThreads() throws Exception {
        int[] p = pair(Family.INET);
        int c = t.socket(Family.INET);
        t.connect(c, loopback(Family.INET, port(p[0])), 0);
        int cs = t.accept(p[0], ms(PROMPT_MS));
        assertTrue(cs >= 0);
        writeAll(p[1], "x");
        assertEquals("x", readString(p[2], 1));
        try (Transport peer = new BlockingTransportProvider().open()) {
            // A connection whose other end lives in another transport, so only a close here can end the read.
            int remote = peer.socket(Family.INET);
            peer.connect(remote, loopback(Family.INET, port(p[0])), FOREVER);
            int s = t.accept(p[0], ms(PROMPT_MS));
            CompletableFuture<Integer> blocked = async(() -> t.read(s, new byte[8], 0, 8, FOREVER));
            CompletableFuture<Integer> accepting = async(() -> t.accept(p[0], FOREVER));
            pause(200);
            assertTrue(!blocked.isDone(), "read returned");
            assertTrue(!accepting.isDone(), "accept returned");
            t.close();
            assertEquals(Errno.EBADF, errnoOf(blocked));
            assertEquals(Errno.EBADF, errnoOf(accepting));
            for (int fd : new int[] {p[0], p[1], p[2], c, cs, s}) {
                assertEquals(Errno.EBADF, errno(() -> t.close(fd)));
            }
            assertEquals(Transport.EOF, peer.read(remote, new byte[1], 0, 1, ms(PROMPT_MS)));
        }
        assertEquals(Errno.EBADF, errno(() -> t.socket(Family.INET)));
        t.close(); // idempotent
        long deadline = System.nanoTime() + ms(PROMPT_MS);
        while (ioThreads() > 0 && System.nanoTime() < deadline) {
            pause(20);
        }
        assertEquals(0, ioThreads(), "pool threads still alive");
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().startsWith("mtcp-blocking-") && th.isAlive())
                .peek(th -> assertTrue(th.isDaemon(), th.getName() + " is not a daemon"))
                .count();
    }
}
