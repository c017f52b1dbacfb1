package io.flashbank.config;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One chain the engine follows.
 *
 * @param name a short display name
 * @param chainId the EVM chain id (checked against the node at connect)
 * @param rpc the node's WebSocket URL
 * @param factories where pools are discovered
 * @param tokens when not empty, only pairs of two of these tokens are tracked
 * @param baseTokens tokens cycles start and end in (what flash loans borrow)
 * @param wrappedNative the chain's wrapped native token (WETH), used to price gas
 * @param flashBank the FlashBank lender
 * @param executor the ArbitrageExecutor
 * @param poolQuery the PoolQuery helper
 * @param priorityFeeWei the tip added to the base fee when pricing gas
 * @param staleAfter how old the latest head may get before {@code /health} calls the chain stale (and degraded)
 * @param lendingPool the FlashSwap lending pool, or null where none is deployed; the API relays transactions to it
 */
public record ChainConfig(String name, long chainId, URI rpc, List<FactoryConfig> factories, List<String> tokens,
                          List<String> baseTokens, String wrappedNative, String flashBank, String executor,
                          String poolQuery, BigInteger priorityFeeWei, Duration staleAfter, String lendingPool) {
    /** The head age past which a chain is stale unless configured otherwise: five 12-second slots. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);

    public ChainConfig {
        factories = List.copyOf(factories);
        tokens = List.copyOf(tokens);
        baseTokens = List.copyOf(baseTokens);
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
    }

    /** A chain without a lending pool. */
    public ChainConfig(String name, long chainId, URI rpc, List<FactoryConfig> factories, List<String> tokens,
                       List<String> baseTokens, String wrappedNative, String flashBank, String executor, String poolQuery,
                       BigInteger priorityFeeWei, Duration staleAfter) {
        this(name, chainId, rpc, factories, tokens, baseTokens, wrappedNative, flashBank, executor, poolQuery, priorityFeeWei,
                staleAfter, null);
    }

    /** A chain that is stale after {@link #DEFAULT_STALE_AFTER}. */
    public ChainConfig(String name, long chainId, URI rpc, List<FactoryConfig> factories, List<String> tokens,
                       List<String> baseTokens, String wrappedNative, String flashBank, String executor, String poolQuery,
                       BigInteger priorityFeeWei) {
        this(name, chainId, rpc, factories, tokens, baseTokens, wrappedNative, flashBank, executor, poolQuery, priorityFeeWei,
                DEFAULT_STALE_AFTER);
    }

    /** This chain, stale after {@code bound}. */
    public ChainConfig withStaleAfter(Duration bound) {
        return new ChainConfig(name, chainId, rpc, factories, tokens, baseTokens, wrappedNative, flashBank, executor, poolQuery,
                priorityFeeWei, bound, lendingPool);
    }

    /** This chain with the lending pool at {@code pool} (null for none). */
    public ChainConfig withLendingPool(String pool) {
        return new ChainConfig(name, chainId, rpc, factories, tokens, baseTokens, wrappedNative, flashBank, executor, poolQuery,
                priorityFeeWei, staleAfter, pool);
    }
}
