package org.mtcp.bench;

import java.util.Locale;

/**
 * Runs one workload of one subject in a plain loop for a while, for a profiler to watch (no JMH in the
 * way). For example, with JFR:
 *
 * <pre>taskset -c 0 java --enable-native-access=ALL-UNNAMED -XX:StartFlightRecording=filename=rec.jfr \
 *     -cp benchmarks.jar org.mtcp.bench.Profile connect mtcp:ffm 10</pre>
 *
 * Workloads: {@code rtt1 rtt64 bulk lines connect select eventloop}. Prints the rate it reached.
 */
public final class Profile {
    private Profile() {
    }

    /** Arguments: workload, subject id, seconds. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Profile rtt1|rtt64|bulk|lines|connect|select|eventloop SUBJECT SECONDS");
            System.exit(2);
        }
        Subject s = Subjects.of(args[1]);
        long end = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
        long ops = 0;
        long t0 = System.nanoTime();
        try (Subject.Workload w = open(args[0], s)) {
            while (System.nanoTime() < end) {
                for (int i = 0; i < 16; i++) {
                    step(w);
                }
                ops += 16;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s %s: %.0f ops/s, %.3f µs/op%n", args[0], args[1], ops / secs, secs * 1e6 / ops);
    }

    private static Subject.Workload open(String workload, Subject s) throws Exception {
        return switch (workload) {
            case "rtt1" -> s.roundTrip(1);
            case "rtt64" -> s.roundTrip(64);
            case "bulk" -> s.bulk(Payloads.CHUNK);
            case "lines" -> Subjects.lineReading(s.id()).lines();
            case "connect" -> s.connections();
            case "select" -> Subjects.selecting(s.id()).select(Payloads.IDLE);
            case "eventloop" -> ((Subject.EventLooping) s).eventLoop(EventLoopBenchmark.BYTES);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    private static void step(Subject.Workload w) throws Exception {
        if (w instanceof Subject.RoundTrip r) {
            r.roundTrip();
        } else if (w instanceof Subject.Bulk b) {
            b.write();
        } else if (w instanceof Subject.Lines l) {
            l.readLine();
        } else if (w instanceof Subject.Connections c) {
            c.cycle();
        } else if (w instanceof Subject.EventLoop e) {
            e.transfer();
        } else if (w instanceof Subject.Select s) {
            s.selectNow();
        }
    }
}
