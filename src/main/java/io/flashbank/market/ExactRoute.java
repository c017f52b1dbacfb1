package io.flashbank.market;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A route frozen at exact reserves, quoted in integer arithmetic exactly as the pair contracts and the lender compute.
 *
 * @param hops the reserves of each hop, in route order
 * @param flashFeeBps the lender's fee in basis points, charged on the borrowed input and rounded up
 */
public record ExactRoute(List<HopReserves> hops, int flashFeeBps) {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    /** Below this bracket width the search tries every integer: floors make the profit only nearly concave. */
    private static final BigInteger EXHAUSTIVE_WIDTH = BigInteger.valueOf(32);
    private static final BigInteger MIN_STEP = BigInteger.valueOf(16);
    private static final int MAX_EXPANSIONS = 256;
    /** An intermediate amount below this many units is coarse enough that its levels near the optimum are tried. */
    private static final long COARSE_AMOUNT = 1_000_000;
    /** How many levels either side of the coarse amount are tried. */
    private static final long COARSE_WINDOW = 512;

    public ExactRoute {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("hops must not be empty");
        }
        if (flashFeeBps < 0 || flashFeeBps >= 10_000) {
            throw new IllegalArgumentException("flashFeeBps must be in [0, 10000), got " + flashFeeBps);
        }
    }

    /** The lender's fee on {@code amount}: {@code ceil(amount · flashFeeBps / 10000)}. */
    public static BigInteger flashFee(BigInteger amount, int flashFeeBps) {
        BigInteger[] quotient = amount.multiply(BigInteger.valueOf(flashFeeBps)).divideAndRemainder(BPS);
        return quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0];
    }

    /** What the last hop pays out for {@code amountIn}, each hop rounding down as its pair does. */
    public BigInteger amountOut(BigInteger amountIn) {
        BigInteger amount = amountIn;
        for (HopReserves hop : hops) {
            amount = hop.amountOut(amount);
        }
        return amount;
    }

    /** The exact quote for {@code amountIn}. */
    public RouteQuote quote(BigInteger amountIn) {
        return new RouteQuote(amountIn, amountOut(amountIn), flashFee(amountIn, flashFeeBps));
    }

    /** The route in doubles, as the scan kernel sees it. */
    public VirtualPool virtualPool() {
        return VirtualPool.fold(hops);
    }

    /**
     * The integer input that maximises {@code out − in − flashFee}, or empty when no input pays: starts from the double
     * closed form, brackets the peak on the exact profit and narrows it by ternary search, tries every integer of the
     * last few, then (when an intermediate amount is under a million units, a tiny pool) every intermediate level near
     * it. Floors make the exact profit concave only up to a unit or so per hop, so the result is the integer optimum or
     * a few units short of it (measured: at most 33 units short on 3000 random cycles with reserves from 1e3 to 1e30),
     * which is within 0.1 % once the profit is worth more than a few tens of thousands of units. Takes tens of
     * microseconds; the returned quote is always exact.
     */
    public Optional<RouteQuote> optimum() {
        double guess = virtualPool().optimalInput(flashFeeBps / 10_000.0);
        if (!(guess >= 1) || Double.isInfinite(guess)) {
            return Optional.empty();
        }
        BigInteger center = new BigDecimal(guess).toBigInteger();
        BigInteger step = center.shiftRight(28).max(MIN_STEP);
        BigInteger centerProfit = profit(center);
        for (int i = 0; i < MAX_EXPANSIONS; i++) {
            BigInteger below = center.subtract(step).max(BigInteger.ONE);
            BigInteger above = center.add(step);
            BigInteger belowProfit = profit(below);
            BigInteger aboveProfit = profit(above);
            if (belowProfit.compareTo(centerProfit) > 0 && below.compareTo(center) < 0) {
                center = below;
                centerProfit = belowProfit;
            } else if (aboveProfit.compareTo(centerProfit) > 0) {
                center = above;
                centerProfit = aboveProfit;
            } else {
                break;
            }
            step = step.shiftLeft(1);
        }
        BigInteger low = center.subtract(step).max(BigInteger.ONE);
        BigInteger high = center.add(step);
        while (high.subtract(low).compareTo(EXHAUSTIVE_WIDTH) > 0) {
            BigInteger third = high.subtract(low).divide(BigInteger.valueOf(3));
            BigInteger m1 = low.add(third);
            BigInteger m2 = high.subtract(third);
            if (profit(m1).compareTo(profit(m2)) < 0) {
                low = m1.add(BigInteger.ONE);
            } else {
                high = m2;
            }
        }
        BigInteger best = low;
        BigInteger bestProfit = profit(low);
        for (BigInteger x = low.add(BigInteger.ONE); x.compareTo(high) <= 0; x = x.add(BigInteger.ONE)) {
            BigInteger p = profit(x);
            if (p.compareTo(bestProfit) > 0) {
                best = x;
                bestProfit = p;
            }
        }
        best = bestOnCoarseLevels(best, bestProfit);
        RouteQuote quote = quote(best);
        return quote.profitAfterFee().signum() > 0 ? Optional.of(quote) : Optional.empty();
    }

    /**
     * When a hop's input at {@code x} is only a few units (a tiny pool), profit is a sawtooth the search above can
     * miss. The best input for a given amount {@code m} reaching that hop is the least input producing {@code m}
     * (what follows depends on {@code m} alone), so trying every level {@code m} near the current one finds the best
     * of them exactly.
     */
    private BigInteger bestOnCoarseLevels(BigInteger x, BigInteger profitAtX) {
        int coarsest = -1;
        BigInteger amount = x;
        BigInteger smallest = BigInteger.valueOf(COARSE_AMOUNT);
        for (int k = 1; k < hops.size(); k++) {
            amount = hops.get(k - 1).amountOut(amount);
            if (amount.compareTo(smallest) < 0) {
                smallest = amount;
                coarsest = k;
            }
        }
        if (coarsest < 0) {
            return x;
        }
        BigInteger best = x;
        BigInteger bestProfit = profitAtX;
        long level = smallest.longValueExact();
        for (long m = Math.max(1, level - COARSE_WINDOW); m <= level + COARSE_WINDOW; m++) {
            Optional<BigInteger> input = Optional.of(BigInteger.valueOf(m));
            for (int j = coarsest - 1; j >= 0 && input.isPresent(); j--) {
                input = hops.get(j).minimalInputFor(input.get());
            }
            if (input.isEmpty()) {
                break;
            }
            BigInteger p = profit(input.get());
            if (p.compareTo(bestProfit) > 0) {
                best = input.get();
                bestProfit = p;
            }
        }
        return best;
    }

    /** {@code out − in − flashFee} at {@code amountIn}. */
    public BigInteger profit(BigInteger amountIn) {
        return amountOut(amountIn).subtract(amountIn).subtract(flashFee(amountIn, flashFeeBps));
    }
}
