package org.mtcp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtcp.cli.echo.Api;
import org.mtcp.cli.echo.Cell;
import org.mtcp.cli.echo.Demo;
import org.mtcp.cli.echo.DemoReport;

class DemoCommandTest {
    private static final Demo.Settings SETTINGS = new Demo.Settings("127.0.0.1", 1024, 3, 7, 5000);

    /** The real demo over whatever transports this build has: the matrix, the verdict, the exit code. */
    @Test
    void demoRunsOverEveryAvailableTransport() {
        List<String> names = Available.names();
        Run r = Run.of("--color", "never", "demo", "--size", "1024", "--rounds", "3", "--seed", "7");
        if (names.isEmpty()) {
            assertEquals(Main.NO_TRANSPORT, r.exitCode, r::toString);
            assertTrue(r.err.contains("Nothing to demonstrate"), r::toString);
            return;
        }
        assertEquals(0, r.exitCode, r::toString);
        int cells = 2 * names.size() * names.size();
        assertTrue(r.out.contains(cells + " of " + cells + " connections verified byte for byte: OK"), r::toString);
        for (Api api : Api.values()) {
            assertTrue(r.out.contains(api.label() + " API"), r::toString);
        }
        for (String n : names) {
            assertTrue(r.out.contains(n), r::toString);
        }
        assertFalse(r.out.contains("FAIL"), r::toString);
        assertFalse(r.out.contains("\u001b["), r::toString);
    }

    @Test
    void demoOfOneNamedTransport() {
        List<String> names = Available.names();
        org.junit.jupiter.api.Assumptions.assumeFalse(names.isEmpty(), "no transport available in this build");
        String only = names.get(names.size() - 1);
        Run r = Run.of("--color", "never", "demo", "-t", only, "--rounds", "1", "--size", "256");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("2 of 2 connections verified"), r::toString);
    }

    private static String print(DemoReport report, boolean colour) {
        StringWriter w = new StringWriter();
        DemoPrinter.print(report, Colour.of(colour ? Colour.Mode.ALWAYS : Colour.Mode.NEVER, Map.of(), false),
                new PrintWriter(w));
        return w.toString();
    }

    /** Rendering of given results (no transport involved): layout, failure list, verdict and colours. */
    @Test
    void matrixShowsTimesFailuresAndVerdict() {
        List<Cell> cells = List.of(
                Cell.ok(Api.MTCP, "alpha", "alpha", 12_345), Cell.ok(Api.MTCP, "alpha", "beta", 2_000_499),
                Cell.failed(Api.MTCP, "beta", "alpha", "connect: connect error: -1  111"),
                Cell.ok(Api.MTCP, "beta", "beta", 999),
                Cell.ok(Api.LUASOCKET, "alpha", "alpha", 1), Cell.ok(Api.LUASOCKET, "alpha", "beta", 1),
                Cell.ok(Api.LUASOCKET, "beta", "alpha", 1), Cell.ok(Api.LUASOCKET, "beta", "beta", 1));
        DemoReport report = new DemoReport(List.of(), List.of("alpha", "beta"), cells, SETTINGS);
        assertFalse(report.ok());
        String plain = print(report, false);
        String[] lines = plain.split("\n");
        int header = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("server \\ client")) {
                header = i;
                break;
            }
        }
        assertTrue(header > 0, plain);
        assertEquals("server \\ client  alpha  beta", lines[header], plain);
        assertEquals("alpha            ok 12  ok 2000", lines[header + 1], plain);
        assertEquals("beta             FAIL   ok 1", lines[header + 2], plain);
        assertTrue(plain.contains("mtcp, client alpha -> server beta: connect: connect error: -1  111"), plain);
        assertTrue(plain.contains("7 of 8 connections verified byte for byte: FAILED"), plain);
        assertFalse(plain.contains("\u001b["), plain);

        String coloured = print(report, true);
        assertTrue(coloured.contains("\u001b[31mFAIL"), coloured);
        assertTrue(coloured.contains("\u001b[32mok 12"), coloured);
    }

    @Test
    void aReportWithoutTransportsIsNotOk() {
        assertFalse(new DemoReport(List.of(), List.of(), List.of(), SETTINGS).ok());
        DemoReport good = new DemoReport(List.of(), List.of("x"),
                List.of(Cell.ok(Api.MTCP, "x", "x", 5), Cell.ok(Api.LUASOCKET, "x", "x", 5)), SETTINGS);
        assertTrue(good.ok());
        assertTrue(print(good, false).contains("2 of 2 connections verified byte for byte: OK"));
    }
}
