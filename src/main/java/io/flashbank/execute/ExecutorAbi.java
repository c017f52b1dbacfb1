package io.flashbank.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

/**
 * The ArbitrageExecutor and FlashBank calls the executor makes, and the {@code Executed} event it reads back.
 *
 * <p>{@code execute} takes an array of {@code (address,bool)} tuples, which web3j 5.0.0 cannot encode, so its calldata
 * is laid out here word by word.
 */
final class ExecutorAbi {
    static final String EXECUTE_SIGNATURE = "execute(address,address,uint256,address[],(address,bool)[],uint256)";
    static final String EXECUTE_SELECTOR = Hash.sha3String(EXECUTE_SIGNATURE).substring(0, 10);
    static final String EXECUTED_TOPIC = Hash.sha3String("Executed(address,address,uint256,uint256,uint256)");
    private static final int WORD = 32;
    private static final int HEAD_WORDS = 6;
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    /** The {@code Executed} event: {@code amount} borrowed from {@code lender} for {@code fee}, {@code profit} paid out. */
    record Executed(String lender, String token, BigInteger amount, BigInteger fee, BigInteger profit) {
    }

    private ExecutorAbi() {
    }

    /** Calldata of {@code execute(lender, token, amount, providers, route, minProfit)}. */
    static String execute(String lender, String token, BigInteger amount, List<String> providers, List<RouteHop> route,
                          BigInteger minProfit) {
        StringBuilder out = new StringBuilder(EXECUTE_SELECTOR);
        int providersOffset = HEAD_WORDS * WORD;
        int routeOffset = providersOffset + (1 + providers.size()) * WORD;
        out.append(address(lender)).append(address(token)).append(uint(amount))
                .append(uint(BigInteger.valueOf(providersOffset))).append(uint(BigInteger.valueOf(routeOffset)))
                .append(uint(minProfit));
        out.append(uint(BigInteger.valueOf(providers.size())));
        providers.forEach(p -> out.append(address(p)));
        out.append(uint(BigInteger.valueOf(route.size())));
        for (RouteHop hop : route) {
            out.append(address(hop.pool())).append(uint(zeroForOne(hop) ? BigInteger.ONE : BigInteger.ZERO));
        }
        return out.toString();
    }

    /**
     * Whether the hop sells its pair's token0: a Uniswap V2 pair orders its tokens by address, so token0 is the
     * smaller one. (A pair that did not would make {@code execute} revert with RouteStartMismatch in simulation.)
     */
    static boolean zeroForOne(RouteHop hop) {
        return hop.tokenIn().compareTo(hop.tokenOut()) < 0;
    }

    static String providers(String token) {
        return FunctionEncoder.encode(new Function("providers", List.of(new Address(token)), List.of()));
    }

    static String available(String token, String provider) {
        return FunctionEncoder.encode(new Function("available", List.of(new Address(token), new Address(provider)), List.of()));
    }

    static String feeBps() {
        return FunctionEncoder.encode(new Function("feeBps", List.of(), List.of()));
    }

    /** An {@code address[]} return value, lower-case. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<String> addresses(String hex) {
        List<TypeReference<Type>> outputs = List.of((TypeReference) new TypeReference<DynamicArray<Address>>() { });
        List<Type> values = FunctionReturnDecoder.decode(hex, outputs);
        if (values.size() != 1) {
            throw new IllegalArgumentException("expected an address[] return value, got " + (hex.length() - 2) / 2 + " bytes");
        }
        List<String> out = new ArrayList<>();
        for (Address a : ((DynamicArray<Address>) values.get(0)).getValue()) {
            out.add(a.getValue().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A single {@code uint256} return value. */
    static BigInteger uint256(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (digits.length() != 2 * WORD) {
            throw new IllegalArgumentException("expected one 32-byte word, got " + digits.length() / 2 + " bytes");
        }
        return new BigInteger(digits, 16);
    }

    /** The executor's {@code Executed} event in {@code receipt}'s logs, if it emitted one. */
    static Optional<Executed> executed(JsonNode receipt, String executor) {
        for (JsonNode log : receipt.path("logs")) {
            JsonNode topics = log.path("topics");
            if (!executor.equalsIgnoreCase(log.path("address").asText()) || topics.size() != 3
                    || !EXECUTED_TOPIC.equalsIgnoreCase(topics.get(0).asText())) {
                continue;
            }
            String data = log.path("data").asText();
            if (data.length() != 2 + 3 * 2 * WORD) {
                throw new IllegalArgumentException("Executed event with " + (data.length() - 2) / 2 + " data bytes");
            }
            return Optional.of(new Executed(topicAddress(topics.get(1).asText()), topicAddress(topics.get(2).asText()),
                    word(data, 0), word(data, 1), word(data, 2)));
        }
        return Optional.empty();
    }

    private static BigInteger word(String data, int index) {
        int start = 2 + index * 2 * WORD;
        return new BigInteger(data.substring(start, start + 2 * WORD), 16);
    }

    private static String topicAddress(String topic) {
        return "0x" + topic.substring(topic.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        String digits = address.startsWith("0x") ? address.substring(2) : address;
        if (digits.length() != 40) {
            throw new IllegalArgumentException("not a 20-byte address: " + address);
        }
        return "0".repeat(24) + digits.toLowerCase(Locale.ROOT);
    }

    private static String uint(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        String digits = value.toString(16);
        return "0".repeat(2 * WORD - digits.length()) + digits;
    }
}
