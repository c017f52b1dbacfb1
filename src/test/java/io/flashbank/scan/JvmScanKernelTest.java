package io.flashbank.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.market.ExactRoute;
import io.flashbank.market.HopReserves;
import io.flashbank.market.MarketFixture;
import io.flashbank.market.VirtualPool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class JvmScanKernelTest {
    private static final int FLASH_FEE_BPS = 2;
    private static final double FLASH_FEE_RATE = FLASH_FEE_BPS / 10_000.0;

    private final ScanKernel kernel = ScanKernel.jvm();

    @Test
    void profitAndOutputAgreeWithExactQuotesAtTheKernelsInput() {
        SplittableRandom random = new SplittableRandom(21);
        List<ExactRoute> routes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            routes.add(MarketFixture.randomCycle(random, 2 + random.nextInt(2), 0.02, FLASH_FEE_BPS));
        }
        ScanBatch batch = batchOf(routes);

        kernel.scan(batch);

        int compared = 0;
        for (int row = 0; row < routes.size(); row++) {
            double amountIn = batch.amountIn()[row];
            double profit = batch.profit()[row];
            // Integer floors cost a few units per hop: compare only where amounts dwarf them.
            if (profit < 1e9) {
                continue;
            }
            compared++;
            ExactRoute route = routes.get(row);
            BigInteger input = new BigDecimal(amountIn).toBigInteger();
            double exactOut = route.amountOut(input).doubleValue();
            double doubleOut = amountIn + profit + FLASH_FEE_RATE * amountIn;
            assertThat(doubleOut).isCloseTo(exactOut, Offset.offset(1e-9 * exactOut));
            double exactProfit = route.profit(input).doubleValue();
            assertThat(profit).isCloseTo(exactProfit, Offset.offset(1e-9 * exactOut));
        }
        assertThat(compared).as("rows with a profit to compare").isGreaterThan(500);
    }

    @Test
    void profitIsTheReferenceClosedFormAndIsNeverBeatenByTheExactOptimum() {
        SplittableRandom random = new SplittableRandom(22);
        List<ExactRoute> routes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            routes.add(MarketFixture.randomCycle(random, 2 + random.nextInt(2), 0.02, FLASH_FEE_BPS));
        }
        ScanBatch batch = batchOf(routes);

        kernel.scan(batch);

        for (int row = 0; row < routes.size(); row++) {
            VirtualPool reference = routes.get(row).virtualPool();
            double profit = batch.profit()[row];
            // The edge sqrt(E_out) - sqrt((1+f)E_in) cancels: errors scale with sqrt(E_in·E_out), not the result.
            double scale = Math.sqrt(reference.reserveIn() * reference.reserveOut());
            assertThat(profit).isCloseTo(reference.maxProfit(FLASH_FEE_RATE), Offset.offset(1e-12 * (profit + 1)));
            assertThat(batch.amountIn()[row]).isCloseTo(reference.optimalInput(FLASH_FEE_RATE),
                    Offset.offset(1e-12 * (scale + 1)));
            BigInteger exact = routes.get(row).optimum().map(q -> q.profitAfterFee()).orElse(BigInteger.ZERO);
            assertThat(exact.doubleValue()).isLessThanOrEqualTo(profit * (1 + 1e-9) + 1);
        }
    }

    @Test
    void fairlyPricedRoutesReportNoProfit() {
        SplittableRandom random = new SplittableRandom(23);
        List<ExactRoute> routes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            routes.add(MarketFixture.randomCycle(random, 2 + random.nextInt(2), 0, FLASH_FEE_BPS));
        }
        ScanBatch batch = batchOf(routes);

        kernel.scan(batch);

        for (int row = 0; row < routes.size(); row++) {
            assertThat(batch.profit()[row]).isZero();
            assertThat(batch.amountIn()[row]).isZero();
        }
    }

    @Test
    void emptyOrNonFiniteReservesReportNoProfit() {
        ScanBatch batch = new ScanBatch(4, FLASH_FEE_RATE);
        row(batch, 0, 1e21, 2e21, 0, 1e21);
        row(batch, 1, 1e21, 2e21, 2e21, 0);
        row(batch, 2, 0, 2e21, 1e21, 1e21);
        row(batch, 3, Double.NaN, 2e21, 1e21, 1e21);

        kernel.scan(batch);

        for (int r = 0; r < 4; r++) {
            assertThat(batch.profit()[r]).isZero();
            assertThat(batch.amountIn()[r]).isZero();
        }
    }

    @Test
    void reservesOfOneE30KeepFiniteProfits() {
        ScanBatch batch = new ScanBatch(1, FLASH_FEE_RATE);
        int row = batch.add(0, 3);
        batch.setHop(row, 0, 1e30, 1e30, 0.997);
        batch.setHop(row, 1, 1e30, 1e30, 0.997);
        batch.setHop(row, 2, 1e30, 1.03e30, 0.997);

        kernel.scan(batch);

        assertThat(batch.profit()[0]).isPositive().isFinite();
        assertThat(batch.amountIn()[0]).isPositive().isFinite();
    }

    @Test
    void rowsPastTheBatchSizeAreLeftAlone() {
        ScanBatch batch = new ScanBatch(2, FLASH_FEE_RATE);
        row(batch, 0, 1e21, 1.1e21, 1e21, 1e21);
        batch.profit()[1] = -7;

        kernel.scan(batch);

        assertThat(batch.profit()[0]).isPositive();
        assertThat(batch.profit()[1]).isEqualTo(-7);
    }

    private static void row(ScanBatch batch, int candidate, double aIn, double aOut, double bIn, double bOut) {
        int row = batch.add(candidate, 2);
        batch.setHop(row, 0, aIn, aOut, 0.997);
        batch.setHop(row, 1, bIn, bOut, 0.997);
    }

    static ScanBatch batchOf(List<ExactRoute> routes) {
        ScanBatch batch = new ScanBatch(routes.size(), FLASH_FEE_RATE);
        for (int i = 0; i < routes.size(); i++) {
            List<HopReserves> hops = routes.get(i).hops();
            int row = batch.add(i, hops.size());
            for (int h = 0; h < hops.size(); h++) {
                HopReserves hop = hops.get(h);
                batch.setHop(row, h, hop.reserveIn().doubleValue(), hop.reserveOut().doubleValue(), hop.gamma());
            }
        }
        return batch;
    }
}
