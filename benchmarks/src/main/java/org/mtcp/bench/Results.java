package org.mtcp.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Every figure of one run: row → subject → figure, in the order they were added. */
final class Results {
    /** Subject id of the C program. */
    static final String C = "C";
    /** Subject id of C LuaSocket under lua5.4. */
    static final String LUA = "C LuaSocket";

    private final Map<Row, Map<String, Figure>> figures = new EnumMap<>(Row.class);
    private final Map<String, String> problems = new LinkedHashMap<>();

    void put(Row row, String subject, Figure f) {
        if (Double.isFinite(f.value()) && f.value() > 0) {
            figures.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(subject, f);
        }
    }

    /** Records why something could not be measured (shown under the tables). */
    void problem(String what, String why) {
        problems.put(what, why);
    }

    Map<String, String> problems() {
        return problems;
    }

    Figure get(Row row, String subject) {
        return figures.getOrDefault(row, Map.of()).get(subject);
    }

    Map<String, Figure> row(Row row) {
        return figures.getOrDefault(row, Map.of());
    }

    /** Every subject that has a figure, ours first then baselines, each in first-seen order. */
    Set<String> subjects() {
        Set<String> ours = new LinkedHashSet<>();
        Set<String> base = new LinkedHashSet<>();
        for (Map<String, Figure> m : figures.values()) {
            for (String s : m.keySet()) {
                (isBaseline(s) ? base : ours).add(s);
            }
        }
        ours.addAll(base);
        return ours;
    }

    static boolean isBaseline(String subject) {
        String base = Variant.base(subject);
        return base.equals(C) || subject.equals(LUA) || Subjects.BASELINES.contains(base);
    }
}
