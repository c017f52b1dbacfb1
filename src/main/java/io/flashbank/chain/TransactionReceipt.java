package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A mined transaction's receipt, validated once where it entered: where it was mined, whether it succeeded, the gas
 * it used and paid, and its logs.
 *
 * @param transactionHash the transaction (lower-case hex)
 * @param blockNumber the block it was mined in
 * @param blockHash that block's hash
 * @param succeeded status 1 (EIP-658); false when it reverted
 * @param gasUsed gas the transaction used
 * @param effectiveGasPrice wei paid per gas (0 where the node does not say)
 * @param logs its logs, in order
 */
public record TransactionReceipt(String transactionHash, long blockNumber, String blockHash, boolean succeeded, long gasUsed,
                                 BigInteger effectiveGasPrice, List<ChainLog> logs) {
    public TransactionReceipt {
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
        logs = List.copyOf(logs);
    }

    /** Parses an {@code eth_getTransactionReceipt} answer object; throws RpcException naming a bad field. */
    public static TransactionReceipt parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RpcException("expected a receipt object, got " + node);
        }
        JsonNode status = node.get("status");
        if (status == null || !status.isTextual() || !("0x1".equals(status.asText()) || "0x0".equals(status.asText()))) {
            throw new RpcException("receipt field 'status' is not 0x0 or 0x1: " + status);
        }
        JsonNode logsNode = node.get("logs");
        if (logsNode == null || !logsNode.isArray()) {
            throw new RpcException("receipt field 'logs' is not an array: " + logsNode);
        }
        List<ChainLog> logs = new ArrayList<>(logsNode.size());
        for (JsonNode log : logsNode) {
            logs.add(ChainLog.parse(log));
        }
        return new TransactionReceipt(Quantities.hash(node, "transactionHash"), Quantities.longQuantity(node, "blockNumber"),
                Quantities.hash(node, "blockHash"), "0x1".equals(status.asText()), Quantities.longQuantity(node, "gasUsed"),
                Quantities.optionalQuantity(node, "effectiveGasPrice", BigInteger.ZERO), logs);
    }

    /** What the transaction paid for gas, in wei. */
    public BigInteger gasCost() {
        return effectiveGasPrice.multiply(BigInteger.valueOf(gasUsed));
    }
}
