package io.flashbank.market;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The exact reserves one hop swaps against, oriented in → out, with the pool's fee.
 *
 * @param reserveIn reserve of the token paid in
 * @param reserveOut reserve of the token received
 * @param feeBps the pool's swap fee in basis points (30: gamma = 997/1000)
 */
public record HopReserves(BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    public HopReserves {
        Objects.requireNonNull(reserveIn, "reserveIn");
        Objects.requireNonNull(reserveOut, "reserveOut");
        if (reserveIn.signum() < 0 || reserveOut.signum() < 0) {
            throw new IllegalArgumentException("reserves must not be negative");
        }
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new IllegalArgumentException("feeBps must be in [0, 10000), got " + feeBps);
        }
    }

    /** The reserves {@code hop} swaps against in {@code state}. */
    public static HopReserves of(PoolState state, Hop hop) {
        return new HopReserves(state.reserveOf(hop.tokenIn()), state.reserveOf(hop.tokenOut()), state.pool().feeBps());
    }

    /**
     * {@code UniswapV2Library.getAmountOut} with the fee in basis points: zero for a non-positive input or an empty
     * pool (where the pair would revert).
     */
    public static BigInteger getAmountOut(BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, int feeBps) {
        if (amountIn.signum() <= 0 || reserveIn.signum() <= 0 || reserveOut.signum() <= 0) {
            return BigInteger.ZERO;
        }
        BigInteger amountInWithFee = amountIn.multiply(BigInteger.valueOf(10_000L - feeBps));
        BigInteger numerator = amountInWithFee.multiply(reserveOut);
        BigInteger denominator = reserveIn.multiply(BPS).add(amountInWithFee);
        return numerator.divide(denominator);
    }

    /** What the pair pays out for {@code amountIn}, exactly as the contract computes it. */
    public BigInteger amountOut(BigInteger amountIn) {
        return getAmountOut(amountIn, reserveIn, reserveOut, feeBps);
    }

    /**
     * The least input for which the pair pays out at least {@code amountOut} (exact, unlike
     * {@code UniswapV2Library.getAmountIn}, which may ask one unit more), or empty when the pool cannot pay that much.
     */
    public Optional<BigInteger> minimalInputFor(BigInteger amountOut) {
        if (amountOut.signum() <= 0) {
            return Optional.of(BigInteger.ZERO);
        }
        if (amountOut.compareTo(reserveOut) >= 0 || reserveIn.signum() <= 0) {
            return Optional.empty();
        }
        BigInteger numerator = amountOut.multiply(reserveIn).multiply(BPS);
        BigInteger denominator = BigInteger.valueOf(10_000L - feeBps).multiply(reserveOut.subtract(amountOut));
        BigInteger[] quotient = numerator.divideAndRemainder(denominator);
        return Optional.of(quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0]);
    }

    /** The fraction of the input that reaches the curve: {@code (10000 - feeBps) / 10000}. */
    public double gamma() {
        return (10_000 - feeBps) / 10_000.0;
    }
}
