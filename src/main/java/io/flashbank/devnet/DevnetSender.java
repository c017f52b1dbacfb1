package io.flashbank.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.Quantities;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Sends devnet transactions from anvil's unlocked test accounts and checks their receipts. */
public final class DevnetSender {
    private final ChainRpc rpc;

    public DevnetSender(ChainRpc rpc) {
        this.rpc = rpc;
    }

    /** Calls {@code function} on {@code to} from {@code from}; fails if the transaction reverts. */
    Mono<JsonNode> call(String from, String to, Function function) {
        return send(from, to, FunctionEncoder.encode(function), BigInteger.ZERO);
    }

    /** Sends {@code data} with {@code value} wei and returns the receipt once mined; fails if it reverted. */
    Mono<JsonNode> send(String from, String to, String data, BigInteger value) {
        return send(from, to, data, value, 0);
    }

    /**
     * As {@link #send(String, String, String, BigInteger)} with a fixed {@code gas} limit (0: the node estimates it);
     * a limit skips the node's estimate, which re-runs a transaction of hundreds of millions of gas several times.
     */
    public Mono<JsonNode> send(String from, String to, String data, BigInteger value, long gas) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        if (to != null) {
            tx.put("to", to);
        }
        tx.put("data", data);
        tx.put("value", "0x" + value.toString(16));
        if (gas > 0) {
            tx.put("gas", "0x" + Long.toHexString(gas));
        }
        return rpc.call("eth_sendTransaction", List.of(tx))
                .flatMap(hash -> receipt(hash.asText()))
                .flatMap(receipt -> "0x1".equals(receipt.path("status").asText())
                        ? Mono.just(receipt)
                        : Mono.error(new IllegalStateException("devnet transaction reverted: " + receipt)));
    }

    /** Deploys {@code bytecode} followed by ABI-encoded constructor arguments; emits the new contract's address. */
    public Mono<String> deploy(String from, String bytecode, List<Type> constructorArgs) {
        String data = bytecode + FunctionEncoder.encodeConstructor(constructorArgs);
        return send(from, null, data, BigInteger.ZERO).map(r -> r.path("contractAddress").asText().toLowerCase(java.util.Locale.ROOT));
    }

    /** The receipt of {@code hash}, polled until the node has mined it. */
    Mono<JsonNode> receipt(String hash) {
        return rpc.call("eth_getTransactionReceipt", List.of(hash))
                .flatMap(r -> r.isNull() ? Mono.error(new IllegalStateException("not mined yet: " + hash)) : Mono.just(r))
                .retryWhen(Retry.fixedDelay(200, Duration.ofMillis(50)).filter(IllegalStateException.class::isInstance));
    }

    /** Runs a JSON-RPC method of the devnet node (anvil_*, evm_*). */
    Mono<JsonNode> raw(String method, List<?> params) {
        return rpc.call(method, params);
    }

    /** The current block number. */
    Mono<Long> blockNumber() {
        return rpc.call("eth_blockNumber", List.of()).map(n -> Quantities.bareQuantity(n, "eth_blockNumber").longValue());
    }
}
