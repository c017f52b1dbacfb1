package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test receipts: a JSON receipt holding only logs (address, topics, data) completed to what a node answers, parsed. */
public final class Receipts {
    private static final String HASH = "0x" + "ab".repeat(32);

    private Receipts() {
    }

    /** {@code receipt}'s logs, each given block, hashes and an index, in a successful receipt of block 1. */
    public static TransactionReceipt of(JsonNode receipt) {
        ObjectNode full = receipt.deepCopy();
        full.put("transactionHash", HASH).put("blockNumber", "0x1").put("blockHash", HASH).put("status", "0x1")
                .put("gasUsed", "0x5208");
        int index = 0;
        for (JsonNode log : full.withArray("logs")) {
            ((ObjectNode) log).put("blockNumber", "0x1").put("blockHash", HASH).put("transactionHash", HASH)
                    .put("logIndex", "0x" + Integer.toHexString(index++));
        }
        return TransactionReceipt.parse(full);
    }
}
