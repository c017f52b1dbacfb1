package io.flashbank.config;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;

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
 */
public record ChainConfig(String name, long chainId, URI rpc, List<FactoryConfig> factories, List<String> tokens,
                          List<String> baseTokens, String wrappedNative, String flashBank, String executor,
                          String poolQuery, BigInteger priorityFeeWei) {
    public ChainConfig {
        factories = List.copyOf(factories);
        tokens = List.copyOf(tokens);
        baseTokens = List.copyOf(baseTokens);
    }
}
