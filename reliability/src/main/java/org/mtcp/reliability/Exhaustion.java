package org.mtcp.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link ExhaustionProbe} in a child JVM under {@code bash -c 'ulimit -n N; exec java ...'}, with this
 * JVM's module path (or class path) and native access for the FFM transport, and collects its lines.
 */
public final class Exhaustion {
    /** The child's lines and exit code. */
    public record Outcome(int exitCode, List<String> lines) {
        /** The {@code FAIL} lines. */
        public List<String> failures() {
            return lines.stream().filter(l -> l.startsWith("FAIL")).toList();
        }

        /** The {@code OK} lines. */
        public List<String> passed() {
            return lines.stream().filter(l -> l.startsWith("OK")).toList();
        }
    }

    private Exhaustion() {
    }

    /** Runs the probe with {@code ulimit -n limit}; waits at most two minutes. */
    public static Outcome run(int limit) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
            cmd.add("--enable-native-access=org.mtcp.transport.ffm");
            cmd.add("-m");
            cmd.add("org.mtcp.reliability/" + ExhaustionProbe.class.getName());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.add(ExhaustionProbe.class.getName());
        }
        StringBuilder line = new StringBuilder("ulimit -n " + limit + " && exec");
        for (String c : cmd) {
            line.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        try {
            Process p = new ProcessBuilder("bash", "-c", line.toString()).redirectErrorStream(true).start();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // The child died: what it printed is kept.
                }
            }, "exhaustion-output");
            reader.setDaemon(true);
            reader.start();
            boolean done = p.waitFor(2, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            reader.join(5_000);
            List<String> lines = new ArrayList<>(List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
            if (!done) {
                lines.add("FAIL the probe did not finish in 2 minutes and was killed");
            }
            return new Outcome(done ? p.exitValue() : -1, lines);
        } catch (IOException e) {
            throw new ReliabilityFailure("cannot start the exhaustion probe: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReliabilityFailure("interrupted");
        }
    }
}
