package io.flashbank.market;

import java.util.Objects;

/**
 * One swap of a route: {@code tokenIn} in, {@code tokenOut} out, through {@code pool}.
 *
 * @param pool the pool swapped through
 * @param tokenIn the token paid in
 * @param tokenOut the token received
 */
public record Hop(Pool pool, String tokenIn, String tokenOut) {
    public Hop {
        Objects.requireNonNull(pool, "pool");
        if (tokenIn == null || tokenOut == null || tokenIn.equals(tokenOut)
                || !pool.has(tokenIn) || !pool.has(tokenOut)) {
            throw new IllegalArgumentException(
                    "hop " + tokenIn + " -> " + tokenOut + " is not a swap of pool " + pool.address());
        }
    }

    /** Whether the hop pays token0 in (and so receives token1). */
    public boolean zeroForOne() {
        return tokenIn.equals(pool.token0());
    }
}
