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
     * closed form, brackets the peak on the exact profit and narrows it by ternary search, then tries every integer
     * of the last few. Floors make the exact profit concave only up to a few units, so the result is the integer
     * optimum or within a few units of it.
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
        return bestProfit.signum() > 0 ? Optional.of(quote(best)) : Optional.empty();
    }

    /** {@code out − in − flashFee} at {@code amountIn}. */
    public BigInteger profit(BigInteger amountIn) {
        return amountOut(amountIn).subtract(amountIn).subtract(flashFee(amountIn, flashFeeBps));
    }
}
