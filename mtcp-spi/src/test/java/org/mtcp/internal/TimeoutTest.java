package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeoutTest {
    @Test
    void noLimitsWaitForever() {
        Timeout t = new Timeout();
        t.markStart();
        assertEquals(-1, t.waitNanos());
    }

    @Test
    void blockAloneShrinksWithElapsedTime() throws InterruptedException {
        Timeout t = new Timeout();
        t.setBlock(1.0);
        t.markStart();
        Thread.sleep(200);
        long w = t.waitNanos();
        assertTrue(w <= 800_000_000L, "block − elapsed, got " + w);
        assertTrue(w > 0);
    }

    @Test
    void theWaitNeverEndsBeforeTheLimit() {
        // 20.5 ms: truncating what is left to whole ms would wait 20 ms and end the call 0.5 ms early.
        Timeout t = new Timeout();
        t.setBlock(0.0205);
        long s0 = System.nanoTime();
        t.markStart();
        long w = t.waitNanos();
        long s1 = System.nanoTime();
        assertTrue(w >= 20_500_000L - (s1 - s0), "waits " + w + " ns after up to " + (s1 - s0) + " ns");
        assertEquals(0, w % 1_000_000L, "whole milliseconds");
        assertTrue(w <= 21_000_000L, "at most the limit rounded up");
    }

    @Test
    void bothLimitsUseTheBlockLimitUnreduced() throws InterruptedException {
        Timeout t = new Timeout();
        t.setBlock(1.0);
        t.setTotal(5.0);
        t.markStart();
        Thread.sleep(100);
        assertEquals(1_000_000_000L, t.waitNanos());
    }

    @Test
    void totalAloneShrinks() {
        Timeout t = new Timeout();
        t.setTotal(0.0);
        t.markStart();
        assertEquals(0, t.waitNanos());
        assertFalse(t.isZero());
    }

    @Test
    void onlyAnExactZeroBlockIsTheZeroShortcut() {
        Timeout t = new Timeout();
        t.setBlock(0.0);
        assertTrue(t.isZero());
        t.setBlock(-0.0);
        assertTrue(t.isZero());
        t.setBlock(0.001);
        assertFalse(t.isZero());
    }

    @Test
    void truncatesToWholeMillisecondsAndSaturates() {
        assertEquals(1_000_000L, Timeout.millisToNanos(1.9));
        assertEquals(0, Timeout.millisToNanos(0.5));
        assertEquals(0, Timeout.millisToNanos(Double.NaN));
        assertEquals(-1, Timeout.millisToNanos(Double.POSITIVE_INFINITY));
    }

    @Test
    void nanLimitMeansAnImmediateTimeoutLikeC() {
        Timeout t = new Timeout();
        t.setBlock(Double.NaN);
        t.markStart();
        assertEquals(0, t.waitNanos());
    }
}
