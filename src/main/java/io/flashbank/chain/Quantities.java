package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Reads JSON-RPC quantities and data fields, rejecting anything malformed with a message naming the field. */
public final class Quantities {
    private static final Pattern QUANTITY = Pattern.compile("0x[0-9a-fA-F]{1,64}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private Quantities() {
    }

    static BigInteger quantity(JsonNode node, String field) {
        return bareQuantity(node.get(field), field);
    }

    /** A quantity that is itself the whole answer (eth_chainId, eth_blockNumber). */
    public static BigInteger bareQuantity(JsonNode value, String field) {
        if (value == null || !value.isTextual() || !QUANTITY.matcher(value.asText()).matches()) {
            throw new RpcException("field '" + field + "' is not a hex quantity: " + value);
        }
        return new BigInteger(value.asText().substring(2), 16);
    }

    static BigInteger optionalQuantity(JsonNode node, String field, BigInteger fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : quantity(node, field);
    }

    static long longQuantity(JsonNode node, String field) {
        BigInteger value = quantity(node, field);
        if (value.bitLength() > 62) {
            throw new RpcException("field '" + field + "' is out of range: " + value);
        }
        return value.longValueExact();
    }

    static String hash(JsonNode node, String field) {
        return bareHash(node.get(field), field);
    }

    /** A 32-byte hash that is itself the whole answer (eth_sendRawTransaction), lower-case. */
    static String bareHash(JsonNode value, String field) {
        if (value == null || !value.isTextual() || !HASH.matcher(value.asText()).matches()) {
            throw new RpcException("field '" + field + "' is not a 32-byte hash: " + value);
        }
        return value.asText().toLowerCase(java.util.Locale.ROOT);
    }

    static String data(JsonNode value, String field) {
        if (value == null || !value.isTextual() || !DATA.matcher(value.asText()).matches()) {
            throw new RpcException("field '" + field + "' is not hex data: " + value);
        }
        return value.asText().toLowerCase(java.util.Locale.ROOT);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
