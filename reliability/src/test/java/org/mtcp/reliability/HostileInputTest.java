package org.mtcp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.mtcp.Transports;
import org.mtcp.spi.Transport;

/**
 * Hostile input for every public entry point of both APIs on every transport: each try runs 1,000
 * generated cases from a jqwik-chosen seed on one transport, the transports taking turns (60 tries:
 * 60,000 cases in all; {@code mtcp soak} runs 1,000,000). A failing seed replays with
 * {@code -Dreliability.hostile.replay=NAME:SEED}.
 */
class HostileInputTest {
    private static final int CASES_PER_TRY = 1000;
    private static final Map<String, long[]> TOTALS = new LinkedHashMap<>();

    private static final java.util.concurrent.atomic.AtomicInteger TRY = new java.util.concurrent.atomic.AtomicInteger();

    @Property(tries = 60, shrinking = ShrinkingMode.OFF, seed = "")
    void everyCaseEndsAsDocumented(@ForAll long seed) {
        // 60 tries x 1,000 cases = 60,000 cases, the transports taking turns (CI time: the soak runs 1,000,000 per transport).
        java.util.List<String> names = Available.names();
        for (String name : java.util.List.of(names.get(TRY.getAndIncrement() % names.size()))) {
            try (Transport t = Transports.require(name); Transport foreign = Transports.require(name);
                    HostileInput h = new HostileInput(t, foreign)) {
                HostileInput.Report r;
                try {
                    r = h.run(seed, CASES_PER_TRY);
                } catch (RuntimeException e) {
                    throw new AssertionError(name + ", seed " + seed + ": " + e, e);
                }
                long[] tot = TOTALS.computeIfAbsent(name, k -> new long[6]);
                tot[0] += r.cases();
                tot[1] += r.returned();
                tot[2] += r.failedAsDocumented();
                tot[3] += r.raised();
                tot[4] += r.closeRaces();
                tot[5] += r.millis();
                assertEquals(0, r.violations().size(), () -> "seed " + seed + ": " + r + "\n  "
                        + String.join("\n  ", r.violations()));
                assertEquals(CASES_PER_TRY, r.cases());
                if (!r.worldFailures().isEmpty()) {
                    System.out.println("note: " + r);
                }
                assertTrue(r.raised() > 0 && r.failedAsDocumented() > 0 && r.returned() > 0, r.toString());
            }
        }
    }

    /** {@code -Dreliability.hostile.replay=NAME:SEED} replays one try. */
    @net.jqwik.api.Example
    void replay() {
        String spec = System.getProperty("reliability.hostile.replay");
        if (spec == null) {
            return;
        }
        String[] p = spec.split(":");
        try (Transport t = Transports.require(p[0]); Transport foreign = Transports.require(p[0]);
                HostileInput h = new HostileInput(t, foreign)) {
            HostileInput.Report r = h.run(Long.parseLong(p[1]), CASES_PER_TRY);
            assertEquals(0, r.violations().size(), () -> r + "\n  " + String.join("\n  ", r.violations()));
        }
    }

    @AfterContainer
    static void report() throws Exception {
        StringBuilder b = new StringBuilder();
        TOTALS.forEach((name, t) -> b.append(String.format("hostile %s: %d cases in %d ms (%d returned a value,"
                + " %d a documented failure, %d raised LuaError, %d concurrent-close races); violations: 0%n", name,
                t[0], t[5], t[1], t[2], t[3], t[4])));
        System.out.print(b);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile.txt"), b.toString());
    }
}
