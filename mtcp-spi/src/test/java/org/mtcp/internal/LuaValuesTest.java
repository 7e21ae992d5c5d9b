package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LuaValuesTest {
    @Test
    void numbersPrintAsLua54() {
        assertEquals("8080", LuaValues.numberToString(8080));
        assertEquals("8080.0", LuaValues.numberToString(8080.0));
        assertEquals("0.1", LuaValues.numberToString(0.1));
        assertEquals("1e+100", LuaValues.numberToString(1e100));
        assertEquals("1.5e-05", LuaValues.numberToString(1.5e-5));
        assertEquals("inf", LuaValues.numberToString(Double.POSITIVE_INFINITY));
        assertEquals("-2.5", LuaValues.numberToString(-2.5));
    }

    @Test
    void stringsReadAsLuaNumbers() {
        assertEquals(10.0, LuaValues.toNumber("10"));
        assertEquals(10.0, LuaValues.toNumber(" 10 "));
        assertEquals(16.0, LuaValues.toNumber("0x10"));
        assertEquals(2.5, LuaValues.toNumber("2.5"));
        assertEquals(100.0, LuaValues.toNumber("1e2"));
        assertNull(LuaValues.toNumber("inf"));
        assertNull(LuaValues.toNumber("nan"));
        assertNull(LuaValues.toNumber("1d"));
        assertNull(LuaValues.toNumber("*l"));
        assertNull(LuaValues.toNumber(true));
    }
}
