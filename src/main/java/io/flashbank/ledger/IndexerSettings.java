package io.flashbank.ledger;

import io.flashbank.market.Addresses;
import java.time.Duration;

/**
 * How one chain is indexed.
 *
 * @param chainId the chain (checked against the node's {@code eth_chainId} before the first batch)
 * @param flashBank the FlashBank contract whose events build the ledger
 * @param executor the ArbitrageExecutor whose {@code Executed} events are recorded
 * @param confirmations blocks a block must have on top of it before it is indexed (0: index the head itself)
 * @param startBlock the first block to index when the chain has no cursor yet (FlashBank's deployment block)
 * @param maxBlocksPerBatch the widest {@code eth_getLogs} range, and so the most blocks per transaction
 * @param pollInterval the retry tick after a failure (also the shortest retry delay); heads come from the canonical stream
 * @param maxBackoff the longest delay between retries of a failing step
 */
public record IndexerSettings(long chainId, String flashBank, String executor, int confirmations, long startBlock,
                              int maxBlocksPerBatch, Duration pollInterval, Duration maxBackoff) {
    public static final int DEFAULT_CONFIRMATIONS = 2;
    public static final int DEFAULT_MAX_BLOCKS_PER_BATCH = 1_000;

    public IndexerSettings {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        flashBank = Addresses.normalize(flashBank, "flashBank");
        executor = Addresses.normalize(executor, "executor");
        if (confirmations < 0 || confirmations > 1_000) {
            throw new IllegalArgumentException("confirmations must be 0 to 1000, got " + confirmations);
        }
        if (startBlock < 0) {
            throw new IllegalArgumentException("startBlock must not be negative, got " + startBlock);
        }
        if (maxBlocksPerBatch < 1 || maxBlocksPerBatch > 100_000) {
            throw new IllegalArgumentException("maxBlocksPerBatch must be 1 to 100000, got " + maxBlocksPerBatch);
        }
        requirePositive(pollInterval, "pollInterval");
        requirePositive(maxBackoff, "maxBackoff");
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, got " + d);
        }
    }

    /** Two confirmations, from block 0, batches of up to 1000 blocks, polled every second, backoff up to 30 s. */
    public static IndexerSettings defaults(long chainId, String flashBank, String executor) {
        return new IndexerSettings(chainId, flashBank, executor, DEFAULT_CONFIRMATIONS, 0, DEFAULT_MAX_BLOCKS_PER_BATCH,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public IndexerSettings withConfirmations(int blocks) {
        return new IndexerSettings(chainId, flashBank, executor, blocks, startBlock, maxBlocksPerBatch, pollInterval, maxBackoff);
    }

    public IndexerSettings withStartBlock(long block) {
        return new IndexerSettings(chainId, flashBank, executor, confirmations, block, maxBlocksPerBatch, pollInterval, maxBackoff);
    }

    public IndexerSettings withMaxBlocksPerBatch(int blocks) {
        return new IndexerSettings(chainId, flashBank, executor, confirmations, startBlock, blocks, pollInterval, maxBackoff);
    }

    public IndexerSettings withPollInterval(Duration interval) {
        return new IndexerSettings(chainId, flashBank, executor, confirmations, startBlock, maxBlocksPerBatch, interval, maxBackoff);
    }

    public IndexerSettings withMaxBackoff(Duration limit) {
        return new IndexerSettings(chainId, flashBank, executor, confirmations, startBlock, maxBlocksPerBatch, pollInterval, limit);
    }
}
