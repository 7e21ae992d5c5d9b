package org.mtcp.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution archive as a user gets it: unpacked into an empty directory and run from another one,
 * with only a Java runtime (no Maven, no checkout, an empty HOME, nothing on PATH but the system tools).
 */
class DistributionArchiveTest {
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    static Path work;
    static Path root;

    record Run(int exit, String out) {}

    @BeforeAll
    static void unpack() throws Exception {
        work = Path.of(System.getProperty("distribution.workdir"));
        deleteTree(work);
        Files.createDirectories(work.resolve("unpacked"));
        Files.createDirectories(work.resolve("elsewhere"));
        Files.createDirectories(work.resolve("home"));
        Run tar = exec(List.of("tar", "-xzf", System.getProperty("distribution.tarball"), "-C",
                work.resolve("unpacked").toString()), work, null);
        assertEquals(0, tar.exit(), tar.out());
        root = work.resolve("unpacked").resolve("mtcp-" + System.getProperty("distribution.version"));
    }

    @Test
    void archiveHoldsTheLauncherTheLibrariesAndTheLicense() throws Exception {
        Path launcher = root.resolve("bin/mtcp");
        assertTrue(Files.isExecutable(launcher), "bin/mtcp is executable");
        assertTrue(Files.isRegularFile(root.resolve("LICENSE")));
        assertTrue(Files.isRegularFile(root.resolve("README.md")));
        List<String> jars = new ArrayList<>();
        try (var s = Files.list(root.resolve("lib"))) {
            s.forEach(p -> jars.add(p.getFileName().toString()));
        }
        String v = System.getProperty("distribution.version");
        for (String a : List.of("mtcp-cli", "mtcp-spi", "mtcp-transport-blocking", "mtcp-transport-nio",
                "mtcp-transport-ffm", "mtcp-lua", "mtcp-conformance-tests", "mtcp-reliability")) {
            assertTrue(jars.contains(a + "-" + v + ".jar"), a + " in lib/: " + jars);
        }
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarball() throws Exception {
        Run list = exec(List.of("tar", "-tzf", System.getProperty("distribution.tarball")), work, null);
        assertEquals(0, list.exit(), list.out());
        TreeSet<String> tarFiles = new TreeSet<>();
        list.out().lines().filter(l -> !l.endsWith("/")).forEach(tarFiles::add);
        TreeSet<String> zipFiles = new TreeSet<>();
        try (ZipFile zip = new ZipFile(System.getProperty("distribution.zip"))) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> zipFiles.add(e.getName()));
        }
        assertEquals(tarFiles, zipFiles);
    }

    @Test
    void transportsRunsFromAnotherDirectory() throws Exception {
        Run r = mtcp(javaHome(), "transports");
        assertEquals(0, r.exit(), r.out());
        for (String name : List.of("ffm", "nio", "blocking")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" yes ")),
                    name + " available:\n" + r.out());
        }
    }

    @Test
    void demoRunsFromAnotherDirectory() throws Exception {
        Run r = mtcp(javaHome(), "demo", "--rounds", "1", "--size", "1024");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("verified byte for byte: OK"), r.out());
    }

    @Test
    void luaRunsAScriptFromAnotherDirectory() throws Exception {
        Path script = work.resolve("elsewhere/echo.lua");
        Files.writeString(script, String.join("\n",
                "local socket = require('socket')",
                "local server = assert(socket.bind('127.0.0.1', 0))",
                "local _, port = server:getsockname()",
                "local client = assert(socket.connect('127.0.0.1', port))",
                "local peer = assert(server:accept())",
                "client:send('ping\\n')",
                "print('lua got ' .. peer:receive('*l') .. ' over ' .. socket._VERSION)",
                ""));
        Run r = mtcp(javaHome(), "lua", script.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("lua got ping over LuaSocket"), r.out());
    }

    @Test
    void runsOnJava17WithoutTheFfmTransport() throws Exception {
        assumeTrue(Files.isExecutable(JAVA_17.resolve("bin/java")), "no Java 17 at " + JAVA_17);
        Run r = mtcp(JAVA_17, "transports");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ffm ") && l.contains("22")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("nio ") && l.contains(" yes ")), r.out());
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /** bin/mtcp with a user's bare environment, started from a directory outside the archive. */
    private static Run mtcp(Path javaHome, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("bin/mtcp").toString());
        cmd.addAll(List.of(args));
        Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString(), "PATH", "/usr/bin:/bin",
                "HOME", work.resolve("home").toString(), "NO_COLOR", "1");
        return exec(cmd, work.resolve("elsewhere"), env);
    }

    private static Run exec(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        // Drained on its own thread so that a chatty child cannot block and the timeout can fire.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in 120 s; output so far:\n" + out.getNow(""));
        }
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
