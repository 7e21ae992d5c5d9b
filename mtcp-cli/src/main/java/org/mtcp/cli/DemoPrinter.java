package org.mtcp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mtcp.Transports;
import org.mtcp.cli.echo.Api;
import org.mtcp.cli.echo.Cell;
import org.mtcp.cli.echo.DemoReport;

/** Writes a demo report as text: what ran, one matrix per API (rows: server, columns: client), failures. */
final class DemoPrinter {
    private static final String CORNER = "server \\ client";

    private DemoPrinter() {
    }

    static void print(DemoReport report, Colour colour, PrintWriter out) {
        var s = report.settings();
        out.println(colour.bold("mtcp demo") + ": echo round trips on " + s.host() + ", " + s.size()
                + " random bytes (every byte value) x (1 warm-up + " + s.rounds() + ") + one line, seed " + s.seed());
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Transports.Found f : report.found()) {
            if (report.used().contains(f.name())) {
                ran.add(f.name() + " (" + f.priority() + ")");
            } else if (!f.available()) {
                skipped.add(f.name() + ": " + f.unavailableReason().get());
            }
        }
        out.println("transports: " + String.join(", ", ran));
        for (String why : skipped) {
            out.println("not run: " + why);
        }
        for (Api api : Api.values()) {
            out.println();
            out.println(colour.bold(api.label() + " API") + " (" + api.calls() + "): median round trip in us");
            printMatrix(report, api, colour, out);
        }
        out.println();
        List<Cell> failures = report.failures();
        if (!failures.isEmpty()) {
            out.println(colour.red("failures:"));
            for (Cell c : failures) {
                out.println("  " + c.api() + ", client " + c.client() + " -> server " + c.server() + ": " + c.error());
            }
        }
        int total = report.cells().size();
        String summary = (total - failures.size()) + " of " + total + " connections verified byte for byte";
        out.println(report.ok() ? colour.green(summary + ": OK") : colour.red(summary + ": FAILED"));
        out.flush();
    }

    static void printMatrix(DemoReport report, Api api, Colour colour, PrintWriter out) {
        List<String> names = report.used();
        int first = Math.max(CORNER.length(), names.stream().mapToInt(String::length).max().orElse(0));
        int[] widths = new int[names.size()];
        String[][] text = new String[names.size()][names.size()];
        for (int r = 0; r < names.size(); r++) {
            for (int c = 0; c < names.size(); c++) {
                Cell cell = report.cell(api, names.get(r), names.get(c)).orElse(null);
                text[r][c] = cellText(cell);
            }
        }
        for (int c = 0; c < names.size(); c++) {
            widths[c] = names.get(c).length();
            for (int r = 0; r < names.size(); r++) {
                widths[c] = Math.max(widths[c], text[r][c].length());
            }
        }
        StringBuilder head = new StringBuilder(TransportsCommand.pad(CORNER, first));
        for (int c = 0; c < names.size(); c++) {
            head.append("  ").append(TransportsCommand.pad(names.get(c), widths[c]));
        }
        out.println(head.toString().stripTrailing());
        for (int r = 0; r < names.size(); r++) {
            StringBuilder row = new StringBuilder(TransportsCommand.pad(names.get(r), first));
            for (int c = 0; c < names.size(); c++) {
                String padded = c == names.size() - 1 ? text[r][c] : TransportsCommand.pad(text[r][c], widths[c]);
                boolean ok = text[r][c].startsWith("ok");
                row.append("  ").append(ok ? colour.green(padded) : colour.red(padded));
            }
            out.println(row);
        }
    }

    /** {@code ok 123} (median µs), {@code FAIL}, or {@code -} when the cell did not run. */
    static String cellText(Cell cell) {
        if (cell == null) {
            return "-";
        }
        return cell.ok() ? "ok " + cell.medianMicros() : "FAIL";
    }

    static String names(List<Cell> cells) {
        return cells.stream().map(c -> c.client() + "->" + c.server()).collect(Collectors.joining(", "));
    }
}
