package org.mtcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunBuffersTest {
    @Test
    void anArrayGivenBackIsTakenAgain() {
        byte[] a = RunBuffers.take();
        assertEquals(RunBuffers.SIZE, a.length);
        RunBuffers.give(a);
        byte[] b = RunBuffers.take();
        assertSame(a, b);
        RunBuffers.give(b);
    }

    @Test
    void arraysHeldAtOnceAreAllDistinctAndOnlyAFewAreKept() {
        List<byte[]> held = new ArrayList<>();
        Map<byte[], Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] b = RunBuffers.take();
            held.add(b);
            seen.put(b, true);
        }
        assertEquals(10, seen.size(), "two holders shared an array");
        held.forEach(RunBuffers::give);
        Map<byte[], Boolean> kept = new IdentityHashMap<>();
        List<byte[]> again = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] b = RunBuffers.take();
            again.add(b);
            if (seen.containsKey(b)) {
                kept.put(b, true);
            }
        }
        assertEquals(4, kept.size(), "the pool keeps four arrays");
        assertNotSame(again.get(0), again.get(9));
        again.forEach(RunBuffers::give);
    }
}
