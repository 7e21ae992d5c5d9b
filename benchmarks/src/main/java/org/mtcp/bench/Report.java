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
            // Bulk also compares each of ours with the baselines moving data in its contract's syscall sizes.
            boolean sameSteps = row == Row.BULK;
            out.append("### ").append(row.title).append(" (").append(row.unit)
                    .append(row.lowerIsBetter ? ", lower is better" : ", higher is better").append(")\n\n");
            out.append("| subject | ").append(row.unit).append(alloc ? " | B/op" : "");
            for (String c : columns) {
                out.append(" | ×").append(c);
            }
            if (sameSteps) {
                out.append(" | ×C, same steps | ×wrapped JDK path, same steps");
            }
            out.append(" |\n|---|---:").append(alloc ? "|---:" : "");
            out.append("|---:".repeat(columns.size() + (sameSteps ? 2 : 0))).append("|\n");
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
                if (sameSteps) {
                    out.append(" | ").append(ratio(figures, s, Results.isBaseline(s) ? null : sameStepsC(s)));
                    out.append(" | ").append(ratio(figures, s, Results.isBaseline(s) ? null : sameStepsRaw(s)));
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

    /** The C baseline moving data in the syscall sizes of {@code subject}'s contract. */
    static String sameStepsC(String subject) {
        return Results.C + Steps.ofApi(subject).suffix;
    }

    /** The raw JDK baseline the subject's transport wraps, in its contract's sizes; null for ffm. */
    static String sameStepsRaw(String subject) {
        String raw = wrapped(subject.substring(subject.indexOf(':') + 1));
        return raw == null ? null : raw + Steps.ofApi(subject).suffix;
    }

    /** The raw JDK path a transport wraps: java.net for blocking, NIO channels for nio, none for ffm. */
    static String wrapped(String transport) {
        return transport.equals("blocking") ? JavaNetSubject.ID : transport.equals("nio") ? NioChannelSubject.ID : null;
    }

    private static String ratio(Map<String, Figure> figures, String subject, String baseline) {
        Figure b = baseline == null ? null : figures.get(baseline);
        return b == null ? "" : String.format(Locale.ROOT, "%.2f", figures.get(subject).value() / b.value());
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
                    check(out, r, "bulk ≥ 0.95× C in the contract's syscall sizes", s, Row.BULK, sameStepsC(s), 0.95,
                            false);
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
                    check(out, r, "within 5 % of " + raw + " in the contract's syscall sizes", s, Row.BULK,
                            sameStepsRaw(s), 0.95, false);
                }
                check(out, r, "RTT ahead of Netty", s, Row.RTT_1, NettySubject.ID, 1.0, true);
                check(out, r, "RTT ahead of Netty", s, Row.RTT_64, NettySubject.ID, 1.0, true);
                check(out, r, "connections ahead of Netty", s, Row.CONNECT, NettySubject.ID, 1.0, false);
                if (api.equals("luasocket")) {
                    check(out, r, "lines ≥ 2× C LuaSocket", s, Row.LINES, Results.LUA, 2.0, false);
                }
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
