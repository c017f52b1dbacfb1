package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The header fields of one block the engine uses.
 *
 * @param chainId the chain
 * @param number block number
 * @param hash block hash (lower-case hex)
 * @param parentHash parent's hash
 * @param timestamp seconds since the epoch
 * @param baseFeePerGas EIP-1559 base fee in wei (0 on chains without one)
 * @param gasLimit the block's gas limit (0 where a header does not say: a notification without it)
 */
public record ChainBlock(long chainId, long number, String hash, String parentHash, long timestamp, BigInteger baseFeePerGas,
                         long gasLimit) {
    public ChainBlock {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
        if (number < 0) {
            throw new IllegalArgumentException("block number must not be negative");
        }
    }

    /** Parses a header or block object from a JSON-RPC answer; throws RpcException naming a bad field. */
    static ChainBlock parse(long chainId, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RpcException("expected a block object, got " + node);
        }
        return new ChainBlock(
                chainId,
                Quantities.longQuantity(node, "number"),
                Quantities.hash(node, "hash"),
                Quantities.hash(node, "parentHash"),
                Quantities.longQuantity(node, "timestamp"),
                Quantities.optionalQuantity(node, "baseFeePerGas", BigInteger.ZERO),
                Quantities.optionalQuantity(node, "gasLimit", BigInteger.ZERO).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact());
    }
}
