package io.flashbank.market;

import java.util.Objects;

/**
 * A Uniswap V2-style constant-product pool on one chain; addresses are lower-case 0x hex.
 *
 * @param chainId the chain the pool lives on
 * @param address the pair contract
 * @param token0 the pair's token0 (the lower address)
 * @param token1 the pair's token1
 * @param factory the factory that created it (one factory is one venue)
 * @param feeBps the swap fee in basis points (30 for Uniswap V2: gamma = 997/1000)
 */
public record Pool(long chainId, String address, String token0, String token1, String factory, int feeBps) {
    public Pool {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        address = Addresses.normalize(address, "pool address");
        token0 = Addresses.normalize(token0, "token0");
        token1 = Addresses.normalize(token1, "token1");
        factory = Addresses.normalize(factory, "factory");
        if (token0.equals(token1)) {
            throw new IllegalArgumentException("pool " + address + " has the same token on both sides");
        }
        if (feeBps < 0 || feeBps >= 10_000) {
            throw new IllegalArgumentException("feeBps must be in [0, 10000), got " + feeBps);
        }
    }

    /** Whether the pool trades {@code token}. */
    public boolean has(String token) {
        return token0.equals(token) || token1.equals(token);
    }

    /** The other token of the pair. */
    public String other(String token) {
        if (token0.equals(token)) {
            return token1;
        }
        if (token1.equals(token)) {
            return token0;
        }
        throw new IllegalArgumentException("pool " + address + " does not trade " + token);
    }

    /** A key unique across chains. */
    public PoolKey key() {
        return new PoolKey(chainId, address);
    }

    /** Identifies a pool across chains. */
    public record PoolKey(long chainId, String address) {
        public PoolKey {
            Objects.requireNonNull(address, "address");
        }
    }
}
