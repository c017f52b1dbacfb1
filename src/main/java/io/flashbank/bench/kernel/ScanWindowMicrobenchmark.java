package io.flashbank.bench.kernel;

import io.flashbank.scan.ScanBatch;
import io.flashbank.scan.ScanKernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one scan of a window's batch by the JVM kernel, at the size of a demo window (~10k candidates, the latency
 * benchmark's median) and of a large one (1M), on {@link KernelBenchmark#randomBatch}'s mix of 2- and 3-hop cycles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanWindowMicrobenchmark {
    @Param({"10000", "1000000"})
    int candidates;

    private ScanKernel kernel;
    private ScanBatch batch;

    @Setup
    public void buildBatch() {
        kernel = ScanKernel.jvm();
        batch = KernelBenchmark.randomBatch(candidates, 42);
    }

    /** Returns the batch, whose arrays the scan wrote, so JMH keeps the work. */
    @Benchmark
    public ScanBatch scanWindow() {
        kernel.scan(batch);
        return batch;
    }
}
