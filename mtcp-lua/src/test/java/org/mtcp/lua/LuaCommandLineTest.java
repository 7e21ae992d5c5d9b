package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mtcp.Transports;

/** lua5.4's command line on our runtime: the same output, errors and status as lua5.4 for the same words. */
class LuaCommandLineTest {
    record Run(int status, String out, String err) {
    }

    static Run ours(String stdin, Map<String, String> env, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (var t = Transports.prefer();
             PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = LuaCommandLine.run(t, args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    o, e, env, false);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run c(String stdin, Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("lua5.4"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("LUA_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException exitedWithoutReading) {
            // lua5.4 may finish (e.g. -v, or an error) before it reads stdin: the JDK then closes the pipe.
        }
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lua5.4 did not finish");
        }
        return new Run(p.exitValue(), out.get(), err);
    }

    private static DynamicTest same(String name, String stdin, Map<String, String> env, String... args) {
        return DynamicTest.dynamicTest(name, () -> {
            String missing = Scripts.cLuaMissing();
            Assumptions.assumeTrue(missing == null, missing);
            Run want = c(stdin, env, List.of(args));
            Run got = ours(stdin, env, List.of(args));
            assertEquals(want, got, String.join(" ", args));
        });
    }

    @TestFactory
    Stream<DynamicTest> sameAsLua54() {
        String args = "for i = -4, #arg do io.write(tostring(arg[i]), ' ') end print('|', ...)";
        return Stream.of(
                same("-e and arguments after the script", "", Map.of(), "-e", "x=1", "-", "-e", "-x", "--y", "a"),
                same("script from stdin with arguments", args, Map.of(), "-", "a", "b"),
                same("stdin when there is nothing else", "print('piped', arg[0])", Map.of()),
                same("-- then the script", args, Map.of(), "--", "-", "q"),
                same("-l mod", "", Map.of(), "-l", "socket.url", "-e", "print(type(socket.url))"),
                same("-l g=mod", "", Map.of(), "-l", "u=socket.url", "-e", "print(u.escape('a b'))"),
                same("-l missing module", "", Map.of("LUA_PATH", "/nonexistent/?.lua", "LUA_CPATH", "/none/?.so"),
                        "-l", "nonexistent"),
                same("-e runtime error", "", Map.of(), "-e", "local t = nil; t.x = 1"),
                same("-e syntax error", "", Map.of(), "-e", "x = = 1"),
                same("unrecognized option", "", Map.of(), "-x"),
                same("-e needs argument", "", Map.of(), "-e"),
                same("-l needs argument", "", Map.of(), "-l", "-e", "print(1)"),
                same("LUA_INIT", "", Map.of("LUA_INIT", "print('init', arg[0])"), "-e", "print(2)"),
                same("LUA_INIT_5_4 first", "", Map.of("LUA_INIT", "print('no')", "LUA_INIT_5_4", "print('yes')"),
                        "-e", ""),
                same("-E ignores LUA_INIT and LUA_PATH", "", Map.of("LUA_INIT", "print('init')", "LUA_PATH", "/x/?.lua"),
                        "-E", "-e", "print(package.path:find('/usr/share/lua/5.4', 1, true) ~= nil)"),
                same("LUA_PATH with ;;", "", Map.of("LUA_PATH", "/first/?.lua;;/last/?.lua"), "-e", "print(package.path)"),
                same("os.exit status", "", Map.of(), "-e", "os.exit(5)"),
                same("missing script", "", Map.of(), "/nonexistent/script.lua"));
    }

    @Test
    void replPrintsResultsAndReadsIncompleteChunks() {
        String input = "x = 20\n= x + 1\nreturn 2, 3\nfor i = 1, 2 do\nprint(i)\nend\nerror('boom')\n"
                + "_PROMPT = '$ '\nprint('p')\n";
        Run r = ours(input, Map.of(), List.of("-i"));
        assertEquals(0, r.status(), r.err());
        assertEquals(LuaCommandLine.VERSION_LINE + "\n> > 21\n> 2\t3\n> >> >> 1\n2\n> > $ p\n$ \n", r.out());
        assertEquals("stdin:1: boom\nstack traceback:\n\t[C]: in function 'error'\n\tstdin:1: in main chunk\n"
                + "\t[C]: in ?\n", r.err());
    }

    @Test
    void replEndsWithOsExit() {
        Run r = ours("print('a')\nos.exit(3)\nprint('never')\n", Map.of(), List.of("-i"));
        assertEquals(3, r.status());
        assertEquals(LuaCommandLine.VERSION_LINE + "\n> a\n> ", r.out());
    }
}
