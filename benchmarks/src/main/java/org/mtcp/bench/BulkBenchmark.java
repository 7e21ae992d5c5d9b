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

/**
 * Workload 2: one-way bulk transfer in 64 KiB writes while a reader thread drains; operations per
 * second, one operation = 64 KiB (the report converts to GB/s). A full run moves well over 1 GiB per
 * measurement iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkBenchmark {
    /** Subject id; the runner sets the list. */
    @Param({"mtcp:ffm"})
    public String subject;

    private Subject.Bulk workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        workload = Subjects.of(subject).bulk(Payloads.CHUNK);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public void write64k() throws Exception {
        workload.write();
    }
}
