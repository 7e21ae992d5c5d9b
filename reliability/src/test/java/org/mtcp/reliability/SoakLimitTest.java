package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mtcp soak --minutes N} ends within N minutes plus {@link Soak#MARGIN}: a limited run with the full
 * leak and hostile-input sizes stops them at the limit and its figures say how many ran. (The load is made
 * small here so the test stays short; the soak command uses the full size.)
 */
class SoakLimitTest {
    @Test
    void aLimitedSoakStopsAtItsLimitAndSaysHowMuchRan() {
        Duration limit = Duration.ofSeconds(6);
        String transport = Available.names().contains("nio") ? "nio" : Available.names().get(0);
        Soak.Config config = new Soak.Config(limit, transport, 8, 64 * 1024, 100_000, 1_000_000, 20);
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        int failed = Soak.run(config, lines::add);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String all = String.join("\n", lines);
        assertEquals(0, failed, all);
        // Far inside the stated margin: what runs past the limit here is one unit (a few ms to a second).
        assertTrue(took.compareTo(limit.plusSeconds(20)) < 0, "took " + took + ":\n" + all);
        assertTrue(all.contains("hostile " + transport + ": ") && all.contains(" of 1000000]"),
                "the hostile figure says how many of the million ran:\n" + all);
        assertTrue(all.contains(" of 100000]"), "the leak figure says how many cycles ran:\n" + all);
        assertTrue(all.contains("for a limit of 6 s"), all);
    }
}
