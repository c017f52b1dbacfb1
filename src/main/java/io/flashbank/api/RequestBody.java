package io.flashbank.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads and validates JSON request bodies at the edge: size, content type, syntax and each field's form. */
final class RequestBody {
    /** The largest body any endpoint accepts. */
    static final int MAX_BYTES = 16 * 1024;
    static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final Pattern HEX_DATA = Pattern.compile("0x([0-9a-fA-F]{2})+");

    /** Refuses what a lenient parser lets through: a key given twice (which one wins?) and anything after the object. */
    private static final ObjectReader STRICT = ApiServer.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private RequestBody() {
    }

    /**
     * The body as a JSON object with exactly the {@code allowed} fields; 413, 415 or 400 otherwise, and 408 when it
     * has not all arrived within {@code timeout}.
     */
    static Mono<JsonNode> json(HttpServerRequest req, Set<String> allowed, java.time.Duration timeout) {
        String type = req.requestHeaders().get("content-type", "");
        if (!isJson(type)) {
            return Mono.error(new ApiError(415, "unsupported_media_type", "send the body as application/json"));
        }
        String length = req.requestHeaders().get("content-length");
        if (length != null && parseLength(length) > MAX_BYTES) {
            return Mono.error(tooLarge());
        }
        return req.receive().asByteArray()
                .reduce(new java.io.ByteArrayOutputStream(), (out, chunk) -> {
                    if (out.size() + chunk.length > MAX_BYTES) {
                        throw tooLarge();
                    }
                    out.write(chunk, 0, chunk.length);
                    return out;
                })
                .defaultIfEmpty(new java.io.ByteArrayOutputStream())
                .timeout(timeout, Mono.error(() -> new ApiError(408, "request_timeout",
                        "the request body did not arrive within " + timeout.toMillis() + " ms")))
                .map(out -> parse(out.toString(StandardCharsets.UTF_8), allowed));
    }

    /** Whether a Content-Type names exactly {@code application/json}, in any case, with or without parameters. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "content-length is not a number");
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the body exceeds " + MAX_BYTES + " bytes");
    }

    private static JsonNode parse(String text, Set<String> allowed) {
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "malformed_json", "the body must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new ApiError(400, "unknown_field", "unknown field '" + name + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        });
        return node;
    }

    /** A chain id: a positive JSON integer. */
    static long chainId(JsonNode body) {
        JsonNode v = body.get("chainId");
        // canConvertToLong: a number past 2^63 - 1 is refused, never wrapped onto another chain's id.
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
            throw new ApiError(400, "bad_field", "chainId must be a positive integer below 2^63");
        }
        return v.asLong();
    }

    /** An address, checksummed or lower-case; returned lower-case. */
    static String address(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw new ApiError(400, "bad_field", field + " must be an address string");
        }
        return address(v.asText(), field);
    }

    /** Validates an address from a path or body; a mixed-case one must carry a valid EIP-55 checksum. */
    static String address(String text, String field) {
        if (!ADDRESS.matcher(text).matches()) {
            throw new ApiError(400, "bad_address", field + " must be 0x followed by 40 hex digits, got '" + abbreviate(text) + "'");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean mixed = !text.substring(2).equals(lower.substring(2)) && !text.substring(2).equals(text.substring(2).toUpperCase(Locale.ROOT));
        if (mixed && !org.web3j.crypto.Keys.toChecksumAddress(lower).equals(text)) {
            throw new ApiError(400, "bad_checksum", field + " has a wrong EIP-55 checksum: " + text);
        }
        return lower;
    }

    /** An amount: a decimal string of an integer in (0, 2^256). */
    static BigInteger amount(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw new ApiError(400, "bad_field", field + " must be a decimal string in the token's smallest unit");
        }
        String text = v.asText();
        if (text.startsWith("-")) {
            throw new ApiError(422, "bad_amount", field + " must be positive, got " + abbreviate(text));
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ApiError(400, "bad_amount", field + " must be a decimal integer string, got '" + abbreviate(text) + "'");
        }
        BigInteger amount = new BigInteger(text);
        if (amount.signum() == 0) {
            throw new ApiError(422, "bad_amount", field + " must be greater than 0");
        }
        if (amount.compareTo(MAX_UINT256) > 0) {
            throw new ApiError(422, "bad_amount", field + " does not fit in uint256");
        }
        return amount;
    }

    /** Hex data such as a signed transaction. */
    static String hexData(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || !HEX_DATA.matcher(v.asText()).matches()) {
            throw new ApiError(400, "bad_field", field + " must be 0x-prefixed hex bytes");
        }
        return v.asText().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
