package org.mtcp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtcp.conformance.check.CheckMain;
import org.mtcp.conformance.check.CoverageTable;
import org.mtcp.conformance.check.KitRun;
import org.mtcp.conformance.check.Outcome;

/** The kit run through the JUnit Platform Launcher for a provider chosen at run time, and the check command. */
class KitRunTest {
    private static final Set<String> FEW = Set.of("M1_moduleConstants", "L53_tcpMakesAMasterWithNoDescriptor",
            "L81_sendReturnsTheLastIndexAndTwoNils");

    @Test
    void runsSelectedKitTestsForAProviderAndWritesJunitXml(@TempDir Path dir) throws Exception {
        List<Outcome> outcomes = KitRun.run("blocking", Providers.named("blocking"),
                List.of(Providers.named("blocking")), t -> FEW.contains(t.method()), dir.resolve("xml"), dir,
                Map.of(), List.of());
        assertEquals(FEW, outcomes.stream().map(Outcome::method).collect(Collectors.toSet()));
        assertTrue(outcomes.stream().allMatch(o -> o.status() == Outcome.Status.PASSED), outcomes.toString());
        List<Outcome> fromXml = CoverageTable.readXml(dir.resolve("xml"), "blocking");
        assertEquals(FEW, fromXml.stream().map(Outcome::method).collect(Collectors.toSet()));
        assertTrue(!ProviderConformance.configured(), "the provider is forgotten after the run");
    }

    @Test
    void checkCommandWritesTheMatrixAndReports(@TempDir Path dir) throws Exception {
        StringWriter text = new StringWriter();
        // The interop area only, on one transport and its pairs: fast, yet every part of the check runs.
        int code = CheckMain.run(new String[] {"--transport", "blocking", "--report-dir", dir.toString(),
            "--color=never", "--area", "interop"}, new PrintWriter(text, true));
        String out = text.toString();
        assertEquals(0, code, out);
        assertTrue(out.contains("transport") && out.contains("interop") && out.contains("verdict: PASS"), out);
        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertEquals("PASS", summary.get("verdict").getAsString());
        assertEquals("blocking", summary.getAsJsonArray("runs").get(0).getAsJsonObject().get("name").getAsString());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("## Coverage"));
        assertTrue(Files.list(dir.resolve("junit").resolve("blocking")).anyMatch(p -> p.toString().endsWith(".xml")));
        assertEquals(2, CheckMain.run(new String[] {"--transport", "carrier-pigeon", "--report-dir", dir.toString()},
                new PrintWriter(new StringWriter(), true)));
    }
}
