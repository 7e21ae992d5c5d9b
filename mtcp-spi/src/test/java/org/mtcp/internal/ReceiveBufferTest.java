package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.mtcp.luasocket.Received;

/** The receive patterns over a scripted source: each element is one recv's result. */
class ReceiveBufferTest {
    private static final byte[] NONE = new byte[0];

    /** A source that returns the given chunks, then the given final status forever. */
    private static ReceiveBuffer.Source script(int end, String... chunks) {
        Deque<byte[]> q = new ArrayDeque<>();
        for (String c : chunks) {
            q.add(c.getBytes(StandardCharsets.ISO_8859_1));
        }
        return (dst, off, len) -> {
            byte[] c = q.poll();
            if (c == null) {
                return end;
            }
            System.arraycopy(c, 0, dst, off, c.length);
            return c.length;
        };
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String run(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** A count of a buffer or more: whole in one recv, in several, and cut short; results and statistic. */
    @Test
    void L100_L101_L110_bigCountsWholeInPartsAndCutShort() {
        ReceiveBuffer b = new ReceiveBuffer();
        String a = run('a', 20_000);
        assertEquals(a, b.receive(ReceivePattern.count(20_000), NONE, script(IoStatus.TIMEOUT, a)).string());
        assertEquals(20_000, b.received());
        String parts = run('b', 5_000) + run('c', 9_000) + run('d', 6_000);
        ReceiveBuffer.Source src = script(IoStatus.TIMEOUT, run('b', 5_000), run('c', 9_000), run('d', 6_000) + "tail");
        assertEquals(parts, b.receive(ReceivePattern.count(20_000), NONE, src).string());
        assertEquals(40_000, b.received());
        assertEquals("tail", b.receive(ReceivePattern.count(4), NONE, src).string(), "the over-read stays buffered");
        Received cut = b.receive(ReceivePattern.count(20_000), NONE, script(IoStatus.CLOSED, run('e', 7_000), "f"));
        assertEquals(Received.fail("closed", (run('e', 7_000) + "f").getBytes(StandardCharsets.ISO_8859_1)), cut);
        assertEquals(40_004 + 7_001, b.received());
        assertEquals(Received.fail("timeout", NONE), b.receive(ReceivePattern.count(9_000), NONE, script(IoStatus.TIMEOUT)));
    }

    @Test
    void L90_lineDropsEveryCr() {
        ReceiveBuffer b = new ReceiveBuffer();
        ReceiveBuffer.Source src = script(IoStatus.TIMEOUT, "x\r\ny\rz\r\n");
        assertEquals("x", b.receive(ReceivePattern.LINE, NONE, src).string());
        assertEquals("yz", b.receive(ReceivePattern.LINE, NONE, src).string());
    }

    @Test
    void L99_partialLineOnCloseIsConsumed() {
        ReceiveBuffer b = new ReceiveBuffer();
        ReceiveBuffer.Source src = script(IoStatus.CLOSED, "partial ", "line");
        Received r = b.receive(ReceivePattern.LINE, NONE, src);
        assertEquals(Received.fail("closed", "partial line".getBytes(StandardCharsets.ISO_8859_1)), r);
        assertEquals(Received.fail("closed", NONE), b.receive(ReceivePattern.LINE, NONE, src));
    }

    @Test
    void L95_L96_prefixCountsTowardTheCount() {
        ReceiveBuffer b = new ReceiveBuffer();
        ReceiveBuffer.Source src = script(IoStatus.TIMEOUT, "7890");
        assertEquals("1234567890", b.receive(ReceivePattern.count(10), "123456".getBytes(), src).string());
        ReceiveBuffer.Source nothing = (dst, off, len) -> {
            throw new AssertionError("no I/O expected");
        };
        assertEquals("87654321", b.receive(ReceivePattern.count(8), "87654321".getBytes(), nothing).string());
        assertEquals("87654321", b.receive(ReceivePattern.count(4), "87654321".getBytes(), nothing).string());
    }

    @Test
    void L102_L103_allSucceedsOnlyWithNewBytes() {
        ReceiveBuffer b = new ReceiveBuffer();
        ReceiveBuffer.Source src = script(IoStatus.CLOSED, "all of", " it");
        assertEquals("P:all of it", b.receive(ReceivePattern.ALL, "P:".getBytes(), src).string());
        assertEquals(Received.fail("closed", "P:".getBytes()), b.receive(ReceivePattern.ALL, "P:".getBytes(), src));
    }

    @Test
    void L106_L107_receiveZeroStillReadsOnce() {
        ReceiveBuffer b = new ReceiveBuffer();
        assertEquals(Received.fail("timeout", NONE), b.receive(ReceivePattern.count(0), NONE, script(IoStatus.TIMEOUT)));
        ReceiveBuffer.Source src = script(IoStatus.TIMEOUT, "data");
        assertEquals("", b.receive(ReceivePattern.count(0), NONE, src).string());
        assertTrue(b.isDirty());
        assertEquals(0, b.received());
        assertEquals("data", b.receive(ReceivePattern.count(4), NONE, src).string());
        assertFalse(b.isDirty());
        assertEquals(4, b.received());
    }

    @Test
    void L101_shortCountOnTimeoutKeepsThePartial() {
        ReceiveBuffer b = new ReceiveBuffer();
        assertEquals(Received.fail("timeout", "abc".getBytes()),
                b.receive(ReceivePattern.count(10), NONE, script(IoStatus.TIMEOUT, "abc")));
    }

    @Test
    void errnoStatusesUseLuaSocketWords() {
        ReceiveBuffer b = new ReceiveBuffer();
        assertEquals("closed", b.receive(ReceivePattern.ALL, NONE, script(IoStatus.ofErrno(104))).error());
        assertEquals("Bad file descriptor", b.receive(ReceivePattern.ALL, NONE, script(IoStatus.ofErrno(9))).error());
    }
}
