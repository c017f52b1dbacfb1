package io.flashbank.market;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact quote of a route for one input: what comes out and what the flash loan of the input costs.
 *
 * @param amountIn the base token borrowed and swapped in
 * @param amountOut the base token the last hop pays out
 * @param flashFee the lender's fee on {@code amountIn}, rounded up
 */
public record RouteQuote(BigInteger amountIn, BigInteger amountOut, BigInteger flashFee) {
    public RouteQuote {
        Objects.requireNonNull(amountIn, "amountIn");
        Objects.requireNonNull(amountOut, "amountOut");
        Objects.requireNonNull(flashFee, "flashFee");
        if (amountIn.signum() < 0 || amountOut.signum() < 0 || flashFee.signum() < 0) {
            throw new IllegalArgumentException("amounts of a quote must not be negative");
        }
    }

    /** Output minus input, before the flash fee (the opportunity's expected profit). */
    public BigInteger grossProfit() {
        return amountOut.subtract(amountIn);
    }

    /** Output minus input minus the flash fee: what the optimum maximises. */
    public BigInteger profitAfterFee() {
        return grossProfit().subtract(flashFee);
    }
}
