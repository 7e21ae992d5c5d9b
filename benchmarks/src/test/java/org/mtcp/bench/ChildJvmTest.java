package org.mtcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The forked benchmark JVMs' flags are ones this Java accepts (a JVM given an unknown flag does not start). */
class ChildJvmTest {
    @Test
    void aJvmOfThisVersionStartsWithTheFlags() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(ChildJvm.flags("-Xmx64m")));
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
    }

    @Test
    void unsafeMemoryAccessIsAllowedFromJava23On() {
        List<String> flags = List.of(ChildJvm.flags());
        assertEquals(Runtime.version().feature() >= 23, flags.contains("--sun-misc-unsafe-memory-access=allow"), flags.toString());
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"));
    }
}
