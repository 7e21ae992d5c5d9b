package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.Fixture.ok;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtcp.Result;
import org.mtcp.mtcp.Mtcp;

/**
 * mtcp read, checklist items M28–M40 (behaviour.md section h): chunks of 1024, a short chunk or a total
 * ≥ n ends the call, the timeout applies to each wait, end of stream is {@code ""}, and (pinned) bytes read
 * before a timeout are returned. The peer is a plain java.net socket driven step by step.
 */
public interface MtcpReadContract extends TransportConformance {

    /** Seconds since {@code startNanos}. */
    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** An mtcp client fd connected to a peer the test drives. */
    private static int clientOf(Fixture f, PeerControl peer) {
        return f.mtcpConnect("127.0.0.1", peer.port());
    }

    private static byte[] randomBytes(int n) {
        return Bytes.random(new Random(n * 31L + 7), n);
    }

    @Test
    default void M28_readReturnsTheBytes(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        peer.send(Bytes.of("abc"));
        assertEquals("abc", Bytes.str(ok(f.mtcp.read(fd, 1024, 5000))));
    }

    @Test
    default void M29_readWithNoDataTimesOut(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        long start = System.nanoTime();
        assertEquals("poll timeout", f.mtcp.read(fd, 1024, 200).error());
        double elapsed = since(start);
        assertTrue(elapsed >= 0.15 && elapsed <= 1.7, () -> "timeout 200 took " + elapsed + " s");
        start = System.nanoTime();
        assertEquals("poll timeout", f.mtcp.read(fd, 1024, 0).error());
        double immediate = since(start);
        assertTrue(immediate < 1.5, () -> "timeout 0 took " + immediate + " s");
    }

    /**
     * A listening socket has no data either: read polls it first, as C does, so with nothing pending it
     * times out after the wait; with a pending connection poll says readable and recv fails with 107.
     */
    @Test
    default void M29_readOfAListenerTimesOutUnlessAConnectionIsPending(Fixture f) {
        int l = f.mtcpServer("127.0.0.1");
        long start = System.nanoTime();
        assertEquals("poll timeout", f.mtcp.read(l, 1024, 200).error(), "nothing pending");
        double elapsed = since(start);
        assertTrue(elapsed >= 0.15 && elapsed <= 1.7, () -> "timeout 200 took " + elapsed + " s");
        assertEquals("poll timeout", f.mtcp.read(l, 5000, 0).error(), "nothing pending, zero wait");
        f.mtcpConnect("127.0.0.1", f.mtcpPort(l));
        start = System.nanoTime();
        assertEquals("read error: -1  107", f.mtcp.read(l, 1024, 5000).error(), "a connection is pending");
        double pending = since(start);
        assertTrue(pending < 2.0, () -> "a pending connection must not wait: " + pending + " s");
        int fresh = ok(f.mtcp.connect("127.0.0.1", Integer.toString(f.mtcpPort(l)))).fd();
        f.trackFd(fresh);
        assertEquals("read error: -1  107", f.mtcp.read(l, 1024, 0).error(), "still pending, zero wait");
    }

    /** [soft, slow] The default wait is 10 s; a peer that sends after 1 s is received. */
    @Test
    default void M30_readWithoutATimeoutWaitsUpToTenSeconds(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        long start = System.nanoTime();
        Background<Result<byte[]>> reading = Background.start(() -> f.mtcp.read(fd));
        Peer.pause(1000);
        peer.send(Bytes.of("late"));
        assertEquals("late", Bytes.str(ok(reading.await(12))));
        double elapsed = since(start);
        assertTrue(elapsed >= 0.9, () -> "returned after " + elapsed + " s, before the data was sent");
    }

    @Test
    default void M31_theTimeoutAppliesToEachWait(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        byte[] data = randomBytes(2058);
        // Scaled up from the checklist's 300 ms pauses and 500 ms wait, so a loaded machine keeps each pause
        // well inside one wait while the pauses together still exceed it.
        Background<Result<byte[]>> reading = Background.start(() -> f.mtcp.read(fd, 5000, 1500));
        peer.send(Arrays.copyOfRange(data, 0, 1024));
        Peer.pause(1000);
        peer.send(Arrays.copyOfRange(data, 1024, 2048));
        Peer.pause(1000);
        peer.send(Arrays.copyOfRange(data, 2048, 2058));
        assertArrayEquals(data, ok(reading.await(10)));
    }

    @Test
    default void M32_readStopsOnceTheTotalReachesN(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        byte[] data = randomBytes(3000);
        peer.send(data);
        PeerControl.settle();
        assertArrayEquals(Arrays.copyOfRange(data, 0, 1024), ok(f.mtcp.read(fd, 100, 5000)), "read(fd, 100)");
        assertArrayEquals(Arrays.copyOfRange(data, 1024, 3000), ok(f.mtcp.read(fd, 5000, 300)), "the rest");
        byte[] more = randomBytes(2048);
        peer.send(more);
        PeerControl.settle();
        assertArrayEquals(Arrays.copyOfRange(more, 0, 1024), ok(f.mtcp.read(fd, 1, 5000)), "read(fd, 1)");
        assertArrayEquals(Arrays.copyOfRange(more, 1024, 2048), ok(f.mtcp.read(fd, 1, 5000)), "read(fd, 1) again");
    }

    /**
     * The loop's total for any n: with D bytes waiting, read(fd, n) returns min(D, n rounded up to whole
     * chunks) bytes, in order, however the port groups its recv calls (D is never a whole number of chunks
     * below that total, which would make the loop wait).
     */
    @Test
    default void M32_readReturnsWholeChunksUpToTheFirstMultipleOf1024ReachingN(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        Random random = new Random(32);
        for (int round = 0; round < 12; round++) {
            int n = 1 + random.nextInt(20_000);
            int target = (n + 1023) / 1024 * 1024;
            int waiting = 1 + random.nextInt(2 * target);
            if (waiting < target && waiting % 1024 == 0) {
                waiting++;
            }
            byte[] data = randomBytes(waiting);
            peer.send(data);
            PeerControl.settle();
            int expected = Math.min(waiting, target);
            String what = "read(fd, " + n + ") with " + waiting + " waiting";
            assertArrayEquals(Arrays.copyOfRange(data, 0, expected), ok(f.mtcp.read(fd, n, 5000)), what);
            if (expected < waiting) {
                assertArrayEquals(Arrays.copyOfRange(data, expected, waiting),
                        ok(f.mtcp.read(fd, waiting - expected, 5000)), what + ": the rest");
            }
        }
    }

    @Test
    default void M33_aShortChunkEndsTheRead(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        byte[] data = randomBytes(3000);
        peer.send(data);
        PeerControl.settle();
        long start = System.nanoTime();
        assertArrayEquals(data, ok(f.mtcp.read(fd, 5000)));
        double elapsed = since(start);
        assertTrue(elapsed < 2.0, () -> "the short last chunk did not end the read: " + elapsed + " s");
    }

    /** [pinned] The C code returns nil, "poll timeout" here and loses the 2048 bytes. */
    @Test
    default void M34_bytesReadBeforeATimeoutAreReturned(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        byte[] data = randomBytes(2048);
        peer.send(data);
        PeerControl.settle();
        long start = System.nanoTime();
        assertArrayEquals(data, ok(f.mtcp.read(fd, 5000, 300)));
        double elapsed = since(start);
        assertTrue(elapsed >= 0.25 && elapsed <= 1.8, () -> "returned after " + elapsed + " s, not ≈0.3 s");
    }

    @Test
    default void M35_readOfZeroStillReadsOneChunk(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        peer.send(Bytes.of("12345"));
        PeerControl.settle();
        assertEquals("12345", Bytes.str(ok(f.mtcp.read(fd, 0))));
    }

    @Test
    default void M36_endOfStreamIsTheEmptyString(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        peer.send(Bytes.of("data"));
        peer.finish();
        PeerControl.settle();
        assertEquals("data", Bytes.str(ok(f.mtcp.read(fd, 1024, 5000))));
        Result<byte[]> eof = f.mtcp.read(fd, 1024, 5000);
        assertTrue(eof.isOk(), () -> "end of stream must be \"\", not " + eof);
        assertEquals(0, eof.value().length);
    }

    @Test
    default void M37_readOnAClosedOrInvalidFdFailsAtOnce(Fixture f) {
        int fd = ok(f.mtcp.bind("127.0.0.1", "0")).fd();
        ok(f.mtcp.close(fd));
        long start = System.nanoTime();
        assertEquals("read error: -1  9", f.mtcp.read(fd, 1024, 5000).error(), "closed fd");
        assertEquals("read error: -1  9", f.mtcp.read(MtcpContract.BAD_FD, 1024, 5000).error(), "invalid fd");
        double elapsed = since(start);
        assertTrue(elapsed < 2.0, () -> "took " + elapsed + " s: a bad fd must not wait");
    }

    @Test
    default void M38_readAfterAResetThenEndOfStream(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        peer.reset();
        PeerControl.settle();
        long start = System.nanoTime();
        assertEquals("read error: -1  104", f.mtcp.read(fd, 1024, 5000).error());
        double elapsed = since(start);
        assertTrue(elapsed < 2.0, () -> "took " + elapsed + " s: a reset must not wait");
        Result<byte[]> next = f.mtcp.read(fd, 1024, 5000);
        assertTrue(next.isOk(), () -> "after the reset was reported, read gives \"\", not " + next);
        assertEquals(0, next.value().length);
    }

    @Test
    default void M39_aNegativeTimeoutWaitsForever(Fixture f) {
        PeerControl peer = PeerControl.start(f);
        int fd = clientOf(f, peer);
        long start = System.nanoTime();
        Background<Result<byte[]>> reading = Background.start(() -> f.mtcp.read(fd, 1024, -1));
        Peer.pause(1000);
        assertFalse(reading.isDone(), () -> "read returned with no data: " + reading.getNow(null));
        peer.send(Bytes.of("late"));
        assertEquals("late", Bytes.str(ok(reading.await(10))));
        double elapsed = since(start);
        assertTrue(elapsed >= 0.9, () -> "returned after " + elapsed + " s");
    }

    /**
     * read("9999", 1, 0) in Lua is read(9999, 1, 0) here: a bad fd. Lua's read("x") raises "number
     * expected"; the Java parameters are integers, so no public read may take anything else.
     */
    @Test
    default void M40_readArgumentsAreIntegers(Fixture f) {
        assertEquals("read error: -1  9", f.mtcp.read(9999, 1, 0).error());
        for (Method m : Mtcp.class.getMethods()) {
            if (m.getName().equals("read")) {
                Class<?>[] p = m.getParameterTypes();
                assertEquals(int.class, p[0], () -> m + ": the fd is an integer");
                for (int i = 1; i < p.length; i++) {
                    assertEquals(long.class, p[i], () -> m + ": n and timeout are integers");
                }
            }
        }
    }
}
