package io.flashbank.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JMH microbenchmarks are generated into the build and measure what they say (not an early return). */
class MicrobenchmarksTest {
    @Test
    void theAnnotationProcessorListedEveryMicrobenchmark() throws IOException {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(list).as("META-INF/BenchmarkList on the class path").isNotNull();
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            // One line per benchmark method, naming the harness class JMH generated for it.
            assertThat(text).contains("ScanWindowMicrobenchmark_scanWindow_jmhTest", "ExactQuoteMicrobenchmark_optimumTwoHops_jmhTest",
                    "ExactQuoteMicrobenchmark_optimumThreeHops_jmhTest", "ExactQuoteMicrobenchmark_quoteThreeHops_jmhTest");
        }
    }

    @Test
    void theQuotedRoutesPaySoTheOptimumRunsItsWholeSearch() {
        ExactQuoteMicrobenchmark bench = new ExactQuoteMicrobenchmark();
        bench.buildRoutes();

        assertThat(bench.optimumTwoHops()).hasValueSatisfying(q -> assertThat(q.profitAfterFee()).isPositive());
        assertThat(bench.optimumThreeHops()).hasValueSatisfying(q -> assertThat(q.profitAfterFee()).isPositive());
        assertThat(bench.quoteThreeHops().amountIn()).isEqualTo(java.math.BigInteger.TEN.pow(18));
    }

    @Test
    void theWindowScanFindsProfitableRows() {
        ScanWindowMicrobenchmark bench = new ScanWindowMicrobenchmark();
        bench.candidates = 10_000;
        bench.buildBatch();

        assertThat(java.util.Arrays.stream(bench.scanWindow().profit()).filter(p -> p > 0).count()).isPositive();
    }
}
