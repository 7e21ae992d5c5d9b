package org.mtcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The native runner's timeout fires even while the child keeps writing, and the child is killed. */
class NativeRunTest {
    @Test
    void returnsTheLastLineOfOutput() throws IOException {
        assertEquals("42", Native.run(30, "sh", "-c", "echo warming up; echo 42"));
    }

    @Test
    void aChildThatWritesForeverIsKilledAtTheTimeout() {
        long t0 = System.nanoTime();
        // More output than any pipe holds, and no end: reading everything first would never return.
        IOException e = assertThrows(IOException.class, () -> Native.run(1, "yes"));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(seconds < 10, "returned after " + seconds + " s");
    }

    @Test
    void aFailingChildIsReportedWithItsOutput() {
        IOException e = assertThrows(IOException.class, () -> Native.run(30, "sh", "-c", "echo broken; exit 3"));
        assertTrue(e.getMessage().contains("exited 3") && e.getMessage().contains("broken"), e.getMessage());
    }
}
