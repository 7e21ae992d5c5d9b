package org.mtcp.conformance.check;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.platform.commons.annotation.Testable;
import org.mtcp.conformance.Checklist;
import org.mtcp.conformance.Conformance;

/**
 * One test method of the kit: its name, the contract interface declaring it, the checklist item its name
 * claims ({@code L117_…} claims L117) and its area (the item's area, else one guessed from the interface).
 *
 * @param method the method name
 * @param declaredIn the simple name of the interface that declares it
 * @param item the claimed checklist item id, if any
 * @param area one of {@link Checklist#AREAS}
 */
public record KitTest(String method, String declaredIn, Optional<String> item, String area) {

    /** Every test method of {@link Conformance}, sorted by name. */
    public static List<KitTest> all() {
        return of(Conformance.class);
    }

    /** Every test method (annotated with a {@link Testable} annotation) a test type has, sorted by name. */
    public static List<KitTest> of(Class<?> type) {
        Checklist checklist = Checklist.load();
        List<KitTest> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !isTest(m)) {
                continue;
            }
            Optional<String> item = Checklist.itemOf(m.getName());
            String declaredIn = m.getDeclaringClass().getSimpleName();
            String area = item.flatMap(checklist::item).map(Checklist.Item::area).orElseGet(() -> areaOf(declaredIn));
            out.add(new KitTest(m.getName(), declaredIn, item, area));
        }
        out.sort(Comparator.comparing(KitTest::method));
        return out;
    }

    private static boolean isTest(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (isTestable(a.annotationType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a test annotation is {@link Testable}, directly ({@code @Test}, {@code @Property}) or through
     * the annotation it is made of ({@code @ParameterizedTest} is a {@code @TestTemplate}).
     */
    private static boolean isTestable(Class<? extends Annotation> type) {
        if (type.isAnnotationPresent(Testable.class)) {
            return true;
        }
        for (Annotation meta : type.getAnnotations()) {
            if (meta.annotationType().isAnnotationPresent(Testable.class)) {
                return true;
            }
        }
        return false;
    }

    /** The area of a test without an item, from the name of the contract interface that declares it. */
    static String areaOf(String declaredIn) {
        String n = declaredIn.toLowerCase(Locale.ROOT);
        if (n.contains("interop")) {
            return "interop";
        }
        if (n.startsWith("mtcp")) {
            return "mtcp";
        }
        for (String area : List.of("timeout", "receive", "send", "option", "select")) {
            if (n.contains(area)) {
                return area.equals("timeout") ? "timeouts" : area.equals("option") ? "options" : area;
            }
        }
        if (n.contains("bulk")) {
            return "receive";
        }
        return "state";
    }
}
