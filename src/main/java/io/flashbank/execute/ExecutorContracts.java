package io.flashbank.execute;

import io.flashbank.config.ChainConfig;
import io.flashbank.market.Addresses;

/**
 * The contracts one chain's executor drives, with lower-case 0x addresses.
 *
 * @param chainId the chain they live on (signed into every transaction)
 * @param flashBank the FlashBank lender
 * @param executor the ArbitrageExecutor owned by the searcher
 * @param poolQuery the PoolQuery helper that reads many reserves in one call
 * @param wrappedNative the chain's WETH: gas is converted 1:1 into a base token only when it is this one
 */
public record ExecutorContracts(long chainId, String flashBank, String executor, String poolQuery, String wrappedNative) {
    public ExecutorContracts {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        flashBank = Addresses.normalize(flashBank, "flashBank");
        executor = Addresses.normalize(executor, "executor");
        poolQuery = Addresses.normalize(poolQuery, "poolQuery");
        wrappedNative = Addresses.normalize(wrappedNative, "wrappedNative");
    }

    /** The contracts named by one chain's configuration. */
    public static ExecutorContracts of(ChainConfig chain) {
        return new ExecutorContracts(chain.chainId(), chain.flashBank(), chain.executor(), chain.poolQuery(), chain.wrappedNative());
    }
}
