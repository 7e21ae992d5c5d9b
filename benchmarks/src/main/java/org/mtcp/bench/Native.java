package org.mtcp.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native baselines, run as child processes (they inherit this process's CPU pinning): the C program
 * (compiled with {@code gcc -O2} now, from the copy of {@code cbench.c} in this jar) and C LuaSocket under
 * {@code lua5.4} ({@code lbench.lua}). Each prints one number; a failure is recorded, never fatal.
 */
final class Native {
    private final Path dir;
    private final boolean quick;
    private final Results results;
    private final List<String> workloads;

    Native(Path dir, boolean quick, Results results, List<String> workloads) {
        this.dir = dir;
        this.quick = quick;
        this.results = results;
        this.workloads = workloads;
    }

    private double seconds() {
        return quick ? 0.6 : 3.0;
    }

    private long bulkBytes() {
        return quick ? 256L << 20 : 1L << 30;
    }

    /** Compiles and runs the C program for every chosen workload it has. */
    void runC() {
        if (!List.of("rtt", "bulk", "connect", "select").stream().anyMatch(workloads::contains)) {
            return;
        }
        Path exe = dir.resolve("cbench");
        try {
            Path src = extract("cbench.c");
            run(60, "gcc", "-O2", "-pthread", "-o", exe.toString(), src.toString());
        } catch (IOException e) {
            results.problem("C baseline", "gcc -O2 failed: " + e.getMessage());
            return;
        }
        String s = Double.toString(seconds());
        if (workloads.contains("rtt")) {
            c(Row.RTT_1, 1, exe.toString(), "rtt", "1", s);
            c(Row.RTT_64, 1, exe.toString(), "rtt", "64", s);
        }
        if (workloads.contains("bulk")) {
            c(Row.BULK, 1e-9, exe.toString(), "bulk", Long.toString(bulkBytes()));
        }
        if (workloads.contains("connect")) {
            c(Row.CONNECT, 1e-3, exe.toString(), "conn", s);
        }
        if (workloads.contains("select")) {
            c(Row.SELECT, 1, exe.toString(), "select", Integer.toString(Payloads.IDLE), s);
        }
    }

    private void c(Row row, double scale, String... cmd) {
        try {
            results.put(row, Results.C, Figure.of(Double.parseDouble(run(120, cmd)) * scale));
        } catch (IOException | NumberFormatException e) {
            results.problem("C, " + row.title, e.getMessage());
        }
    }

    /** Runs C LuaSocket under lua5.4 for the workloads it can do (its select stops at FD_SETSIZE 1024). */
    void runLua() {
        Path script;
        try {
            run(20, "lua5.4", "-e", "require('socket')");
            script = extract("lbench.lua");
        } catch (IOException e) {
            results.problem("C LuaSocket baseline", "lua5.4 with lua-socket is not usable here ("
                    + e.getMessage() + "); apt-get install lua5.4 lua-socket");
            return;
        }
        String lua = script.toString();
        String s = Double.toString(seconds());
        String bytes = Long.toString(quick ? 128L << 20 : 1L << 30);
        if (workloads.contains("rtt")) {
            lua(Row.RTT_1, 1, new String[] {"echo", "1"}, "rtt", "1", s);
            lua(Row.RTT_64, 1, new String[] {"echo", "64"}, "rtt", "64", s);
        }
        if (workloads.contains("bulk")) {
            lua(Row.BULK, 1e-9, new String[] {"sink"}, "bulk", bytes);
        }
        if (workloads.contains("lines")) {
            lua(Row.LINES, 1e-6, new String[] {"feed"}, "lines", s);
        }
        if (workloads.contains("connect")) {
            alone(Row.CONNECT, 1e-3, lua, "conn", s);
        }
        if (workloads.contains("eventloop")) {
            // The same single-threaded loop as the JVM subjects' (both ends in one process).
            alone(Row.EVENT_LOOP, 1e-9, lua, "loop", Long.toString(quick ? 256L << 20 : 1L << 30));
        }
        if (workloads.contains("select")) {
            results.problem("C LuaSocket, " + Row.SELECT.title, "select(2) stops at FD_SETSIZE (1024 descriptors)");
        }
    }

    /** A role that runs alone in one lua5.4 process and prints its figure. */
    private void alone(Row row, double scale, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("lua5.4", script));
        cmd.addAll(List.of(args));
        try {
            results.put(row, Results.LUA, Figure.of(Double.parseDouble(run(120, cmd.toArray(String[]::new))) * scale));
        } catch (IOException | NumberFormatException e) {
            results.problem("C LuaSocket, " + row.title, e.getMessage());
        }
    }

    /** Starts the server role, then the measuring role with the server's port inserted after its name. */
    private void lua(Row row, double scale, String[] server, String role, String... rest) {
        String script = dir.resolve("lbench.lua").toString();
        List<String> scmd = new ArrayList<>(List.of("lua5.4", script));
        scmd.addAll(List.of(server));
        Process sp = null;
        try {
            sp = new ProcessBuilder(scmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String port = new BufferedReader(new InputStreamReader(sp.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (port == null) {
                throw new IOException("the lua5.4 " + server[0] + " server did not start");
            }
            List<String> ccmd = new ArrayList<>(List.of("lua5.4", script, role, port.trim()));
            ccmd.addAll(List.of(rest));
            double v = Double.parseDouble(run(120, ccmd.toArray(String[]::new)));
            results.put(row, Results.LUA, Figure.of(v * scale));
        } catch (IOException | NumberFormatException e) {
            results.problem("C LuaSocket, " + row.title, e.getMessage());
        } finally {
            if (sp != null) {
                try {
                    if (!sp.waitFor(5, TimeUnit.SECONDS)) {
                        sp.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    sp.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Path extract(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = Native.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the jar");
            }
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    /**
     * Runs a command to completion; returns its last line of output; fails on a non-zero exit or when it has
     * not ended after {@code timeoutSeconds}, then killed with its descendants. The output is drained on its
     * own thread, so neither a child that writes more than the pipe holds nor one that never exits can keep
     * this from returning.
     */
    static String run(int timeoutSeconds, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // The stream closes when the child is killed: what was read is kept.
            }
        }, "native-output-" + cmd[0]);
        drain.setDaemon(true);
        drain.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(p);
                throw new IOException(String.join(" ", cmd) + ": timed out after " + timeoutSeconds + " s");
            }
            // The child is gone; a grandchild still holding the pipe gets a moment, then is ignored.
            drain.join(2_000);
            String text = out.toString(StandardCharsets.UTF_8).strip(); // ByteArrayOutputStream is synchronized
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            int nl = text.lastIndexOf('\n');
            return nl < 0 ? text : text.substring(nl + 1).strip();
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
