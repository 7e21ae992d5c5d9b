package org.mtcp.conformance.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mtcp.conformance.Checklist;

/**
 * The kit catches seeded faults: each deliberately broken provider (see {@link Faults}) runs the kit's
 * tests of its areas through the JUnit Platform Launcher, and the tests of the expected checklist items
 * must be among the failures. A control run shows those tests pass on the unbroken transport. Each
 * fault's failing items are appended to target/seeded-faults.txt.
 */
class SeededFaultsTest {
    private static final Path LOG = Path.of("target", "seeded-faults.txt");

    @Test
    void theExpectedItemsPassWithoutAFault(@TempDir Path work) {
        String items = String.join(",", Faults.expectedUnion());
        List<String> failed = FaultRun.failedTests(null, items, work.toString());
        assertTrue(failed.isEmpty(), () -> "the unbroken transport fails: " + failed);
    }

    @TestFactory
    Stream<DynamicTest> eachFaultIsCaughtByItsChecklistItems(@TempDir Path work) {
        return Faults.all().stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            Path dir = Files.createDirectories(work.resolve(f.name()));
            long t0 = System.nanoTime();
            List<String> failed = f.patch() == null ? FaultRun.failedTests(f.name(), null, dir.toString())
                    : Mutant.failedTests(f, dir);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Set<String> caught = failed.stream().map(s -> Checklist.itemOf(s).orElse(s.substring(0, s.indexOf(':'))))
                    .collect(Collectors.toCollection(TreeSet::new));
            log(String.format("%-26s %-6s %5d ms  expected %s  caught by %s%n", f.name(), f.layer(), ms,
                    new TreeSet<>(f.expected()), caught));
            assertFalse(failed.isEmpty(), () -> f + " (" + f.what() + ") went unnoticed by the kit");
            assertTrue(caught.containsAll(f.expected()), () -> f + " (" + f.what() + "): expected items "
                    + f.expected() + " among the failures, got " + String.join("; ", failed));
        }));
    }

    private static synchronized void log(String line) {
        try {
            Files.writeString(LOG, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (Exception ignored) {
            // The log is a convenience; the assertions speak.
        }
    }
}
