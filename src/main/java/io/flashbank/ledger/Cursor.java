package io.flashbank.ledger;

/**
 * The last block an indexer wrote, with the hash it had then; a null hash marks the start sentinel (nothing indexed).
 *
 * @param blockNumber the block (startBlock − 1 for the sentinel, so −1 when indexing from genesis)
 * @param blockHash its hash, or null for the sentinel
 */
record Cursor(long blockNumber, String blockHash) {
    Cursor {
        if (blockNumber < -1) {
            throw new IllegalArgumentException("cursor block must be at least -1, got " + blockNumber);
        }
        if (blockHash != null) {
            blockHash = Amounts.requireHash(blockHash, "blockHash");
        }
    }

    boolean sentinel() {
        return blockHash == null;
    }
}
