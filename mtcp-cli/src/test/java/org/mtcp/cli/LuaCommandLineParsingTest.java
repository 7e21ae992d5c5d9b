package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** {@code mtcp lua}: only -t is ours (before the script); the rest reaches lua5.4's command line untouched. */
class LuaCommandLineParsingTest {
    private static LuaCommand lua(String... args) {
        ParseResult parsed = Main.commandLine().parseArgs(args);
        return (LuaCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void interpreterOptionsAndScriptArgumentsPassThrough() {
        LuaCommand c = lua("lua", "-t", "nio", "-e", "x=1", "-l", "g=socket.url", "script.lua", "-i", "--", "-t", "a");
        assertEquals("nio", c.transport);
        assertEquals(List.of("-e", "x=1", "-l", "g=socket.url", "script.lua", "-i", "--", "-t", "a"), c.args);
    }

    @Test
    void dashDashAndStdinAreLuas() {
        LuaCommand c = lua("lua", "--", "-");
        assertNull(c.transport);
        assertEquals(List.of("--", "-"), c.args);
        assertEquals(List.of("-v", "-E", "-W"), lua("lua", "-v", "-E", "-W").args);
        assertEquals(List.of(), lua("lua").args);
    }

    @Test
    void transportAfterAnInterpreterOptionIsTheScriptsWord() {
        LuaCommand c = lua("lua", "--transport=blocking", "-e", "print(1)", "-t", "nio");
        assertEquals("blocking", c.transport);
        assertEquals(List.of("-e", "print(1)", "-t", "nio"), c.args);
    }
}
