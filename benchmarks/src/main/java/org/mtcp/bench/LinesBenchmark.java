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

/** Workload 3: {@code receive("*l")} over 100-byte lines; lines per second. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinesBenchmark {
    /** Subject id; the runner sets the list. */
    @Param({"luasocket:ffm"})
    public String subject;

    private Subject.Lines workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        workload = Subjects.lineReading(subject).lines();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public int readLine() throws Exception {
        return workload.readLine();
    }
}
