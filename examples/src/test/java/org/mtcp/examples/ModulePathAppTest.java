package org.mtcp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application runs on the module path only (no class path): ServiceLoader finds the transports as
 * named modules, selected by name in both modes.
 */
class ModulePathAppTest {
    private static String modulePath() throws Exception {
        String deps = Files.readString(Path.of(System.getProperty("examples.modulePathFile"))).trim();
        return System.getProperty("examples.classes") + File.pathSeparator + deps;
    }

    private static String run(String... appArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--module-path", modulePath(),
                "--enable-native-access=org.mtcp.transport.ffm", "--illegal-native-access=deny",
                "--module", "org.mtcp.examples/org.mtcp.examples.ServiceLoaderApp"));
        cmd.addAll(List.of(appArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "application did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "exit status, output:\n" + out);
        return out;
    }

    @Test
    void requireBlockingRoundTripsWithBothApis() throws Exception {
        String out = run("require", "blocking");
        assertTrue(out.contains("luasocket blocking hello from blocking"), out);
        assertTrue(out.contains("mtcp blocking mtcp round trip"), out);
    }

    @Test
    void preferFallsBackPastAnUnknownName() throws Exception {
        String out = run("prefer", "no-such-transport,blocking");
        assertTrue(out.contains("luasocket blocking hello from blocking"), out);
    }
}
