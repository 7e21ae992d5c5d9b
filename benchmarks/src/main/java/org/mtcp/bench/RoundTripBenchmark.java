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

/** Workload 1: ping-pong round trip of 1 or 64 bytes with TCP_NODELAY; time per round trip. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoundTripBenchmark {
    /** Subject id; the runner sets the list. */
    @Param({"mtcp:ffm"})
    public String subject;

    /** Message size in bytes. */
    @Param({"1", "64"})
    public int size;

    private Subject.RoundTrip workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        workload = Subjects.of(subject).roundTrip(size);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public void roundTrip() throws Exception {
        workload.roundTrip();
    }
}
