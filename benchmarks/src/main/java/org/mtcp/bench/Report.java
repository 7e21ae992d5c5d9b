package org.mtcp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as Markdown (readable as plain text too): one table per workload with the absolute figures
 * and the ratio to every baseline measured in the same run, then the targets, met or missed.
 */
final class Report {
    private static final List<String> BASELINE_COLUMNS =
            List.of(Results.C, JavaNetSubject.ID, NioChannelSubject.ID, NettySubject.ID, Results.LUA);

    private Report() {
    }

    static String tables(Results results) {
        StringBuilder out = new StringBuilder();
        for (Row row : Row.values()) {
            Map<String, Figure> figures = results.row(row);
            if (figures.isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (String b : BASELINE_COLUMNS) {
                if (figures.containsKey(b)) {
                    columns.add(b);
                }
            }
            boolean alloc = figures.values().stream().anyMatch(f -> !Double.isNaN(f.allocPerOp()));
            // Where a transport wraps a JDK API, each of ours is also compared with that API driven as the
            // contract drives it.
            boolean jdkPath = results.subjects().stream().anyMatch(s -> figures.containsKey(s) && jdkPath(s, row) != null
                    && figures.containsKey(jdkPath(s, row)));
            out.append("### ").append(row.title).append(" (").append(row.unit)
                    .append(row.lowerIsBetter ? ", lower is better" : ", higher is better").append(")\n\n");
            out.append("| subject | ").append(row.unit).append(alloc ? " | B/op" : "");
            for (String c : columns) {
                out.append(" | ×").append(c);
            }
            if (jdkPath) {
                out.append(" | ×JDK path as the contract drives it");
            }
            out.append(" |\n|---|---:").append(alloc ? "|---:" : "");
            out.append("|---:".repeat(columns.size() + (jdkPath ? 1 : 0))).append("|\n");
            for (String s : results.subjects()) {
                Figure f = figures.get(s);
                if (f == null) {
                    continue;
                }
                out.append("| ").append(s).append(" | ").append(number(f.value()));
                if (alloc) {
                    out.append(" | ").append(Double.isNaN(f.allocPerOp()) ? "" : String.format(Locale.ROOT, "%.0f",
                            f.allocPerOp()));
                }
                for (String c : columns) {
                    out.append(" | ").append(String.format(Locale.ROOT, "%.2f", f.value() / figures.get(c).value()));
                }
                if (jdkPath) {
                    String path = jdkPath(s, row);
                    out.append(" | ").append(path == null || !figures.containsKey(path) ? ""
                            : pathLabel(path) + " " + ratio(figures, s, path));
                }
                out.append(" |\n");
            }
            out.append('\n');
        }
        if (!results.problems().isEmpty()) {
            out.append("Not measured:\n\n");
            results.problems().forEach((what, why) -> out.append("- ").append(what).append(": ").append(why)
                    .append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The raw JDK baseline whose API {@code subject}'s transport wraps, driven as the subject's contract
     * drives it on {@code row} (see {@link Variant}); null for ffm, for the raw baselines, and for rows
     * without such a variant. blocking: fresh bulk arrays; LuaSocket's timed connect for its round trips
     * and connections. nio: non-blocking channels waiting in a Selector, everywhere (select included).
     */
    static String jdkPath(String subject, Row row) {
        if (Results.isBaseline(subject) || subject.indexOf(':') < 0) {
            return null;
        }
        String transport = subject.substring(subject.indexOf(':') + 1);
        boolean timing = row == Row.RTT_1 || row == Row.RTT_64 || row == Row.CONNECT;
        if (transport.equals("blocking")) {
            if (row == Row.BULK) {
                return JavaNetSubject.ID + Variant.FRESH.suffix;
            }
            return !timing ? null : subject.startsWith("luasocket:") ? JavaNetSubject.ID + Variant.TIMED.suffix
                    : JavaNetSubject.ID;
        }
        if (transport.equals("nio") && (timing || row == Row.BULK || row == Row.SELECT)) {
            return NioChannelSubject.ID + Variant.SELECTOR.suffix;
        }
        return null;
    }

    /** The raw JDK path a transport wraps: java.net for blocking, NIO channels for nio, none for ffm. */
    static String wrapped(String transport) {
        return transport.equals("blocking") ? JavaNetSubject.ID : transport.equals("nio") ? NioChannelSubject.ID : null;
    }

    private static String ratio(Map<String, Figure> figures, String subject, String baseline) {
        Figure b = baseline == null ? null : figures.get(baseline);
        return b == null ? "" : String.format(Locale.ROOT, "%.2f", figures.get(subject).value() / b.value());
    }

    /** How the JDK path column names a baseline: its variant, without the API it drives. */
    private static String pathLabel(String baseline) {
        Variant v = Variant.of(baseline);
        return v == Variant.PLAIN ? "plain" : v.suffix.substring(1);
    }

    static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** The targets, each with the ratio found and met / MISSED (never asserted). */
    static String targets(Results r, List<String> transports) {
        StringBuilder out = new StringBuilder("### Targets\n\n| target | subject | ratio | |\n|---|---|---:|---|\n");
        for (String t : transports) {
            for (String api : List.of("mtcp", "luasocket")) {
                String s = api + ":" + t;
                if (t.equals("ffm")) {
                    check(out, r, "RTT ≤ 1.10× C", s, Row.RTT_1, Results.C, 1.10, true);
                    check(out, r, "RTT ≤ 1.10× C", s, Row.RTT_64, Results.C, 1.10, true);
                    check(out, r, "bulk ≥ 0.95× C", s, Row.BULK, Results.C, 0.95, false);
                    check(out, r, "connections ≥ 0.85× C", s, Row.CONNECT, Results.C, 0.85, false);
                }
                String raw = wrapped(t);
                if (raw != null) {
                    for (Row row : Row.values()) {
                        if (row.lowerIsBetter) {
                            check(out, r, "within 5 % of " + raw, s, row, raw, 1.05, true);
                        } else {
                            check(out, r, "within 5 % of " + raw, s, row, raw, 0.95, false);
                        }
                    }
                    for (Row row : Row.values()) {
                        String path = jdkPath(s, row);
                        if (path != null && !path.equals(raw)) {
                            check(out, r, "within 5 % of " + path + " (diagnostic: the JDK path as the contract "
                                    + "drives it)", s, row, path, row.lowerIsBetter ? 1.05 : 0.95, row.lowerIsBetter);
                        }
                    }
                }
                check(out, r, "RTT ahead of Netty", s, Row.RTT_1, NettySubject.ID, 1.0, true);
                check(out, r, "RTT ahead of Netty", s, Row.RTT_64, NettySubject.ID, 1.0, true);
                check(out, r, "connections ahead of Netty", s, Row.CONNECT, NettySubject.ID, 1.0, false);
                if (api.equals("luasocket")) {
                    check(out, r, "lines ≥ 2× C LuaSocket", s, Row.LINES, Results.LUA, 2.0, false);
                }
                check(out, r, "event loop ≥ 0.8× C LuaSocket", s, Row.EVENT_LOOP, Results.LUA, 0.8, false);
            }
        }
        return out.append('\n').toString();
    }

    private static void check(StringBuilder out, Results r, String what, String subject, Row row, String baseline,
            double limit, boolean atMost) {
        Figure f = r.get(row, subject);
        Figure b = r.get(row, baseline);
        if (f == null || b == null) {
            return;
        }
        double ratio = f.value() / b.value();
        boolean met = atMost ? ratio <= limit : ratio >= limit;
        out.append("| ").append(what).append(" (").append(row.title).append(") | ").append(subject).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", ratio)).append(" | ").append(met ? "met" : "MISSED")
                .append(" |\n");
    }
}
