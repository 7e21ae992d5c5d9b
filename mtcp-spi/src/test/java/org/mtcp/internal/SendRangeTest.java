package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SendRangeTest {
    private static String sent(String s, double i, double j) {
        SendRange r = SendRange.of(s.length(), i, j);
        return r.count() == 0 ? "" : s.substring((int) r.first() - 1, (int) r.last());
    }

    @Test
    void L82_indexMatrix() {
        assertEquals("cdef", sent("abcdef", 3, -1));
        assertEquals(6, SendRange.of(6, 3, -1).reported(4));
        assertEquals("ef", sent("abcdef", -2, -1));
        assertEquals(6, SendRange.of(6, -2, -1).reported(2));
        assertEquals("bc", sent("abcdef", 2, 3));
        assertEquals(3, SendRange.of(6, 2, 3).reported(2));
    }

    @Test
    void L83_nothingSelectedReportsIMinusOne() {
        assertEquals(4, SendRange.of(3, 5, -1).reported(0));
        assertEquals(0, SendRange.of(0, 1, -1).reported(0));
        assertEquals(1, SendRange.of(3, 2, -5).reported(0));
        assertEquals(0, SendRange.of(3, 2, -5).count());
    }

    @Test
    void L84_clampsAndTruncates() {
        assertEquals("abc", sent("abc", 0, -1));
        assertEquals(3, SendRange.of(3, 0, -1).reported(3));
        assertEquals("ab", sent("abc", -10, 2));
        assertEquals("b", sent("abc", 2.9, 2.9));
        assertEquals(2, SendRange.of(3, 2.9, 2.9).reported(1));
    }

    @Test
    void nanAndInfinitiesAreDeterministic() {
        assertEquals("abc", sent("abc", Double.NaN, Double.POSITIVE_INFINITY));
        assertEquals("", sent("abc", Double.POSITIVE_INFINITY, -1));
        assertEquals("abc", sent("abc", Double.NEGATIVE_INFINITY, -1));
    }

    @Property(tries = 500)
    void selectionStaysInsideTheData(@ForAll @IntRange(max = 50) int size,
            @ForAll @LongRange(min = -80, max = 80) long i, @ForAll @LongRange(min = -80, max = 80) long j) {
        SendRange r = SendRange.of(size, i, j);
        if (r.count() > 0) {
            assertEquals(true, r.first() >= 1 && r.last() <= size && r.first() <= r.last());
        }
    }
}
