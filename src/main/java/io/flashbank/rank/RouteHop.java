package io.flashbank.rank;

import io.flashbank.market.Addresses;

/**
 * One swap of an opportunity's route, as sent to executors and clients; addresses are lower-case 0x hex.
 *
 * @param chainId the chain of the pool
 * @param pool the pair contract swapped through
 * @param tokenIn the token paid in
 * @param tokenOut the token received
 */
public record RouteHop(long chainId, String pool, String tokenIn, String tokenOut) {
    public RouteHop {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        pool = Addresses.normalize(pool, "pool");
        tokenIn = Addresses.normalize(tokenIn, "tokenIn");
        tokenOut = Addresses.normalize(tokenOut, "tokenOut");
        if (tokenIn.equals(tokenOut)) {
            throw new IllegalArgumentException("tokenIn and tokenOut of a hop through " + pool + " must differ");
        }
    }
}
