package org.mtcp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application runs on the module path only (no class path): ServiceLoader finds the three transports
 * as named modules, and each is selected by name in both modes and round-trips data through both APIs.
 * The FFM transport gets native access the way the README says: {@code --enable-native-access=org.mtcp.transport.ffm}.
 */
class ModulePathAppTest {
    /** A Java 17 to run the same jars on (optional: the test is skipped without it). */
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    static List<String> modulePathEntries() throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("examples.classes"));
        for (String e : Files.readString(Path.of(System.getProperty("examples.modulePathFile"))).trim()
                .split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries;
    }

    /** The flags for this JVM: native access for the FFM module only (or for nobody), anything else denied. */
    private static List<String> nativeAccess(boolean forFfm) {
        List<String> flags = new ArrayList<>();
        if (forFfm) {
            flags.add("--enable-native-access=org.mtcp.transport.ffm");
        }
        if (Runtime.version().feature() >= 24) {
            flags.add("--illegal-native-access=deny"); // 22 and 23 deny by default; 24+ only warn
        }
        return flags;
    }

    private static String run(String java, List<String> flags, int expectedExit, String... appArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "--module-path",
                String.join(File.pathSeparator, modulePathEntries())));
        cmd.addAll(flags);
        cmd.addAll(List.of("--module", "org.mtcp.examples/org.mtcp.examples.ServiceLoaderApp"));
        cmd.addAll(List.of(appArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "application did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (expectedExit == 0) {
            assertEquals(0, p.exitValue(), () -> "exit status, output:\n" + out);
        } else {
            assertNotEquals(0, p.exitValue(), () -> "exit status, output:\n" + out);
        }
        return out;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void assertRoundTrips(String out, String name) {
        assertTrue(out.contains("luasocket " + name + " hello from " + name), out);
        assertTrue(out.contains("mtcp " + name + " mtcp round trip"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "nio", "blocking"})
    void requireSelectsEachTransportByName(String name) throws Exception {
        assertRoundTrips(run(java(), nativeAccess(true), 0, "require", name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm", "nio", "blocking"})
    void preferSelectsEachTransportByNameAheadOfTheOthers(String name) throws Exception {
        // The wanted one first, then the rest: the first available is taken.
        assertRoundTrips(run(java(), nativeAccess(true), 0, "prefer", name + ",ffm,nio,blocking"), name);
    }

    @Test
    void preferFallsBackPastAnUnknownName() throws Exception {
        assertRoundTrips(run(java(), nativeAccess(true), 0, "prefer", "no-such-transport,blocking"), "blocking");
    }

    @Test
    void withoutNativeAccessFfmSaysHowToEnableItAndPreferFallsBack() throws Exception {
        String out = run(java(), nativeAccess(false), 1, "require", "ffm");
        assertTrue(out.contains("--enable-native-access=org.mtcp.transport.ffm"), out);
        assertRoundTrips(run(java(), nativeAccess(false), 0, "prefer", "ffm,blocking"), "blocking");
    }

    @Test
    void onJava17TheSameJarsRunAndFfmSaysItNeedsJava22() throws Exception {
        assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17);
        assertRoundTrips(run(JAVA_17.toString(), List.of(), 0, "require", "blocking"), "blocking");
        assertRoundTrips(run(JAVA_17.toString(), List.of(), 0, "prefer", "ffm,blocking"), "blocking");
        String out = run(JAVA_17.toString(), List.of(), 1, "require", "ffm");
        assertTrue(out.contains("needs Java 22"), out);
    }
}
