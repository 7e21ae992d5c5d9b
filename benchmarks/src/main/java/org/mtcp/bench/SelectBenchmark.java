package org.mtcp.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Workload 5: one non-waiting select over 10,000 idle connections and one readable; time per select. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SelectBenchmark {
    /** Subject id; the runner sets the list. */
    @Param({"luasocket:ffm"})
    public String subject;

    /** Idle connections (one more, readable, is added). */
    @Param({"10000"})
    public int idle;

    private Subject.Select workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        workload = Subjects.selecting(subject).select(idle);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public int select() throws Exception {
        int ready = workload.selectNow();
        if (ready != 1) {
            throw new IllegalStateException(ready + " ready, expected 1");
        }
        return ready;
    }
}
