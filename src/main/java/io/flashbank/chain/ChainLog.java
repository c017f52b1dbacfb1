package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One log of a canonical block, validated where it entered.
 *
 * @param address emitting contract (lower-case)
 * @param topics indexed topics, topic 0 first
 * @param data non-indexed data (lower-case hex)
 * @param blockNumber block number
 * @param blockHash block hash
 * @param transactionHash transaction hash
 * @param logIndex index of the log within the block
 */
public record ChainLog(String address, List<String> topics, String data, long blockNumber, String blockHash,
                       String transactionHash, long logIndex) {
    public ChainLog {
        topics = List.copyOf(topics);
    }

    /** The log's topic 0 (event signature hash), or "" for an anonymous log. */
    public String topic0() {
        return topics.isEmpty() ? "" : topics.get(0);
    }

    /** Parses one log object of a JSON-RPC answer; throws RpcException naming the first malformed field. */
    public static ChainLog parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RpcException("expected a log object, got " + node);
        }
        JsonNode address = node.get("address");
        if (address == null || !address.isTextual() || !address.asText().matches("0x[0-9a-fA-F]{40}")) {
            throw new RpcException("log field 'address' is not an address: " + address);
        }
        JsonNode topicsNode = node.get("topics");
        if (topicsNode == null || !topicsNode.isArray()) {
            throw new RpcException("log field 'topics' is not an array: " + topicsNode);
        }
        List<String> topics = new ArrayList<>(topicsNode.size());
        for (JsonNode topic : topicsNode) {
            String word = Quantities.data(topic, "topics[]");
            if (word.length() != 66) {
                throw new RpcException("field 'topics[]' is not a 32-byte hash: " + topic);
            }
            topics.add(word);
        }
        return new ChainLog(
                address.asText().toLowerCase(Locale.ROOT),
                topics,
                Quantities.data(node.get("data"), "data"),
                Quantities.longQuantity(node, "blockNumber"),
                Quantities.hash(node, "blockHash"),
                Quantities.hash(node, "transactionHash"),
                Quantities.longQuantity(node, "logIndex"));
    }
}
