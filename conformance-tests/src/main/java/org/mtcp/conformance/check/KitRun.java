package org.mtcp.conformance.check;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.mtcp.conformance.ProviderConformance;
import org.mtcp.spi.TransportProvider;

/**
 * One run of the kit through the JUnit Platform Launcher: {@link ProviderConformance} against one provider
 * (paired with {@code peers} in interop tests), the tests a filter selects, JUnit XML written to a directory,
 * and each test method's {@link Outcome}. A test that hangs fails after {@link #TEST_TIMEOUT} (it runs in
 * a thread of its own, which is abandoned), so a run always ends.
 */
public final class KitRun {
    /** Per-test limit, as JUnit Jupiter's duration syntax. */
    public static final String TEST_TIMEOUT = "60 s";

    private KitRun() {
    }

    /**
     * Runs the selected kit tests.
     *
     * @param row the name of this run in reports
     * @param select which kit tests to run (all, an area, some items)
     * @param xmlDir where JUnit XML goes, or null for none
     * @param workDir where jqwik keeps its database
     * @param extra listeners (progress), may be empty
     * @return one outcome per selected test method (failed if any of its invocations failed)
     */
    public static List<Outcome> run(String row, TransportProvider provider, List<TransportProvider> peers,
            Predicate<KitTest> select, Path xmlDir, Path workDir, Map<String, String> config,
            List<TestExecutionListener> extra) {
        List<KitTest> tests = KitTest.of(ProviderConformance.class).stream().filter(select).toList();
        if (tests.isEmpty()) {
            return List.of();
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (KitTest t : tests) {
            selectors.add(DiscoverySelectors.selectMethod(ProviderConformance.class, method(t.method())));
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.default", TEST_TIMEOUT)
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("jqwik.database", workDir.resolve("jqwik-database").toString())
                .configurationParameter("jqwik.reporting.onlyfailures", "true")
                .configurationParameter("jqwik.reporting.onlyFailures", "true")
                // jqwik's reports go to the listeners (JUnit XML), not to standard output.
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .configurationParameters(config);
        LauncherDiscoveryRequest req = request.build();
        Collector collector = new Collector(row);
        List<TestExecutionListener> listeners = new ArrayList<>(extra);
        listeners.add(collector);
        if (xmlDir != null) {
            listeners.add(new LegacyXmlReportGeneratingListener(xmlDir,
                    new PrintWriter(new StringWriter(), true)));
        }
        Launcher launcher = LauncherFactory.create();
        ProviderConformance.use(provider, peers);
        try {
            launcher.execute(req, listeners.toArray(new TestExecutionListener[0]));
        } finally {
            ProviderConformance.reset();
        }
        return collector.outcomes();
    }

    private static Method method(String name) {
        for (Method m : ProviderConformance.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no kit test " + name);
    }

    /** The method a test identifier runs, if it is a method's test (or an invocation of one). */
    static Optional<String> methodOf(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName());
    }

    /** Failure text: the exception's class and message, first line of it. */
    static String describe(Throwable t) {
        if (t == null) {
            return "";
        }
        String msg = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (msg == null || msg.isBlank()) {
            return type;
        }
        return t instanceof AssertionError ? msg.strip() : type + ": " + msg.strip();
    }

    /** Gathers one outcome per method; a failed invocation makes the method failed. */
    private static final class Collector implements TestExecutionListener {
        private final String row;
        private final Map<String, Outcome> byMethod = new LinkedHashMap<>();
        private final Map<String, Long> started = new LinkedHashMap<>();
        private TestPlan plan;

        Collector(String row) {
            this.row = row;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public synchronized void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public synchronized void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                methodOf(id).ifPresent(m -> merge(new Outcome(row, m, Outcome.Status.SKIPPED, reason, 0)));
            } else if (plan != null) {
                for (TestIdentifier d : plan.getDescendants(id)) {
                    if (d.isTest()) {
                        methodOf(d).ifPresent(m -> merge(new Outcome(row, m, Outcome.Status.SKIPPED, reason, 0)));
                    }
                }
                methodOf(id).ifPresent(m -> merge(new Outcome(row, m, Outcome.Status.SKIPPED, reason, 0)));
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Long t0 = started.remove(id.getUniqueId());
            long millis = t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000;
            Optional<String> m = methodOf(id);
            if (m.isEmpty()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    // A class or engine failed: every method under it is failed with that reason.
                    String why = "container failed: " + describe(result.getThrowable().orElse(null));
                    if (plan != null) {
                        for (TestIdentifier d : plan.getDescendants(id)) {
                            methodOf(d).ifPresent(dm -> merge(new Outcome(row, dm, Outcome.Status.FAILED, why, 0)));
                        }
                    }
                }
                return;
            }
            if (!id.isTest() && result.getStatus() != TestExecutionResult.Status.FAILED) {
                return; // a method container (property, factory): its children speak, unless it failed itself
            }
            Outcome o;
            switch (result.getStatus()) {
                case SUCCESSFUL:
                    o = new Outcome(row, m.get(), Outcome.Status.PASSED, "", millis);
                    break;
                case ABORTED:
                    o = new Outcome(row, m.get(), Outcome.Status.SKIPPED,
                            result.getThrowable().map(Throwable::getMessage).orElse("aborted"), millis);
                    break;
                default:
                    o = new Outcome(row, m.get(), Outcome.Status.FAILED,
                            describe(result.getThrowable().orElse(null)), millis);
            }
            merge(o);
        }

        private void merge(Outcome o) {
            Outcome old = byMethod.get(o.method());
            if (old == null || rank(o.status()) > rank(old.status())) {
                byMethod.put(o.method(), old == null ? o
                        : new Outcome(row, o.method(), o.status(), o.reason(), o.millis() + old.millis()));
            } else {
                byMethod.put(o.method(), new Outcome(row, old.method(), old.status(), old.reason(),
                        o.millis() + old.millis()));
            }
        }

        private static int rank(Outcome.Status s) {
            return s == Outcome.Status.FAILED ? 2 : s == Outcome.Status.PASSED ? 1 : 0;
        }

        synchronized List<Outcome> outcomes() {
            return new ArrayList<>(byMethod.values());
        }
    }
}
