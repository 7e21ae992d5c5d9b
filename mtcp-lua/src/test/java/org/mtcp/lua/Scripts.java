package org.mtcp.lua;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtcp.Transports;

/** Running Lua scripts on our runner (in this JVM) and on the C interpreter with C LuaSocket, for comparison. */
final class Scripts {
    /** Scripts live here; both interpreters get this same relative path, so messages name them alike. */
    static final Path DIR = Path.of("src", "test", "resources", "lua");

    private Scripts() {
    }

    record Outcome(int status, String out, String err) {
    }

    /** A test that is skipped because no transport can run here (the build has none on its path yet). */
    static org.junit.jupiter.api.DynamicTest noTransport() {
        return org.junit.jupiter.api.DynamicTest.dynamicTest("no transport", () ->
                org.junit.jupiter.api.Assumptions.assumeTrue(!transports().isEmpty(), "no mtcp transport available"));
    }

    /** Names of the transports that can run here. */
    static List<String> transports() {
        List<String> names = new ArrayList<>();
        for (Transports.Found f : Transports.discover()) {
            if (f.available()) {
                names.add(f.name());
            }
        }
        return names;
    }

    static Outcome runJava(String transport, Path script, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (var t = Transports.require(transport);
             PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = LuaRunner.run(t, script, List.of(args), o, e);
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Why C Lua with LuaSocket cannot be used here, or null when it can. */
    static String cLuaMissing() {
        try {
            Process p = new ProcessBuilder("lua5.4", "-e", "require 'socket'").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "lua5.4 did not answer";
            }
            return p.exitValue() == 0 ? null : "lua5.4 has no LuaSocket (apt-get install lua5.4 lua-socket)";
        } catch (IOException e) {
            return "no lua5.4 on PATH (apt-get install lua5.4 lua-socket): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Process startC(Path script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("lua5.4", script.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    static Outcome finish(Process p) throws IOException, InterruptedException {
        var out = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread reader = new Thread(() -> {
            try {
                out.complete(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        reader.start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lua5.4 did not finish in 60 s");
        }
        reader.join(10_000);
        return new Outcome(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    static Outcome runC(Path script, String... args) throws IOException, InterruptedException {
        return finish(startC(script, args));
    }

    /**
     * What differs by nature between runs: addresses, and the name under which a function shared by
     * package.loaded.socket and package.loaded["socket.core"] is found (hash order, random per process).
     */
    static String normalise(String s) {
        return s.replaceAll("0x[0-9a-f]+", "0xADDR").replace("'socket.core.", "'socket.");
    }
}
