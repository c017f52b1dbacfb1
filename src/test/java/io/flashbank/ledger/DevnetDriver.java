package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Sends the test's transactions to a devnet chain from anvil's unlocked public test accounts, waiting for receipts. */
@SuppressWarnings("rawtypes")
final class DevnetDriver {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final ChainRpc rpc;

    DevnetDriver(ChainRpc rpc) {
        this.rpc = rpc;
    }

    static String account(int index) {
        return DevnetAccounts.address(index);
    }

    /** Calls {@code signature} with {@code args} from {@code from}; returns the mined receipt, failing if it reverted. */
    JsonNode send(int from, String to, String signature, Type... args) {
        return sendData(account(from), to, calldata(signature, args));
    }

    /** Deploys {@code bytecode} with ABI-encoded constructor {@code args}; returns the new contract's address. */
    String deploy(int from, String bytecode, Type... args) {
        return sendData(account(from), null, bytecode + FunctionEncoder.encodeConstructor(List.of(args))).path("contractAddress").asText();
    }

    /** An eth_call of {@code signature} from {@code from}; the raw result, or the node's error as an exception. */
    String call(int from, String to, String signature, Type... args) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", account(from));
        tx.put("to", to);
        tx.put("data", calldata(signature, args));
        return rpc.call("eth_call", List.of(tx, "latest")).block(WAIT).asText();
    }

    /** A uint256 view. */
    BigInteger view(String to, String signature, Type... args) {
        return new BigInteger(call(0, to, signature, args).substring(2), 16);
    }

    /** A JSON-RPC call (anvil_*, evm_*). */
    JsonNode raw(String method, Object... params) {
        return rpc.call(method, List.of(params)).block(WAIT);
    }

    long blockNumber() {
        return Quantities.bareQuantity(raw("eth_blockNumber"), "blockNumber").longValueExact();
    }

    static long blockOf(JsonNode receipt) {
        return Quantities.bareQuantity(receipt.get("blockNumber"), "blockNumber").longValueExact();
    }

    static Address address(String a) {
        return new Address(a);
    }

    static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    static DynamicBytes noBytes() {
        return new DynamicBytes(new byte[0]);
    }

    static DynamicArray<Address> addresses(String... a) {
        return new DynamicArray<>(Address.class, java.util.Arrays.stream(a).map(Address::new).toList());
    }

    /**
     * Calldata of the executor's {@code execute(lender, token, amount, [], route, minProfit)} with a pro-rata loan and
     * a two-hop route. Written out word by word: web3j 5.0.0 cannot encode an array of {@code (address,bool)} tuples.
     */
    static String execute(String lender, String token, BigInteger amount, String[] pairs, boolean[] zeroForOne, BigInteger minProfit) {
        StringBuilder out = new StringBuilder(Hash.sha3String("execute(address,address,uint256,address[],(address,bool)[],uint256)")
                .substring(0, 10));
        int providersOffset = 6 * 32;
        int routeOffset = providersOffset + 32;
        out.append(word(lender)).append(word(token)).append(word(amount)).append(word(BigInteger.valueOf(providersOffset)))
                .append(word(BigInteger.valueOf(routeOffset))).append(word(minProfit)).append(word(BigInteger.ZERO))
                .append(word(BigInteger.valueOf(pairs.length)));
        for (int i = 0; i < pairs.length; i++) {
            out.append(word(pairs[i])).append(word(zeroForOne[i] ? BigInteger.ONE : BigInteger.ZERO));
        }
        return out.toString();
    }

    /** Sends raw calldata {@code data} from account {@code from}; returns the receipt, failing if it reverted. */
    JsonNode sendRaw(int from, String to, String data) {
        return sendData(account(from), to, data);
    }

    /** An eth_call of raw calldata; the node's error (a revert) as an exception. */
    String callRaw(int from, String to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", account(from));
        tx.put("to", to);
        tx.put("data", data);
        return rpc.call("eth_call", List.of(tx, "latest")).block(WAIT).asText();
    }

    private static String word(String address) {
        return word(new BigInteger(address.substring(2), 16));
    }

    private static String word(BigInteger value) {
        return String.format("%064x", value);
    }

    private static String calldata(String signature, Type... args) {
        return Hash.sha3String(signature).substring(0, 10) + FunctionEncoder.encodeConstructor(List.of(args));
    }

    private JsonNode sendData(String from, String to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        if (to != null) {
            tx.put("to", to);
        }
        tx.put("data", data);
        String hash = rpc.call("eth_sendTransaction", List.of(tx)).block(WAIT).asText();
        JsonNode receipt = rpc.call("eth_getTransactionReceipt", List.of(hash))
                .flatMap(r -> r.isNull() ? Mono.error(new IllegalStateException("not mined yet: " + hash)) : Mono.just(r))
                .retryWhen(Retry.fixedDelay(600, Duration.ofMillis(100)).filter(IllegalStateException.class::isInstance))
                .block(WAIT);
        if (!"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("transaction reverted: " + receipt);
        }
        return receipt;
    }
}
