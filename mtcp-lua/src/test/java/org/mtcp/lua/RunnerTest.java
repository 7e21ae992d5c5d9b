package org.mtcp.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner behaves as {@code lua5.4 SCRIPT ARGS}: arg, output, error report, exit status, os.exit. */
class RunnerTest {
    private static final Path ERRORS = Scripts.DIR.resolve("runner_error.lua");

    private static String transport() {
        List<String> all = Scripts.transports();
        assumeTrue(!all.isEmpty(), "no mtcp transport available");
        return all.get(0);
    }

    @Test
    void argTableAndVarargs(@TempDir Path dir) throws IOException {
        Path s = dir.resolve("args.lua");
        Files.writeString(s, "#!/usr/bin/env lua5.4\nprint(arg[-1], arg[0] == ..., #arg, arg[1], arg[2], select('#', ...), ...)\n"
                .replace("arg[0] == ...", "arg[0] ~= nil"));
        Scripts.Outcome o = Scripts.runJava(transport(), s, "a", "b c");
        assertEquals(0, o.status(), o.err());
        assertEquals("lua5.4\ttrue\t2\ta\tb c\t2\ta\tb c\n", o.out());
    }

    @Test
    void uncaughtErrorLikeLua54() throws Exception {
        Scripts.Outcome j = Scripts.runJava(transport(), ERRORS);
        assertEquals(1, j.status());
        assertTrue(j.err().startsWith("lua5.4: " + ERRORS + ":"), j.err());
        assertTrue(j.err().contains("stack traceback:\n"), j.err());
        String missing = Scripts.cLuaMissing();
        assumeTrue(missing == null, () -> "comparison with lua5.4 skipped: " + missing);
        Scripts.Outcome c = Scripts.runC(ERRORS);
        assertEquals(c.status(), j.status());
        assertEquals(Scripts.normalise(c.out()), Scripts.normalise(j.out()));
        assertEquals(Scripts.normalise(c.err()), Scripts.normalise(j.err()));
    }

    @Test
    void osExitAndErrorsWithoutTraceback(@TempDir Path dir) throws IOException {
        Path exit = dir.resolve("exit.lua");
        Files.writeString(exit, "io.write('x') os.exit(3)");
        Scripts.Outcome o = Scripts.runJava(transport(), exit);
        assertEquals(3, o.status());
        assertEquals("x", o.out());
        Path syntax = dir.resolve("syntax.lua");
        Files.writeString(syntax, "x = = 1");
        o = Scripts.runJava(transport(), syntax);
        assertEquals(1, o.status());
        assertEquals("lua5.4: " + syntax + ":1: unexpected symbol near '='\n", o.err());
        o = Scripts.runJava(transport(), dir.resolve("nothere.lua"));
        assertEquals(1, o.status());
        assertEquals("lua5.4: cannot open " + dir.resolve("nothere.lua") + ": No such file or directory\n", o.err());
        Path table = dir.resolve("table.lua");
        Files.writeString(table, "error({})");
        o = Scripts.runJava(transport(), table);
        assertTrue(o.err().startsWith("lua5.4: (error object is a table value)\nstack traceback:\n"), o.err());
    }
}
