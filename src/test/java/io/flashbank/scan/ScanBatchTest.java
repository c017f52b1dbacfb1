package io.flashbank.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScanBatchTest {
    @Test
    void clearingKeepsTheSameArrays() {
        ScanBatch batch = new ScanBatch(8, 0.0002);
        double[] reserveIn = batch.reserveIn();
        int[] hopCount = batch.hopCount();
        batch.add(3, 2);

        batch.clear();
        batch.ensureCapacity(8);

        assertThat(batch.size()).isZero();
        assertThat(batch.reserveIn()).isSameAs(reserveIn);
        assertThat(batch.hopCount()).isSameAs(hopCount);
    }

    @Test
    void growingKeepsTheRowsFilledSoFar() {
        ScanBatch batch = new ScanBatch(1, 0.0002);
        int row = batch.add(7, 3);
        batch.setHop(row, 2, 5, 6, 0.997);

        batch.ensureCapacity(100);

        assertThat(batch.capacity()).isGreaterThanOrEqualTo(100);
        assertThat(batch.candidate()[0]).isEqualTo(7);
        assertThat(batch.hopCount()[0]).isEqualTo(3);
        assertThat(batch.reserveIn()[2]).isEqualTo(5);
        assertThat(batch.reserveOut()[2]).isEqualTo(6);
        assertThat(batch.reserveIn()).hasSize(batch.capacity() * ScanBatch.MAX_HOPS);
    }

    @Test
    void growsByAtLeastHalfSoRepeatedGrowthIsAmortised() {
        ScanBatch batch = new ScanBatch(100, 0.0002);

        batch.ensureCapacity(101);

        assertThat(batch.capacity()).isEqualTo(150);
    }

    @Test
    void refusesARowWhenFull() {
        ScanBatch batch = new ScanBatch(1, 0.0002);
        batch.add(0, 2);

        assertThatThrownBy(() -> batch.add(1, 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
    }

    @Test
    void refusesMoreThanThreeHops() {
        ScanBatch batch = new ScanBatch(1, 0.0002);

        assertThatThrownBy(() -> batch.add(0, 4)).hasMessageContaining("hops");
    }

    @Test
    void refusesAFlashFeeRateOutsideZeroToOne() {
        assertThatThrownBy(() -> new ScanBatch(1, 1.0)).hasMessageContaining("flashFeeRate");
        assertThatThrownBy(() -> new ScanBatch(1, Double.NaN)).hasMessageContaining("flashFeeRate");
    }
}
