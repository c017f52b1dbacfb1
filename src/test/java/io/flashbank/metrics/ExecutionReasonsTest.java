package io.flashbank.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.execute.Execution;
import org.junit.jupiter.api.Test;

/** The executor's reasons fall into a fixed set of label values, whatever their numbers and texts. */
class ExecutionReasonsTest {
    @Test
    void classifiesTheExecutorsReasonsIntoAFixedSet() {
        assertThat(ExecutionReasons.classify(Execution.Status.MINED, null)).isEqualTo("none");
        assertThat(ExecutionReasons.classify(Execution.Status.REVERTED, "UniswapV2: K")).isEqualTo("reverted");
        assertThat(ExecutionReasons.classify(Execution.Status.SKIPPED, "no longer pays: net -12 below the minimum 1 at block 7"))
                .isEqualTo("unprofitable");
        assertThat(ExecutionReasons.classify(Execution.Status.SKIPPED, "simulation: RouteStartMismatch()")).isEqualTo("simulation_reverted");
        assertThat(ExecutionReasons.classify(Execution.Status.TIMED_OUT, "no receipt within PT2M")).isEqualTo("no_receipt");
        assertThat(ExecutionReasons.classify(Execution.Status.SKIPPED, "something new")).isEqualTo("other");
    }
}
