package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtcp check}: the kit through the launcher on the module path, the matrix, the reports, usage errors. */
class CheckCommandTest {
    @Test
    void checksOneTransportInOneAreaAndWritesTheReports(@TempDir Path dir) throws Exception {
        Run r = Run.of("--color", "never", "check", "-t", "blocking", "--area", "interop", "--no-pairs",
                "--report-dir", dir.toString());
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("transport") && r.out.contains("interop") && r.out.contains("verdict: PASS"),
                r::toString);
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"verdict\": \"PASS\""), r::toString);
        assertTrue(Files.exists(dir.resolve("report.md")) && Files.exists(dir.resolve("coverage.tsv")), r::toString);
    }

    @Test
    void anUnknownAreaOrTransportIsBadUsage(@TempDir Path dir) {
        assertEquals(Main.USAGE, Run.of("check", "--area", "plumbing", "--report-dir", dir.toString()).exitCode);
        Run r = Run.of("check", "-t", "carrier-pigeon", "--report-dir", dir.toString());
        assertEquals(Main.USAGE, r.exitCode, r::toString);
        assertTrue(r.out.contains("no transport named 'carrier-pigeon'"), r::toString);
    }
}
