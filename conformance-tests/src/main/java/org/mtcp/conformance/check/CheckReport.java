package org.mtcp.conformance.check;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mtcp.conformance.Checklist;

/** The results of one {@code mtcp check}: the matrix, the failures, and the report files. */
public final class CheckReport {
    /**
     * One run: a transport alone or a cross pair.
     *
     * @param name the transport's name or {@code a×b}
     * @param outcomes one per test method run
     * @param unavailable why it could not run, or null
     * @param millis how long it took
     */
    public record Row(String name, List<Outcome> outcomes, String unavailable, long millis) {
        long count(Outcome.Status s) {
            return outcomes.stream().filter(o -> o.status() == s).count();
        }

        long count(String area, Outcome.Status s, Map<String, KitTest> tests) {
            return outcomes.stream().filter(o -> o.status() == s)
                    .filter(o -> tests.containsKey(o.method()) && tests.get(o.method()).area().equals(area)).count();
        }

        /** {@code PASS}, {@code FAIL} or {@code SKIPPED}. */
        String verdict() {
            if (unavailable != null || outcomes.isEmpty()) {
                return "SKIPPED";
            }
            return count(Outcome.Status.FAILED) > 0 ? "FAIL" : "PASS";
        }

        String summary() {
            return count(Outcome.Status.PASSED) + " passed, " + count(Outcome.Status.FAILED) + " failed, "
                    + count(Outcome.Status.SKIPPED) + " skipped";
        }
    }

    private final List<Row> rows;
    private final long millis;
    private final Map<String, KitTest> tests = new LinkedHashMap<>();

    /** A report of these runs, which took {@code millis} in all. */
    public CheckReport(List<Row> rows, long millis) {
        this.rows = List.copyOf(rows);
        this.millis = millis;
        for (KitTest t : KitTest.all()) {
            tests.put(t.method(), t);
        }
    }

    /** The runs. */
    public List<Row> rows() {
        return rows;
    }

    /** Wall time of the whole check. */
    public long millis() {
        return millis;
    }

    /** PASS when some run ran and none failed; FAIL when one failed; NOTHING RAN otherwise. */
    public String verdict() {
        if (rows.stream().anyMatch(r -> r.verdict().equals("FAIL"))) {
            return "FAIL";
        }
        return rows.stream().anyMatch(r -> r.verdict().equals("PASS")) ? "PASS" : "NOTHING RAN";
    }

    private String cell(Row r, String area) {
        long pass = r.count(area, Outcome.Status.PASSED, tests);
        long fail = r.count(area, Outcome.Status.FAILED, tests);
        long skip = r.count(area, Outcome.Status.SKIPPED, tests);
        if (fail > 0) {
            return "FAIL " + fail + "/" + (pass + fail + skip);
        }
        if (pass > 0) {
            return "ok " + pass + (skip > 0 ? "+" + skip + "s" : "");
        }
        return skip > 0 ? "skip " + skip : "-";
    }

    /** The transport × area matrix as aligned text, with each row's verdict. */
    public String matrix(Style style) {
        List<String> header = new ArrayList<>();
        header.add("transport");
        header.addAll(Checklist.AREAS);
        header.add("verdict");
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            List<String> line = new ArrayList<>();
            line.add(r.name());
            for (String area : Checklist.AREAS) {
                line.add(r.unavailable() != null ? "-" : cell(r, area));
            }
            line.add(r.unavailable() != null ? "SKIPPED (" + r.unavailable() + ")" : r.verdict());
            lines.add(line);
        }
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> l : lines) {
                if (c < header.size() - 1) {
                    width[c] = Math.max(width[c], l.get(c).length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(style.bold(join(header, width))).append('\n');
        for (List<String> l : lines) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < l.size(); c++) {
                String v = c == l.size() - 1 ? l.get(c) : pad(l.get(c), width[c]);
                if (v.startsWith("FAIL")) {
                    v = style.red(v);
                } else if (c == l.size() - 1 && v.startsWith("PASS")) {
                    v = style.green(v);
                } else if (c == l.size() - 1) {
                    v = style.yellow(v);
                }
                line.append(c == 0 ? "" : "  ").append(v);
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static String join(List<String> cols, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols.size(); c++) {
            sb.append(c == 0 ? "" : "  ").append(c == cols.size() - 1 ? cols.get(c) : pad(cols.get(c), width[c]));
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        int len = s.codePointCount(0, s.length());
        return len >= w ? s : s + " ".repeat(w - len);
    }

    /** The failed tests, one line each with the first line of their message (empty when none failed). */
    public String failures() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            for (Outcome o : r.outcomes()) {
                if (o.status() == Outcome.Status.FAILED) {
                    if (sb.length() == 0) {
                        sb.append("\nFailures:\n");
                    }
                    sb.append("  ").append(r.name()).append("  ").append(o.method()).append(": ")
                            .append(firstLine(o.reason())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String l = nl < 0 ? s : s.substring(0, nl);
        return l.length() > 200 ? l.substring(0, 200) + "…" : l;
    }

    /** The coverage table of these runs (transport rows only). */
    public CoverageTable coverage() {
        List<Outcome> all = rows.stream().flatMap(r -> r.outcomes().stream()).collect(Collectors.toList());
        List<String> names = rows.stream().filter(r -> !r.name().contains("×")).map(Row::name).toList();
        return CoverageTable.of(KitTest.all(), names, all);
    }

    /** Writes summary.json, report.md and coverage.tsv; returns what was written where (JUnit XML included). */
    public Map<String, Path> write(Path dir) throws IOException {
        Map<String, Path> written = new LinkedHashMap<>();
        written.put("JUnit XML", dir.resolve("junit"));
        Path json = dir.resolve("summary.json");
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json()),
                StandardCharsets.UTF_8);
        written.put("JSON summary", json);
        Path md = dir.resolve("report.md");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        written.put("report", md);
        Path tsv = dir.resolve("coverage.tsv");
        Files.writeString(tsv, coverage().tsv(), StandardCharsets.UTF_8);
        written.put("coverage table", tsv);
        return written;
    }

    JsonObject json() {
        JsonObject root = new JsonObject();
        root.addProperty("tool", "mtcp check");
        root.addProperty("finished", Instant.now().toString());
        root.addProperty("millis", millis);
        root.addProperty("verdict", verdict());
        root.addProperty("java", System.getProperty("java.version"));
        JsonArray rs = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("name", r.name());
            o.addProperty("kind", r.name().contains("×") ? "pair" : "transport");
            o.addProperty("verdict", r.verdict());
            if (r.unavailable() != null) {
                o.addProperty("unavailable", r.unavailable());
            }
            o.addProperty("millis", r.millis());
            o.addProperty("passed", r.count(Outcome.Status.PASSED));
            o.addProperty("failed", r.count(Outcome.Status.FAILED));
            o.addProperty("skipped", r.count(Outcome.Status.SKIPPED));
            JsonObject areas = new JsonObject();
            for (String area : Checklist.AREAS) {
                JsonObject a = new JsonObject();
                a.addProperty("passed", r.count(area, Outcome.Status.PASSED, tests));
                a.addProperty("failed", r.count(area, Outcome.Status.FAILED, tests));
                a.addProperty("skipped", r.count(area, Outcome.Status.SKIPPED, tests));
                areas.add(area, a);
            }
            o.add("areas", areas);
            JsonArray ts = new JsonArray();
            for (Outcome out : r.outcomes()) {
                JsonObject t = new JsonObject();
                t.addProperty("test", out.method());
                KitTest kt = tests.get(out.method());
                if (kt != null) {
                    kt.item().ifPresent(i -> t.addProperty("item", i));
                    t.addProperty("area", kt.area());
                }
                t.addProperty("status", out.status().name().toLowerCase(java.util.Locale.ROOT));
                if (!out.reason().isEmpty()) {
                    t.addProperty("reason", out.reason());
                }
                t.addProperty("millis", out.millis());
                ts.add(t);
            }
            o.add("tests", ts);
            rs.add(o);
        }
        root.add("runs", rs);
        CoverageTable cov = coverage();
        JsonArray items = new JsonArray();
        for (CoverageTable.Row r : cov.rows()) {
            JsonObject i = new JsonObject();
            i.addProperty("item", r.item().id());
            i.addProperty("area", r.item().area());
            i.addProperty("title", r.item().title());
            JsonArray t = new JsonArray();
            r.tests().forEach(t::add);
            i.add("tests", t);
            JsonObject res = new JsonObject();
            r.results().forEach(res::addProperty);
            i.add("results", res);
            items.add(i);
        }
        root.add("coverage", items);
        JsonArray missing = new JsonArray();
        cov.missing().forEach(missing::add);
        root.add("missingItems", missing);
        return root;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# mtcp check\n\n");
        sb.append("Verdict: **").append(verdict()).append("** in ").append(String.format("%.1f s", millis / 1000.0))
                .append(" (Java ").append(System.getProperty("java.version")).append(", ")
                .append(Instant.now()).append(")\n\n## Matrix\n\n");
        sb.append("| run |");
        Checklist.AREAS.forEach(a -> sb.append(' ').append(a).append(" |"));
        sb.append(" verdict |\n|---|");
        Checklist.AREAS.forEach(a -> sb.append("---|"));
        sb.append("---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.name()).append(" |");
            for (String area : Checklist.AREAS) {
                sb.append(' ').append(r.unavailable() != null ? "-" : cell(r, area)).append(" |");
            }
            sb.append(' ').append(r.unavailable() != null ? "SKIPPED (" + r.unavailable() + ")" : r.verdict())
                    .append(" |\n");
        }
        sb.append("\n## Failures\n\n");
        boolean any = false;
        for (Row r : rows) {
            for (Outcome o : r.outcomes()) {
                if (o.status() == Outcome.Status.FAILED) {
                    any = true;
                    sb.append("### ").append(r.name()).append(": ").append(o.method()).append("\n\n```\n")
                            .append(o.reason().strip()).append("\n```\n\n");
                }
            }
        }
        if (!any) {
            sb.append("None.\n\n");
        }
        sb.append("## Skipped\n\n");
        any = false;
        for (Row r : rows) {
            for (Outcome o : r.outcomes()) {
                if (o.status() == Outcome.Status.SKIPPED) {
                    any = true;
                    sb.append("- ").append(r.name()).append(": ").append(o.method()).append(" — ")
                            .append(firstLine(o.reason())).append('\n');
                }
            }
        }
        sb.append(any ? "\n" : "None.\n\n");
        sb.append("## Coverage (checklist item → tests → result)\n\n").append(coverage().markdown());
        return sb.toString();
    }
}
