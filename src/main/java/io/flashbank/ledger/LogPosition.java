package io.flashbank.ledger;

/**
 * Where an event sits on its chain: the ledger's idempotency key (chain, transaction, log index) and its block.
 *
 * @param chainId the chain
 * @param txHash the transaction (lower-case hex)
 * @param logIndex the log's index in its block
 * @param blockNumber the block
 * @param blockHash the block's hash (lower-case hex)
 */
record LogPosition(long chainId, String txHash, long logIndex, long blockNumber, String blockHash) {
    LogPosition {
        if (chainId <= 0 || logIndex < 0 || blockNumber < 0) {
            throw new IllegalArgumentException("chainId must be positive, logIndex and blockNumber not negative");
        }
        txHash = Amounts.requireHash(txHash, "txHash");
        blockHash = Amounts.requireHash(blockHash, "blockHash");
    }
}
