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

/** Workload 4: connect + accept + close of both ends; connections per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConnectBenchmark {
    /** Subject id; the runner sets the list. */
    @Param({"mtcp:ffm"})
    public String subject;

    private Subject.Connections workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        workload = Subjects.of(subject).connections();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public void connectAcceptClose() throws Exception {
        workload.cycle();
    }
}
