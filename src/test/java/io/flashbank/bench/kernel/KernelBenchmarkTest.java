package io.flashbank.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.scan.ScanBatch;
import io.flashbank.scan.ScanKernel;
import org.junit.jupiter.api.Test;

class KernelBenchmarkTest {
    @Test
    void reportsTheMedianThroughputOfTheKernelOnAFullBatch() {
        KernelBenchmark.Result result = KernelBenchmark.measure(ScanKernel.jvm(), 20_000, 3, 5);

        assertThat(result.kernel()).isEqualTo("jvm");
        assertThat(result.candidates()).isEqualTo(20_000);
        assertThat(result.repetitions()).isEqualTo(3);
        assertThat(result.medianNanosPerScan()).isPositive();
        assertThat(result.candidatesPerSecond()).isCloseTo(20_000 * 1e9 / result.medianNanosPerScan(),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(result.profitable()).isBetween(1, 19_999);
    }

    @Test
    void randomBatchesMixTwoAndThreeHopCycles() {
        ScanBatch batch = KernelBenchmark.randomBatch(1_000, 9);

        assertThat(batch.size()).isEqualTo(1_000);
        assertThat(batch.hopCount()).contains(2, 3).containsOnly(2, 3);
    }
}
