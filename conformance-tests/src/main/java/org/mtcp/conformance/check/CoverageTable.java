package org.mtcp.conformance.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.mtcp.conformance.Checklist;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The coverage table: checklist item → the kit tests that claim it → their result in each run (pass, fail,
 * skipped with the reason, not run, or missing when no test claims the item). Built from a run's
 * {@link Outcome}s, or from JUnit XML reports (surefire's, or those {@code mtcp check} writes).
 *
 * <p>Command line (after {@code mvn verify} in conformance-tests):
 * {@code java -cp ... org.mtcp.conformance.check.CoverageTable target/surefire-reports [out.md]} reads
 * {@code TEST-*ConformanceTest.xml} (the run is the class name without {@code ConformanceTest}).
 */
public final class CoverageTable {
    /** One item's line. */
    public record Row(Checklist.Item item, List<String> tests, Map<String, String> results) {
    }

    private final List<String> runs;
    private final List<Row> rows;
    private final List<String> unknown;

    private CoverageTable(List<String> runs, List<Row> rows, List<String> unknown) {
        this.runs = runs;
        this.rows = rows;
        this.unknown = unknown;
    }

    /** The table for the kit's tests, with no results (every test "not run"). */
    public static CoverageTable of(List<KitTest> tests) {
        return of(tests, List.of(), List.of());
    }

    /**
     * The table for {@code tests} and the outcomes of the named runs.
     *
     * @param runs run names in column order (outcomes of other runs are ignored)
     */
    public static CoverageTable of(List<KitTest> tests, List<String> runs, List<Outcome> outcomes) {
        Checklist checklist = Checklist.load();
        Map<String, List<String>> byItem = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (KitTest t : tests) {
            t.item().ifPresent(id -> {
                if (checklist.item(id).isPresent()) {
                    byItem.computeIfAbsent(id, k -> new ArrayList<>()).add(t.method());
                } else {
                    unknown.add(t.method());
                }
            });
        }
        Map<String, Map<String, Outcome>> byRun = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            byRun.computeIfAbsent(o.row(), k -> new LinkedHashMap<>()).put(o.method(), o);
        }
        List<Row> rows = new ArrayList<>();
        for (Checklist.Item item : checklist.items()) {
            List<String> names = byItem.getOrDefault(item.id(), List.of());
            Map<String, String> results = new LinkedHashMap<>();
            for (String run : runs) {
                results.put(run, result(names, byRun.getOrDefault(run, Map.of())));
            }
            rows.add(new Row(item, names, results));
        }
        return new CoverageTable(List.copyOf(runs), rows, unknown);
    }

    private static String result(List<String> tests, Map<String, Outcome> outcomes) {
        if (tests.isEmpty()) {
            return "missing";
        }
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int passed = 0;
        for (String t : tests) {
            Outcome o = outcomes.get(t);
            if (o == null) {
                continue;
            }
            switch (o.status()) {
                case PASSED: passed++; break;
                case FAILED: failed.add(t); break;
                default: skipped.add(o.reason());
            }
        }
        if (!failed.isEmpty()) {
            return "fail (" + String.join(", ", failed) + ")";
        }
        if (passed > 0) {
            return skipped.isEmpty() ? "pass" : "pass (" + skipped.size() + " skipped)";
        }
        if (!skipped.isEmpty()) {
            return "skipped: " + skipped.get(0);
        }
        return "not run";
    }

    /** Every line, in checklist order. */
    public List<Row> rows() {
        return rows;
    }

    /** Items no test claims. */
    public List<String> missing() {
        return rows.stream().filter(r -> r.tests().isEmpty()).map(r -> r.item().id()).collect(Collectors.toList());
    }

    /** Tests whose prefix names an item the checklist does not have. */
    public List<String> unknownItems() {
        return unknown;
    }

    /** The table as Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| item | area | title | tests |");
        runs.forEach(r -> sb.append(' ').append(r).append(" |"));
        sb.append('\n').append("|---|---|---|---|");
        runs.forEach(r -> sb.append("---|"));
        sb.append('\n');
        for (Row r : rows) {
            sb.append("| ").append(r.item().id()).append(" | ").append(r.item().area()).append(" | ")
                    .append(cell(r.item().title())).append(" | ")
                    .append(r.tests().isEmpty() ? "**missing**" : cell(String.join(", ", r.tests()))).append(" |");
            for (String run : runs) {
                String v = r.results().get(run);
                sb.append(' ').append(v.startsWith("fail") || v.equals("missing") ? "**" + cell(v) + "**" : cell(v))
                        .append(" |");
            }
            sb.append('\n');
        }
        if (!unknown.isEmpty()) {
            sb.append("\nTests naming an item the checklist lacks: ").append(String.join(", ", unknown)).append('\n');
        }
        return sb.toString();
    }

    /** The table as tab-separated values (item, area, title, tests, then one column per run). */
    public String tsv() {
        StringBuilder sb = new StringBuilder("item\tarea\ttitle\ttests");
        runs.forEach(r -> sb.append('\t').append(r));
        sb.append('\n');
        for (Row r : rows) {
            sb.append(r.item().id()).append('\t').append(r.item().area()).append('\t').append(r.item().title())
                    .append('\t').append(String.join(",", r.tests()));
            runs.forEach(run -> sb.append('\t').append(r.results().get(run).replace('\t', ' ').replace('\n', ' ')));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("\r", "");
    }

    // ---- JUnit XML ------------------------------------------------------------------------------------------

    /** Outcomes from every {@code TEST-*.xml} in a directory, all attributed to run {@code run}. */
    public static List<Outcome> readXml(Path dir, String run) throws IOException {
        List<Outcome> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "TEST-*.xml")) {
            for (Path f : files) {
                out.addAll(readXmlFile(f, run));
            }
        }
        return out;
    }

    /** Outcomes from one JUnit XML file; a null run takes it from each test case's class name. */
    public static List<Outcome> readXmlFile(Path file, String run) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Outcome> out = new ArrayList<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String name = c.getAttribute("name");
            int paren = name.indexOf('(');
            String method = paren >= 0 ? name.substring(0, paren) : name;
            String r = run != null ? run : runOfClass(c.getAttribute("classname"));
            long millis = (long) (parseDouble(c.getAttribute("time")) * 1000);
            Element failure = first(c, "failure");
            if (failure == null) {
                failure = first(c, "error");
            }
            Element skipped = first(c, "skipped");
            if (failure != null) {
                out.add(new Outcome(r, method, Outcome.Status.FAILED, failure.getAttribute("message"), millis));
            } else if (skipped != null) {
                String reason = skipped.getAttribute("message");
                if (reason.isEmpty()) {
                    reason = skipped.getTextContent().strip();
                }
                out.add(new Outcome(r, method, Outcome.Status.SKIPPED, reason, millis));
            } else {
                out.add(new Outcome(r, method, Outcome.Status.PASSED, "", millis));
            }
        }
        return out;
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code org.mtcp.conformance.NioConformanceTest} → {@code nio}. */
    static String runOfClass(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.replace("ConformanceTest", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the coverage table of surefire's kit runs.
     *
     * @param args the surefire reports directory, and optionally the Markdown file to write (else stdout)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CoverageTable SUREFIRE_REPORTS_DIR [OUT.md]");
            System.exit(2);
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(args[0]), "TEST-*ConformanceTest.xml")) {
            for (Path f : files) {
                outcomes.addAll(readXmlFile(f, null));
            }
        }
        List<String> runs = new ArrayList<>(new TreeSet<>(outcomes.stream().map(Outcome::row).toList()));
        String md = of(KitTest.all(), runs, outcomes).markdown();
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), md, StandardCharsets.UTF_8);
        } else {
            System.out.print(md);
        }
    }
}
