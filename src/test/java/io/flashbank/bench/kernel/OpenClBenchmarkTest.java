package io.flashbank.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.OpenClScanKernelTest;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class OpenClBenchmarkTest {
    @Test
    void reportsOnlyTheJvmKernelWhenTheChoiceIsTheJvm() {
        List<OpenClBenchmark.Result> results = OpenClBenchmark.compare(KernelChoice.choose("jvm"), List.of(20_000), 3);

        assertThat(results).hasSize(1);
        OpenClBenchmark.Result jvm = results.get(0);
        assertThat(jvm.kernel()).isEqualTo("jvm");
        assertThat(jvm.candidates()).isEqualTo(20_000);
        assertThat(jvm.repetitions()).isEqualTo(3);
        assertThat(jvm.candidatesPerSecond()).isCloseTo(20_000 * 1e9 / jvm.medianNanosPerScan(),
                Percentage.withPercentage(1e-6));
        assertThat(jvm.medianTransferNanos()).isZero();
        assertThat(jvm.medianComputeNanos()).isPositive();
        assertThat(jvm.profitable()).isBetween(1, 19_999);
        assertThat(jvm.line()).startsWith("jvm").contains("20,000 candidates").contains("one thread");
    }

    @Test
    void reportsBothKernelsOnEachSizeWithTheOpenClTimeSplit() {
        KernelChoice choice = OpenClScanKernelTest.openClOrSkip();

        List<OpenClBenchmark.Result> results = OpenClBenchmark.compare(choice, List.of(10_000, 30_000), 3);

        assertThat(results).extracting(OpenClBenchmark.Result::kernel).containsExactly("jvm", "opencl", "jvm", "opencl");
        assertThat(results).extracting(OpenClBenchmark.Result::candidates).containsExactly(10_000, 10_000, 30_000,
                30_000);
        for (int size = 0; size < 2; size++) {
            OpenClBenchmark.Result jvm = results.get(2 * size);
            OpenClBenchmark.Result openCl = results.get(2 * size + 1);
            assertThat(openCl.profitable()).as("same batch, same answers").isEqualTo(jvm.profitable());
            assertThat(openCl.device()).isEqualTo(choice.device());
            assertThat(openCl.medianComputeNanos()).isPositive();
            assertThat(openCl.medianTransferNanos()).isNotNegative();
            assertThat(openCl.medianNanosPerScan()).isGreaterThanOrEqualTo(openCl.medianComputeNanos());
            assertThat(openCl.line()).startsWith("opencl").contains("transfer ").contains(" + compute ");
        }
    }

    @Test
    void refusesNoSizesOrNoRepetitions() {
        KernelChoice jvm = KernelChoice.choose("jvm");

        assertThatThrownBy(() -> OpenClBenchmark.compare(jvm, List.of(), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenClBenchmark.compare(jvm, List.of(10), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
