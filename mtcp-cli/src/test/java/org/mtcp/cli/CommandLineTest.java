package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtcp.cli.echo.Api;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandLineTest {
    private static <T> T sub(ParseResult parsed, Class<T> type) {
        return type.cast(parsed.subcommand().commandSpec().userObject());
    }

    @Test
    void echoServerOptionsParse() {
        CommandLine cl = Main.commandLine();
        ParseResult parsed = cl.parseArgs("echo-server", "--transport", "nio", "--api", "LuaSocket", "--host",
                "::1", "-p", "7007", "--max-connections", "2", "--idle-exit", "1.5", "-q");
        EchoServerCommand c = sub(parsed, EchoServerCommand.class);
        assertEquals("nio", c.transport);
        assertEquals(Api.LUASOCKET, c.api);
        assertEquals("::1", c.host);
        assertEquals(7007, c.port);
        assertEquals(2, c.maxConnections);
        assertEquals(1.5, c.idleExit);
        assertTrue(c.quiet);
    }

    @Test
    void echoServerDefaults() {
        EchoServerCommand c = sub(Main.commandLine().parseArgs("echo-server"), EchoServerCommand.class);
        assertNull(c.transport);
        assertEquals(Api.MTCP, c.api);
        assertEquals("127.0.0.1", c.host);
        assertEquals(0, c.port);
        assertEquals(0, c.maxConnections);
        assertEquals(0.0, c.idleExit);
        assertFalse(c.quiet);
    }

    @Test
    void demoOptionsParse() {
        DemoCommand c = sub(Main.commandLine().parseArgs("demo", "-t", "ffm,nio", "--transport", "blocking",
                "--size", "300", "--rounds", "3", "--seed", "42", "--timeout", "900", "-v"), DemoCommand.class);
        assertEquals(List.of("ffm", "nio", "blocking"), c.transports);
        assertEquals(300, c.size);
        assertEquals(3, c.rounds);
        assertEquals(42L, c.seed);
        assertEquals(900L, c.timeoutMillis);
        assertTrue(c.verbose);
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        CommandLine before = Main.commandLine();
        before.parseArgs("--prefer", "nio,blocking", "--color", "never", "transports");
        Main m = before.getCommand();
        assertEquals(List.of("nio", "blocking"), m.preferOrder());
        assertEquals(Colour.Mode.NEVER, m.color);

        CommandLine after = Main.commandLine();
        ParseResult parsed = after.parseArgs("demo", "--prefer", "ffm", "--color", "ALWAYS");
        DemoCommand d = sub(parsed, DemoCommand.class);
        assertEquals(List.of("ffm"), d.main.preferOrder());
        assertEquals(Colour.Mode.ALWAYS, d.main.color);
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        Run unknown = Run.of("demo", "--no-such-option");
        assertEquals(Main.USAGE, unknown.exitCode, unknown::toString);
        assertTrue(unknown.err.contains("--no-such-option"), unknown::toString);

        Run small = Run.of("demo", "--size", "255");
        assertEquals(Main.USAGE, small.exitCode, small::toString);
        assertTrue(small.err.contains("at least 256"), small::toString);

        Run api = Run.of("echo-server", "--api", "http");
        assertEquals(Main.USAGE, api.exitCode, api::toString);

        Run port = Run.of("echo-server", "--port", "70000");
        assertEquals(Main.USAGE, port.exitCode, port::toString);

        Run remote = Run.of("demo", "--host", "192.0.2.1");
        assertEquals(Main.USAGE, remote.exitCode, remote::toString);
        assertTrue(remote.err.contains("loopback"), remote::toString);
    }

    @Test
    void noSubcommandPrintsUsageAndFails() {
        Run r = Run.of();
        assertEquals(Main.USAGE, r.exitCode);
        assertTrue(r.err.contains("echo-server") && r.err.contains("demo") && r.err.contains("transports"), r::toString);
    }

    @Test
    void versionNamesTheProjectAndJava() {
        Run r = Run.of("--version");
        assertEquals(0, r.exitCode);
        assertTrue(r.out.startsWith("mtcp "), r::toString);
        assertFalse(r.out.contains("${"), "version.properties must be filtered: " + r.out);
        assertTrue(r.out.contains("Java " + System.getProperty("java.version")), r::toString);
    }

    @Test
    void unknownTransportFailsWithTheReason() {
        Run r = Run.of("echo-server", "--transport", "no-such-transport", "--idle-exit", "1");
        assertEquals(Main.NO_TRANSPORT, r.exitCode, r::toString);
        assertTrue(r.err.startsWith("mtcp: "), r::toString);
        if (!Available.names().isEmpty()) {
            assertTrue(r.err.contains("no transport named 'no-such-transport'"), r::toString);
        }
        Run demo = Run.of("demo", "--transport", "no-such-transport");
        assertEquals(Main.NO_TRANSPORT, demo.exitCode, demo::toString);
        assertTrue(demo.err.contains("no-such-transport") || Available.names().isEmpty(), demo::toString);
    }

    @Test
    void transportsListsEveryProvider() {
        Run r = Run.of("--color", "never", "transports");
        var all = org.mtcp.Transports.discover();
        assertEquals(Available.names().isEmpty() ? Main.NO_TRANSPORT : 0, r.exitCode, r::toString);
        if (all.isEmpty()) {
            assertTrue(r.out.contains("no mtcp transport found"), r::toString);
        } else {
            assertTrue(r.out.startsWith("NAME"), r::toString);
            for (var f : all) {
                assertTrue(r.out.contains(f.name()), r::toString);
                if (!f.available()) {
                    assertTrue(r.out.contains(f.unavailableReason().get()), r::toString);
                }
            }
        }
        assertFalse(r.out.contains("\u001b["), "no colour when asked for none");
    }
}
