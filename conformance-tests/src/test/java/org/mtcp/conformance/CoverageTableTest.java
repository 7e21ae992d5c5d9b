package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtcp.conformance.check.CoverageTable;
import org.mtcp.conformance.check.KitTest;
import org.mtcp.conformance.check.Outcome;

/** The coverage table generator: results per item from outcomes and from JUnit XML. */
class CoverageTableTest {
    private static final List<KitTest> TESTS = List.of(
            new KitTest("M1_a", "X", Optional.of("M1"), "mtcp"),
            new KitTest("M1_b", "X", Optional.of("M1"), "mtcp"),
            new KitTest("L53_c", "X", Optional.of("L53"), "state"),
            new KitTest("L54_d", "X", Optional.of("L54"), "state"),
            new KitTest("M99_e", "X", Optional.of("M99"), "mtcp"));

    @Test
    void eachItemGetsItsTestsAndAResultPerRun() {
        List<Outcome> outcomes = List.of(
                new Outcome("t", "M1_a", Outcome.Status.PASSED, "", 1),
                new Outcome("t", "M1_b", Outcome.Status.FAILED, "boom", 1),
                new Outcome("t", "L53_c", Outcome.Status.SKIPPED, "no IPv6", 1),
                new Outcome("u", "M1_a", Outcome.Status.PASSED, "", 1),
                new Outcome("u", "M1_b", Outcome.Status.PASSED, "", 1));
        CoverageTable table = CoverageTable.of(TESTS, List.of("t", "u"), outcomes);
        CoverageTable.Row m1 = table.rows().get(0);
        assertEquals(List.of("M1_a", "M1_b"), m1.tests());
        assertEquals("fail (M1_b)", m1.results().get("t"));
        assertEquals("pass", m1.results().get("u"));
        CoverageTable.Row l53 = table.rows().get(52);
        assertEquals("skipped: no IPv6", l53.results().get("t"));
        assertEquals("not run", l53.results().get("u"));
        assertEquals("missing", table.rows().get(1).results().get("t"));
        assertTrue(table.missing().contains("M2") && !table.missing().contains("M1"));
        assertEquals(List.of("M99_e"), table.unknownItems());
        String md = table.markdown();
        assertTrue(md.contains("| M1 | mtcp |") && md.contains("**fail (M1_b)**") && md.contains("**missing**"), md);
        assertTrue(table.tsv().lines().anyMatch(l -> l.startsWith("L53\tstate\t") && l.endsWith("\tskipped: no IPv6\tnot run")));
    }

    @Test
    void readsJunitXml(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("TEST-org.mtcp.conformance.NioConformanceTest.xml"), String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<testsuite name=\"x\" tests=\"3\">",
                "<testcase name=\"M1_a(Fixture)\" classname=\"org.mtcp.conformance.NioConformanceTest\" time=\"0.5\"/>",
                "<testcase name=\"M1_b(Fixture)\" classname=\"org.mtcp.conformance.NioConformanceTest\" time=\"0.1\">",
                "  <failure message=\"expected 3\" type=\"AssertionFailedError\">trace</failure></testcase>",
                "<testcase name=\"L53_c\" classname=\"org.mtcp.conformance.NioConformanceTest\" time=\"0\">",
                "  <skipped message=\"no IPv6\"/></testcase>",
                "</testsuite>"));
        List<Outcome> got = CoverageTable.readXmlFile(dir.resolve("TEST-org.mtcp.conformance.NioConformanceTest.xml"),
                null);
        assertEquals(List.of(
                new Outcome("nio", "M1_a", Outcome.Status.PASSED, "", 500),
                new Outcome("nio", "M1_b", Outcome.Status.FAILED, "expected 3", 100),
                new Outcome("nio", "L53_c", Outcome.Status.SKIPPED, "no IPv6", 0)), got);
        assertEquals(3, CoverageTable.readXml(dir, "other").size());
    }
}
