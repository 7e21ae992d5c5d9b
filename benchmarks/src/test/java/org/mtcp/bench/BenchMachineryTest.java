package org.mtcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark machinery alive in the default build without measuring anything: every subject
 * runs every workload it has a few times, the report and the chart render, and JMH's annotation
 * processor really ran (the JDK 23+ trap). Bounded: a workload that stops making progress (a blocking
 * send or accept with no timeout) fails the test instead of hanging the build.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class BenchMachineryTest {
    private static List<String> subjects() {
        List<String> out = new ArrayList<>();
        for (String t : Subjects.transports(List.of())) {
            out.add("mtcp:" + t);
            out.add("luasocket:" + t);
        }
        for (String b : Subjects.BASELINES) {
            if (Subjects.unavailable(b).isEmpty()) {
                out.add(b);
            }
        }
        out.addAll(Subjects.VARIANTS);
        return out;
    }

    @Test
    void jmhGeneratedTheBenchmarkList() {
        assertNotNull(BenchMachineryTest.class.getResource("/META-INF/BenchmarkList"),
                "JMH's annotation processor did not run (annotationProcessorPaths)");
    }

    @Test
    void everySubjectRunsEveryWorkloadItHas() throws Exception {
        List<String> ran = new ArrayList<>();
        for (String id : subjects()) {
            Subject s = Subjects.of(id);
            try (Subject.RoundTrip w = s.roundTrip(64)) {
                for (int i = 0; i < 20; i++) {
                    w.roundTrip();
                }
            }
            try (Subject.Bulk w = s.bulk(Payloads.CHUNK)) {
                for (int i = 0; i < 20; i++) {
                    w.write();
                }
            }
            try (Subject.Connections w = s.connections()) {
                for (int i = 0; i < 20; i++) {
                    w.cycle();
                }
            }
            if (s instanceof Subject.EventLooping looping) {
                try (Subject.EventLoop w = looping.eventLoop(300_000)) {
                    for (int i = 0; i < 3; i++) {
                        w.transfer();
                    }
                }
            }
            if (id.startsWith("luasocket:")) {
                try (Subject.Lines w = ((Subject.LineReading) s).lines()) {
                    for (int i = 0; i < 200; i++) {
                        assertEquals(Payloads.LINE - 1, w.readLine());
                    }
                }
            }
            if (id.startsWith("luasocket:") || id.equals(NioChannelSubject.ID)) {
                try (Subject.Select w = ((Subject.Selecting) s).select(20)) {
                    for (int i = 0; i < 5; i++) {
                        assertEquals(1, w.selectNow(), id);
                    }
                }
            }
            ran.add(id);
        }
        assertTrue(ran.contains(JavaNetSubject.ID) && ran.contains(NioChannelSubject.ID), ran.toString());
        assertTrue(ran.containsAll(Subjects.VARIANTS), ran.toString());
        assertTrue(ran.stream().anyMatch(id -> id.startsWith("mtcp:")), ran.toString());
    }

    @Test
    void reportAndChartRender(@TempDir Path dir) throws Exception {
        Results r = new Results();
        r.put(Row.RTT_1, "mtcp:ffm", new Figure(14.0, 0));
        r.put(Row.RTT_1, Results.C, Figure.of(13.0));
        r.put(Row.RTT_1, NettySubject.ID, Figure.of(17.0));
        r.put(Row.BULK, "mtcp:ffm", new Figure(2.7, 12));
        r.put(Row.BULK, Results.C, Figure.of(2.8));
        r.put(Row.LINES, "luasocket:ffm", Figure.of(2.5));
        r.put(Row.LINES, Results.LUA, Figure.of(1.0));
        r.put(Row.SELECT, "luasocket:ffm", Figure.of(4000));
        r.put(Row.SELECT, Results.C, Figure.of(3600));
        r.put(Row.SELECT, NioChannelSubject.ID, Figure.of(0.4));
        String tables = Report.tables(r);
        assertTrue(tables.contains("| mtcp:ffm | 14.0 | 0 | 1.08 | 0.82 |"), tables);
        String targets = Report.targets(r, List.of("ffm"));
        assertTrue(targets.contains("| RTT ≤ 1.10× C (ping-pong round trip, 1 B) | mtcp:ffm | 1.08 | met |"), targets);
        assertTrue(targets.contains("| lines ≥ 2× C LuaSocket (receive('*l'), 100-byte lines) | luasocket:ffm | 2.50 | met |"),
                targets);
        Path png = dir.resolve("r.png");
        r.put(Row.BULK, "mtcp:nio", Figure.of(1.0));
        r.put(Row.BULK, "nio-channel/selector", Figure.of(1.25));
        r.put(Row.CONNECT, "luasocket:blocking", Figure.of(50));
        r.put(Row.CONNECT, "mtcp:blocking", Figure.of(54));
        r.put(Row.CONNECT, JavaNetSubject.ID, Figure.of(55));
        r.put(Row.CONNECT, "java.net/timed", Figure.of(51));
        String bulk = Report.tables(r);
        assertTrue(bulk.contains("| mtcp:ffm | 2.700 | 12 | 0.96 |  |"), bulk);
        assertTrue(bulk.contains("| mtcp:nio | 1.000 |  | 0.36 | selector 0.80 |"), bulk);
        assertTrue(bulk.contains("| luasocket:blocking | 50.0 | 0.91 | timed 0.98 |"), bulk);
        assertTrue(bulk.contains("| mtcp:blocking | 54.0 | 0.98 | plain 0.98 |"), bulk);
        assertTrue(Report.targets(r, List.of("nio")).contains("| within 5 % of nio-channel/selector (diagnostic: the JDK "
                + "path as the contract drives it) (bulk one-way, 64 KiB writes) | mtcp:nio | 0.80 | MISSED |"));
        assertTrue(Report.targets(r, List.of("blocking")).contains("| within 5 % of java.net/timed (diagnostic: the "
                + "JDK path as the contract drives it) (connect + accept + close) | luasocket:blocking | 0.98 | met |"));
        assertTrue(Results.isBaseline("java.net/timed") && Results.isBaseline("nio-channel/selector")
                && !Results.isBaseline("mtcp:nio"));
        assertEquals(Variant.SELECTOR, Variant.of("nio-channel/selector"));
        assertEquals("nio-channel", Variant.base("nio-channel/selector"));
        assertTrue(RatioChart.write(r, png));
        assertTrue(Files.size(png) > 1000);
    }
}
