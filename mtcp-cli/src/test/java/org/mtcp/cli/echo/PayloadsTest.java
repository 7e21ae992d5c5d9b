package org.mtcp.cli.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    @Test
    void everyByteValueOccurs() {
        for (int size : new int[] {256, 257, 4096, 10_000}) {
            byte[] p = Payloads.random(size, new Random(size));
            assertEquals(size, p.length);
            boolean[] seen = new boolean[256];
            for (byte b : p) {
                seen[b & 0xff] = true;
            }
            for (int v = 0; v < 256; v++) {
                assertEquals(true, seen[v], "value " + v + " missing at size " + size);
            }
        }
    }

    @Test
    void seededAndShuffled() {
        assertArrayEquals(Payloads.random(1000, new Random(5)), Payloads.random(1000, new Random(5)));
        byte[] p = Payloads.random(256, new Random(1));
        boolean identity = true;
        for (int i = 0; i < 256; i++) {
            identity &= (p[i] & 0xff) == i;
        }
        assertFalse(identity, "the 256 values are shuffled, not in order");
        assertThrows(IllegalArgumentException.class, () -> Payloads.random(255, new Random()));
    }

    @Test
    void differenceNamesTheFirstMismatch() {
        byte[] a = {1, 2, 3};
        assertNull(Payloads.difference(a, new byte[] {1, 2, 3}));
        assertEquals("echo differs at byte 1 of 3: sent 0x02, got 0xff", Payloads.difference(a, new byte[] {1, -1, 3}));
        assertEquals("echo has 2 bytes, sent 3", Payloads.difference(a, new byte[] {1, 2}));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, Demo.median(new long[] {9, 1, 3}));
        assertEquals(5, Demo.median(new long[] {10, 1, 4, 6}));
        assertThrows(IllegalArgumentException.class, () -> Demo.median(new long[0]));
    }
}
