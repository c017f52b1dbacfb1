package io.flashbank.market;

import static io.flashbank.market.MarketFixture.ether;
import static io.flashbank.market.MarketFixture.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactRouteTest {
    private static final int FLASH_FEE_BPS = 2;

    @Test
    void getAmountOutIsUniswapV2GetAmountOutForThirtyBps() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            BigInteger in = big(random, 1, 24);
            BigInteger reserveIn = big(random, 3, 30);
            BigInteger reserveOut = big(random, 3, 30);
            BigInteger inWithFee = in.multiply(BigInteger.valueOf(997));
            BigInteger expected = inWithFee.multiply(reserveOut)
                    .divide(reserveIn.multiply(BigInteger.valueOf(1000)).add(inWithFee));
            assertThat(HopReserves.getAmountOut(in, reserveIn, reserveOut, 30)).isEqualTo(expected);
        }
    }

    @Test
    void getAmountOutPaysNothingFromAnEmptyPoolOrForNothing() {
        assertThat(HopReserves.getAmountOut(ether(1), BigInteger.ZERO, ether(5), 30)).isZero();
        assertThat(HopReserves.getAmountOut(ether(1), ether(5), BigInteger.ZERO, 30)).isZero();
        assertThat(HopReserves.getAmountOut(BigInteger.ZERO, ether(5), ether(5), 30)).isZero();
    }

    @Test
    void flashFeeRoundsUp() {
        assertThat(ExactRoute.flashFee(BigInteger.valueOf(10_000), 2)).isEqualTo(2);
        assertThat(ExactRoute.flashFee(BigInteger.valueOf(10_001), 2)).isEqualTo(3);
        assertThat(ExactRoute.flashFee(BigInteger.ONE, 2)).isEqualTo(1);
        assertThat(ExactRoute.flashFee(BigInteger.ZERO, 2)).isZero();
    }

    @Test
    void optimumOfTwoHopCyclesIsWithinATenthOfAPercentOfBruteForce() {
        assertOptimumMatchesBruteForce(2, 11);
    }

    @Test
    void optimumOfThreeHopCyclesIsWithinATenthOfAPercentOfBruteForce() {
        assertOptimumMatchesBruteForce(3, 12);
    }

    private static void assertOptimumMatchesBruteForce(int hops, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int profitable = 0;
        for (int i = 0; i < 60; i++) {
            ExactRoute route = MarketFixture.randomCycle(random, hops, 0.03, FLASH_FEE_BPS);
            BigInteger brute = bruteForceBestProfit(route);
            Optional<RouteQuote> optimum = route.optimum();
            if (brute.signum() <= 0) {
                assertThat(optimum).isEmpty();
                continue;
            }
            profitable++;
            assertThat(optimum).isPresent();
            BigInteger found = optimum.get().profitAfterFee();
            assertThat(found).isEqualTo(route.profit(optimum.get().amountIn()));
            assertThat(new BigDecimal(found)).isGreaterThanOrEqualTo(new BigDecimal(brute).multiply(new BigDecimal("0.999")));
        }
        assertThat(profitable).as("profitable random cycles").isGreaterThan(15);
    }

    @Test
    void fairlyPricedCyclesHaveNoOptimum() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            ExactRoute route = MarketFixture.randomCycle(random, 2 + random.nextInt(2), 0, FLASH_FEE_BPS);
            assertThat(route.optimum()).isEmpty();
            assertThat(route.virtualPool().maxProfit(FLASH_FEE_BPS / 10_000.0)).isZero();
        }
    }

    @Test
    void aCycleThroughAnEmptyPoolHasNoOptimum() {
        assertThat(route(FLASH_FEE_BPS, ether(100), ether(200), BigInteger.ZERO, ether(100)).optimum()).isEmpty();
        assertThat(route(FLASH_FEE_BPS, ether(100), ether(200), ether(100), BigInteger.ZERO).optimum()).isEmpty();
    }

    @Test
    void tinyPoolsGiveTheExhaustiveIntegerOptimumOrNothing() {
        SplittableRandom random = new SplittableRandom(4);
        int profitable = 0;
        for (int i = 0; i < 100; i++) {
            long a = 100 + random.nextInt(2_000);
            long b = 100 + random.nextInt(2_000);
            ExactRoute route = route(FLASH_FEE_BPS, BigInteger.valueOf(a), BigInteger.valueOf(b),
                    BigInteger.valueOf(b), BigInteger.valueOf(a * (100 + random.nextInt(30)) / 100));
            // Past the last pool's reserve nothing more comes out, so this bound is exhaustive.
            BigInteger best = BigInteger.ZERO;
            for (long x = 1; x <= 3_000; x++) {
                best = best.max(route.profit(BigInteger.valueOf(x)));
            }
            Optional<RouteQuote> optimum = route.optimum();
            BigInteger found = optimum.map(RouteQuote::profitAfterFee).orElse(BigInteger.ZERO);
            profitable += best.signum() > 0 ? 1 : 0;
            assertThat(found).as("route %s", route).isLessThanOrEqualTo(best);
            assertThat(found.add(BigInteger.valueOf(3))).as("route %s", route).isGreaterThanOrEqualTo(best);
        }
        assertThat(profitable).as("profitable tiny cycles").isGreaterThan(10);
    }

    @Test
    void aTinyPoolInsideTheRouteStillGetsTheIntegerOptimum() {
        // The second pool holds 49 units: profit is a sawtooth in the input, far from the closed form.
        ExactRoute route = new ExactRoute(List.of(
                new HopReserves(new BigInteger("14773478443634739200"), new BigInteger("5067629178957918"), 25),
                new HopReserves(BigInteger.valueOf(49), BigInteger.valueOf(155_267), 25)), FLASH_FEE_BPS);
        BigInteger best = BigInteger.ZERO;
        for (long x = 1; x <= 160_000; x++) {
            best = best.max(route.profit(BigInteger.valueOf(x)));
        }

        assertThat(route.optimum()).get().extracting(RouteQuote::profitAfterFee).isEqualTo(best);
    }

    @Test
    void minimalInputIsTheLeastInputThatPaysTheOutput() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            HopReserves hop = new HopReserves(big(random, 2, 24), big(random, 2, 24), random.nextBoolean() ? 30 : 25);
            BigInteger wanted = hop.amountOut(big(random, 0, 22));
            if (wanted.signum() == 0) {
                continue;
            }
            BigInteger input = hop.minimalInputFor(wanted).orElseThrow();
            assertThat(hop.amountOut(input)).isGreaterThanOrEqualTo(wanted);
            assertThat(hop.amountOut(input.subtract(BigInteger.ONE))).isLessThan(wanted);
        }
        assertThat(new HopReserves(ether(1), ether(1), 30).minimalInputFor(ether(1))).isEmpty();
    }

    @Test
    void reservesOfOneE30DoNotOverflowTheClosedForm() {
        BigInteger big = BigInteger.TEN.pow(30);
        ExactRoute route = route(FLASH_FEE_BPS, big, big, big, big.multiply(BigInteger.valueOf(102)).divide(BigInteger.valueOf(100)));
        Optional<RouteQuote> optimum = route.optimum();
        assertThat(optimum).isPresent();
        assertThat(new BigDecimal(optimum.get().profitAfterFee()))
                .isGreaterThanOrEqualTo(new BigDecimal(bruteForceBestProfit(route)).multiply(new BigDecimal("0.999")));
    }

    @Test
    void theFoldMatchesTheDesignFormWhenFeesAreEqual() {
        double gamma = 0.997;
        double f = 0.0002;
        double aIn = 1e21;
        double aOut = 2.1e24;
        double bIn = 2e24;
        double bOut = 1.01e21;
        double eIn = aIn * bIn / (bIn + gamma * aOut);
        double eOut = gamma * aOut * bOut / (bIn + gamma * aOut);
        double designInput = (Math.sqrt(gamma * eIn * eOut / (1 + f)) - eIn) / gamma;
        VirtualPool pool = VirtualPool.fold(List.of(
                new HopReserves(new BigDecimal(aIn).toBigInteger(), new BigDecimal(aOut).toBigInteger(), 30),
                new HopReserves(new BigDecimal(bIn).toBigInteger(), new BigDecimal(bOut).toBigInteger(), 30)));
        assertThat(designInput).isPositive();
        assertThat(pool.optimalInput(f)).isCloseTo(designInput, org.assertj.core.data.Percentage.withPercentage(1e-7));
    }

    @Test
    void rejectsAFlashFeeOutOfRange() {
        assertThatThrownBy(() -> route(10_000, ether(1), ether(1), ether(1), ether(1)))
                .hasMessageContaining("flashFeeBps");
    }

    /** The best profit on a 4000-point grid up to the first reserve, then a pattern search with halving steps. */
    static BigInteger bruteForceBestProfit(ExactRoute route) {
        BigInteger limit = route.hops().get(0).reserveIn().max(BigInteger.valueOf(4_000));
        BigInteger spacing = limit.divide(BigInteger.valueOf(4_000));
        BigInteger best = BigInteger.ONE;
        BigInteger bestProfit = route.profit(best);
        for (int i = 1; i <= 4_000; i++) {
            BigInteger x = spacing.multiply(BigInteger.valueOf(i));
            BigInteger p = route.profit(x);
            if (p.compareTo(bestProfit) > 0) {
                best = x;
                bestProfit = p;
            }
        }
        for (BigInteger step = spacing; step.signum() > 0; step = step.shiftRight(1)) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (BigInteger next : List.of(best.add(step), best.subtract(step))) {
                    if (next.signum() > 0) {
                        BigInteger p = route.profit(next);
                        if (p.compareTo(bestProfit) > 0) {
                            best = next;
                            bestProfit = p;
                            moved = true;
                        }
                    }
                }
            }
        }
        return bestProfit.max(BigInteger.ZERO);
    }

    private static BigInteger big(SplittableRandom random, int minDigits, int maxDigits) {
        return new BigDecimal(Math.pow(10, random.nextDouble(minDigits, maxDigits))).toBigInteger().max(BigInteger.ONE);
    }
}
