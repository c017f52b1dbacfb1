package io.flashbank.ledger;

/** What an indexer reports for monitoring: batches written, rollbacks after reorgs, malformed logs and failures. */
public sealed interface LedgerSignal {
    long chainId();

    /**
     * One batch committed: blocks {@code fromBlock..toBlock} are in the ledger and the cursor is at {@code toBlock}.
     *
     * @param rows rows inserted in all event tables (0 for a batch of blocks without events, or a replay)
     * @param loans FlashLoan rows inserted
     * @param feeShares fee-share rows inserted
     * @param millis time from the first RPC call of the batch to the commit
     */
    record BatchWritten(long chainId, long fromBlock, long toBlock, int rows, int loans, int feeShares, long millis)
            implements LedgerSignal {
    }

    /**
     * Blocks after {@code ancestor} up to {@code orphanedTo} were replaced on chain; their rows were deleted and the
     * cursor moved back to {@code ancestor}, from where they are indexed again.
     */
    record RolledBack(long chainId, long ancestor, long orphanedTo, int rowsDeleted) implements LedgerSignal {
    }

    /** A log from FlashBank or the executor could not be decoded; it was skipped and nothing of it was written. */
    record MalformedLog(long chainId, long blockNumber, String txHash, long logIndex, String reason) implements LedgerSignal {
    }

    /**
     * A step failed (chain or database unreachable, a timeout, a bad RPC answer); nothing was written and the cursor
     * did not move. The same blocks are tried again after {@code retryInMillis}.
     *
     * @param attempt consecutive failures so far, 1 for the first
     */
    record Failed(long chainId, String stage, String message, int attempt, long retryInMillis) implements LedgerSignal {
    }
}
