package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtcp.conformance.LuaSocketObjectContract.assertRaises;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;
import org.mtcp.luasocket.Sent;
import org.mtcp.luasocket.Tcp;

/**
 * LuaSocket send and receive, checklist items L81–L100 (behaviour.md section h): send's index rules and
 * results, errors on closed connections, partial sends; receive patterns, prefixes, CR handling, result
 * shapes and partial results when the peer closes.
 */
public interface LuaSocketSendReceiveContract extends TransportConformance {

    /** Reads exactly {@code n} bytes from {@code t} (5 s limit) as Latin-1 text, failing the test otherwise. */
    static String take(Tcp t, int n) {
        t.settimeout(5);
        Received r = t.receive(n);
        assertTrue(r.isOk(), () -> "receive(" + n + ") failed: " + r);
        return Bytes.str(r.data());
    }

    /** A connected pair whose both ends have a 5 s block timeout, so no call here can hang. */
    static Fixture.Pair boundedPair(Fixture f) {
        Fixture.Pair p = f.pair();
        p.client().settimeout(5);
        p.accepted().settimeout(5);
        return p;
    }

    /** Runs {@code work} in a daemon thread. */
    static <T> CompletableFuture<T> background(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, r -> {
            Thread t = new Thread(r, "mtcp-conformance-reader");
            t.setDaemon(true);
            t.start();
        });
    }

    /** A failed receive with this message and partial result. */
    static Received failed(String error, String partial) {
        return Received.fail(error, Bytes.of(partial));
    }

    // ---- send ------------------------------------------------------------------------------------------

    @Test
    default void L81_sendReturnsTheLastIndexAndTwoNils(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Sent s = p.client().send("abc");
        assertTrue(s.isOk(), s::toString);
        assertEquals(3L, s.last());
        assertNull(s.error());
        assertEquals(Sent.ok(3), s);
        assertEquals("abc", take(p.accepted(), 3));
    }

    @Test
    default void L82_sendIndexMatrix(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Tcp c = p.client();
        assertEquals(Sent.ok(6), c.send("abcdef", 3));
        assertEquals("cdef", take(p.accepted(), 4));
        assertEquals(Sent.ok(6), c.send("abcdef", -2));
        assertEquals("ef", take(p.accepted(), 2));
        assertEquals(Sent.ok(3), c.send("abcdef", 2, 3));
        assertEquals("bc", take(p.accepted(), 2));
    }

    @Test
    default void L83_sendWithNothingSelectedReturnsIMinusOne(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Tcp c = p.client();
        assertEquals(Sent.ok(4), c.send("abc", 5));
        assertEquals(Sent.ok(0), c.send(""));
        assertEquals(Sent.ok(1), c.send("abc", 2, -5));
        // Nothing went out: the next byte on the wire is the marker.
        assertEquals(Sent.ok(1), c.send("Z"));
        assertEquals("Z", take(p.accepted(), 1));
    }

    @Test
    default void L84_sendClampsAndTruncatesIndexes(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Tcp c = p.client();
        assertEquals(Sent.ok(3), c.send("abc", 0));
        assertEquals("abc", take(p.accepted(), 3));
        assertEquals(Sent.ok(2), c.send("abc", -10, 2));
        assertEquals("ab", take(p.accepted(), 2));
        assertEquals(Sent.ok(2), c.send("abc", 2.9, 2.9));
        assertEquals("b", take(p.accepted(), 1));
    }

    @Test
    default void L85_sendConvertsNumbersAndRaisesForNil(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        assertEquals(Sent.ok(3), p.client().send(123));
        assertEquals("123", take(p.accepted(), 3));
        assertRaises("string expected", () -> p.client().send(null));
    }

    @Test
    default void L86_sendOnAClosedClient(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        assertEquals(1, p.client().close());
        assertEquals(Sent.fail("closed", 0), p.client().send("abc"));
    }

    @Test
    default void L87_sendsAfterThePeerClosedEndInClosed(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Tcp c = p.client();
        c.settimeout(2);
        p.accepted().close();
        byte[] chunk = new byte[1000];
        Arrays.fill(chunk, (byte) 'w');
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Sent s = c.send(chunk);
        int attempts = 1;
        while (s.isOk() && attempts < 1000 && System.nanoTime() < deadline) {
            Peer.pause(5);
            s = c.send(chunk);
            attempts++;
        }
        Sent last = s;
        assertFalse(last.isOk(), () -> "every send succeeded after the peer closed");
        assertEquals("closed", last.error());
        assertTrue(last.last() >= 0 && last.last() <= chunk.length, () -> "index " + last.last());
    }

    @Test
    default void L88_timedOutSendReportsItsIndexAndResumes(Fixture f) throws Exception {
        Fixture.Pair p = f.pair();
        Tcp c = p.client();
        // More than loopback's socket buffers on both ends can hold, so a non-reading peer stalls it.
        byte[] data = Bytes.random(new Random(88), 24 << 20);
        c.settimeout(0.2);
        Sent s = c.send(data, 11);
        assertFalse(s.isOk(), () -> "24 MiB went out to a peer that does not read: " + s);
        assertEquals("timeout", s.error());
        assertTrue(s.last() >= 10 && s.last() < data.length, () -> "index " + s.last());
        Tcp reader = p.accepted();
        reader.settimeout(20);
        CompletableFuture<Received> got = background(() -> reader.receive(data.length - 10));
        c.settimeout(20);
        assertEquals(Sent.ok(data.length), c.send(data, s.last() + 1));
        Received r = got.get(30, TimeUnit.SECONDS);
        assertTrue(r.isOk(), r::toString);
        assertArrayEquals(Arrays.copyOfRange(data, 10, data.length), r.data());
    }

    // ---- receive: patterns -------------------------------------------------------------------------------

    @Test
    default void L89_receiveDefaultsToLineMode(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("hello\nworld\n");
        assertEquals("hello", Bytes.str(p.client().receive().data()));
        assertEquals("world", Bytes.str(p.client().receive().data()));
    }

    @Test
    default void L90_lineModeDropsEveryCr(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("x\r\ny\rz\r\n");
        assertEquals(Received.ok(Bytes.of("x")), p.client().receive());
        assertEquals(Received.ok(Bytes.of("yz")), p.client().receive());
    }

    @Test
    default void L91_starLineAndNumericStringPatterns(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("line one\n0123456789tail\n");
        assertEquals(Received.ok(Bytes.of("line one")), p.client().receive("*line"));
        assertEquals(Received.ok(Bytes.of("0123456789")), p.client().receive("10"));
        assertEquals(Received.ok(Bytes.of("tail")), p.client().receive("*l"));
    }

    @Test
    default void L92_luaFiveThreePatternsRaise(Fixture f) {
        Tcp c = boundedPair(f).client();
        assertRaises("invalid receive pattern", () -> c.receive("a"));
        assertRaises("invalid receive pattern", () -> c.receive("l"));
    }

    @Test
    default void L93_otherInvalidPatternsRaise(Fixture f) {
        Tcp c = boundedPair(f).client();
        assertRaises("invalid receive pattern", () -> c.receive("*x"));
        assertRaises("invalid receive pattern", () -> c.receive(-1));
        assertRaises("string expected", () -> c.receive(List.of()));
    }

    @Test
    default void L94_fractionalCountIsTruncated(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("abc");
        assertEquals(Received.ok(Bytes.of("ab")), p.client().receive(2.7));
        assertEquals(Received.ok(Bytes.of("c")), p.client().receive(1));
    }

    // ---- receive: prefixes -------------------------------------------------------------------------------

    @Test
    default void L95_prefixCountsTowardTheNumber(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("7890");
        assertEquals(Received.ok(Bytes.of("1234567890")), p.client().receive(10, "123456"));
    }

    @Test
    default void L96_aPrefixAtLeastTheCountIsReturnedWithoutReading(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        Tcp c = p.client();
        // With a zero timeout and nothing sent, any read would fail with "timeout".
        c.settimeout(0);
        assertEquals(Received.ok(Bytes.of("87654321")), c.receive(8, "87654321"));
        assertEquals(Received.ok(Bytes.of("87654321")), c.receive(4, "87654321"));
        // With data waiting, nothing is consumed either.
        p.accepted().send("7890");
        c.settimeout(5);
        assertEquals(Received.ok(Bytes.of("7")), c.receive(1));
        assertEquals(Received.ok(Bytes.of("87654321")), c.receive(8, "87654321"));
        assertEquals(Received.ok(Bytes.of("87654321")), c.receive(4, "87654321"));
        assertEquals(Received.ok(Bytes.of("890")), c.receive(3));
    }

    @Test
    default void L97_lineWithPrefix(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("line\n");
        assertEquals(Received.ok(Bytes.of("PRE:line")), p.client().receive("*l", "PRE:"));
    }

    @Test
    default void L98_successfulReceiveIsDataNilNil(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("data\n");
        Received r = p.client().receive();
        assertTrue(r.isOk(), r::toString);
        assertEquals("data", Bytes.str(r.data()));
        assertNull(r.error());
        assertNull(r.partial());
    }

    // ---- receive: partial results when the peer closes ------------------------------------------------

    @Test
    default void L99_lineCutOffByCloseIsPartialThenEmpty(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("partial line");
        p.accepted().close();
        assertEquals(failed("closed", "partial line"), p.client().receive());
        assertEquals(failed("closed", ""), p.client().receive());
    }

    @Test
    default void L100_countCutOffByCloseKeepsPrefixAndBytes(Fixture f) {
        Fixture.Pair p = boundedPair(f);
        p.accepted().send("12345");
        p.accepted().close();
        assertEquals(failed("closed", "P:12345"), p.client().receive(10, "P:"));
    }
}
