package io.flashbank.market;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The reserves of one pool as of a block: the exact integers the pair contract stores.
 *
 * @param pool the pool
 * @param reserve0 reserve of token0 in its smallest unit
 * @param reserve1 reserve of token1 in its smallest unit
 * @param blockNumber the block whose end state these reserves are
 */
public record PoolState(Pool pool, BigInteger reserve0, BigInteger reserve1, long blockNumber) {
    /** Uniswap V2 stores reserves as uint112. */
    public static final BigInteger MAX_RESERVE = BigInteger.TWO.pow(112).subtract(BigInteger.ONE);

    public PoolState {
        Objects.requireNonNull(pool, "pool");
        checkReserve(reserve0, "reserve0");
        checkReserve(reserve1, "reserve1");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber must not be negative, got " + blockNumber);
        }
    }

    private static void checkReserve(BigInteger reserve, String field) {
        if (reserve == null || reserve.signum() < 0 || reserve.compareTo(MAX_RESERVE) > 0) {
            throw new IllegalArgumentException(field + " must be a uint112, got " + reserve);
        }
    }

    /** The reserve of {@code token} in this pool. */
    public BigInteger reserveOf(String token) {
        if (pool.token0().equals(token)) {
            return reserve0;
        }
        if (pool.token1().equals(token)) {
            return reserve1;
        }
        throw new IllegalArgumentException("pool " + pool.address() + " does not trade " + token);
    }
}
