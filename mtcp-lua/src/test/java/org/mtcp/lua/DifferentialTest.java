package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code socket_*.lua} script prints the same transcript on C Lua 5.4 with C LuaSocket and on our runner
 * with every available transport; every {@code mtcp_*.lua} script prints its checked-in {@code .expected}
 * transcript (the C mtcp module is not packaged anywhere).
 */
class DifferentialTest {
    private static String cMissing;

    @BeforeAll
    static void probe() {
        cMissing = Scripts.cLuaMissing();
    }

    private static List<Path> scripts(String prefix) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Scripts.DIR)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".lua"))
                    .sorted().forEach(out::add);
        }
        assertFalse(out.isEmpty(), "no " + prefix + " scripts in " + Scripts.DIR);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> socketScriptsMatchCLuaSocket() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts("socket_")) {
            for (String transport : Scripts.transports()) {
                tests.add(DynamicTest.dynamicTest(script.getFileName() + " on " + transport, () -> {
                    assumeTrue(cMissing == null, () -> "differential test skipped: " + cMissing);
                    Scripts.Outcome c = Scripts.runC(script);
                    assertEquals(0, c.status(), () -> "C run failed: " + c.err());
                    Scripts.Outcome j = Scripts.runJava(transport, script);
                    assertEquals(Scripts.normalise(c.out()), Scripts.normalise(j.out()));
                    assertEquals(Scripts.normalise(c.err()), Scripts.normalise(j.err()));
                    assertEquals(c.status(), j.status());
                }));
            }
        }
        return tests.isEmpty() ? Stream.of(Scripts.noTransport()) : tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> mtcpScriptsMatchExpectedTranscripts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts("mtcp_")) {
            Path expected = Path.of(script.toString().replaceAll("\\.lua$", ".expected"));
            for (String transport : Scripts.transports()) {
                tests.add(DynamicTest.dynamicTest(script.getFileName() + " on " + transport, () -> {
                    Scripts.Outcome j = Scripts.runJava(transport, script);
                    assertEquals("", j.err());
                    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), Scripts.normalise(j.out()));
                    assertEquals(0, j.status());
                }));
            }
        }
        return tests.isEmpty() ? Stream.of(Scripts.noTransport()) : tests.stream();
    }
}
