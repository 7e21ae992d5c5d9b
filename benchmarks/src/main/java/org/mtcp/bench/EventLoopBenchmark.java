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
 * Workload 6: event-loop bulk, one way over one connection with both ends driven by one thread's loop —
 * LuaSocket with {@code settimeout(0)}, {@code socket.select} and {@code receive(65536)} (copas style),
 * mtcp with its write and its poll-and-read; operations per second, one operation = {@value #BYTES} bytes
 * (the report converts to GB/s). C LuaSocket runs the same loop under lua5.4 as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventLoopBenchmark {
    /** Bytes one operation moves: 1 MiB. */
    public static final int BYTES = 1 << 20;

    /** Subject id; the runner sets the list. */
    @Param({"luasocket:ffm"})
    public String subject;

    private Subject.EventLoop workload;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Subject s = Subjects.of(subject);
        if (!(s instanceof Subject.EventLooping)) {
            throw new IllegalArgumentException(subject + " has no event loop");
        }
        workload = ((Subject.EventLooping) s).eventLoop(BYTES);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        workload.close();
    }

    @Benchmark
    public void transfer1MiB() throws Exception {
        workload.transfer();
    }
}
