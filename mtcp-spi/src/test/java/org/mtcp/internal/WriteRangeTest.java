package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mtcp.LuaError;

class WriteRangeTest {
    private static String written(String s, long idx, long n) {
        WriteRange r = WriteRange.of(s.length(), idx, n);
        return s.substring(r.offset(), (int) (r.offset() + r.count()));
    }

    @Test
    void M20_indexMatrix() {
        assertEquals("cdef", written("abcdef", 3, 0));
        assertEquals("bc", written("abcdef", 2, 2));
        assertEquals("ef", written("abcdef", 5, 100));
        assertEquals("abcdef", written("abcdef", 1, 0));
        assertEquals("f", written("abcdef", 6, 0));
    }

    @Test
    void M21_M22_idxOutsideTheStringRaises() {
        assertEquals("write: idx (7) too large",
                assertThrows(LuaError.class, () -> WriteRange.of(6, 7, 0)).getMessage());
        assertEquals("write: idx (-1) too large",
                assertThrows(LuaError.class, () -> WriteRange.of(6, -1, 0)).getMessage());
        assertEquals("write: idx (1) too large",
                assertThrows(LuaError.class, () -> WriteRange.of(0, 1, 0)).getMessage());
        assertEquals("write: idx (0) too large",
                assertThrows(LuaError.class, () -> WriteRange.of(6, 0, 0)).getMessage());
    }

    @Test
    void M23_M24_negativeCounts() {
        assertTrue(WriteRange.of(6, 3, -1).isFault());
        assertEquals("abcdef", written("abcdef", 1, -5));
        assertEquals("abcdef", written("abcdef", 1, Long.MIN_VALUE));
        assertEquals("f", written("abcdef", 6, Long.MAX_VALUE));
    }
}
