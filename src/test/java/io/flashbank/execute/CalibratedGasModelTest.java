package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.rank.GasModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CalibratedGasModelTest {
    @Test
    void startsFromThePriorAndLetsTheFirstReceiptOfAShapeReplaceIt() {
        CalibratedGasModel model = CalibratedGasModel.create();
        assertThat(model.gasUnits(2)).isEqualTo(GasModel.DEFAULT_TWO_HOP_UNITS);
        assertThat(model.gasUnits(3)).isEqualTo(GasModel.DEFAULT_THREE_HOP_UNITS);
        model.observe(2, 150_000);
        assertThat(model.gasUnits(2)).isEqualTo(150_000);
        assertThat(model.gasUnits(1)).as("a one-swap leg is priced as two swaps").isEqualTo(150_000);
        assertThat(model.gasUnits(3)).as("other shapes keep their prior").isEqualTo(GasModel.DEFAULT_THREE_HOP_UNITS);
    }

    @Test
    void laterReceiptsMoveTheEstimateByTheirWeight() {
        CalibratedGasModel model = CalibratedGasModel.startingFrom(GasModel.fixed(100_000, 200_000), 0.25);
        model.observe(3, 200_000);
        model.observe(3, 100_000);
        assertThat(model.gasUnits(3)).isEqualTo(175_000);
        model.observe(3, 0);
        assertThat(model.observations(3)).isEqualTo(2);
    }

    @Test
    void concurrentReceiptsAreAllCountedAndStayWithinTheirRange() throws Exception {
        CalibratedGasModel model = CalibratedGasModel.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int base = 140_000 + t * 1_000;
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    model.observe(2, base + i % 7);
                    model.gasUnits(2);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(model.observations(2)).isEqualTo(40_000);
        assertThat(model.gasUnits(2)).isBetween(140_000L, 143_007L);
    }

    @Test
    void rejectsAWeightOutsideZeroToOne() {
        assertThatThrownBy(() -> CalibratedGasModel.startingFrom(GasModel.defaults(), 0)).hasMessageContaining("weight");
        assertThatThrownBy(() -> CalibratedGasModel.startingFrom(GasModel.defaults(), 1.5)).hasMessageContaining("weight");
    }
}
