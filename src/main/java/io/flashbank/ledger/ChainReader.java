package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainLog;
import io.flashbank.chain.Quantities;
import io.flashbank.chain.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The indexer's reads of one chain over a {@link ChainClient}: the chain id, block hashes and the watched contracts'
 * logs, each answer validated (the head comes from the canonical block stream, not from here). ChainClient times out every call; {@link #GUARD} bounds a call end to end as well.
 */
final class ChainReader {
    /** The limit on one call including (re)connecting, on top of ChainClient's per-request timeout. */
    static final Duration GUARD = Duration.ofSeconds(30);

    /** The fields of a block header the indexer compares. */
    record Header(long number, String hash, String parentHash) {
    }

    private final ChainClient client;
    private final Map<String, Object> filter;
    private final Scheduler timer;

    ChainReader(ChainClient client, IndexerSettings settings, Scheduler timer) {
        this.client = client;
        this.timer = timer;
        this.filter = Map.of("address", List.of(settings.flashBank(), settings.executor()), "topics", List.of(EventDecoder.TOPICS));
    }

    Mono<Long> chainId() {
        return guard(client.nodeChainId(), "eth_chainId");
    }

    /** The canonical header at {@code number}, or empty when the chain is not that long (any more). */
    Mono<Optional<Header>> header(long number) {
        return guard(client.blockByNumber(number), "eth_getBlockByNumber")
                .map(block -> block.map(b -> new Header(b.number(), b.hash(), b.parentHash())));
    }

    /**
     * The watched logs of blocks {@code from..to}, as raw JSON objects in the node's order; errors with RpcException
     * when the answer is not an array of objects or a log lies outside the range (the whole answer is then suspect).
     */
    Mono<List<JsonNode>> logs(long from, long to) {
        Map<String, Object> params = new LinkedHashMap<>(filter);
        params.put("fromBlock", hex(from));
        params.put("toBlock", hex(to));
        return call("eth_getLogs", List.of(params)).map(answer -> {
            if (!answer.isArray()) {
                throw new RpcException("eth_getLogs answered " + answer.getNodeType() + ", not an array");
            }
            List<JsonNode> logs = new ArrayList<>(answer.size());
            for (JsonNode log : answer) {
                if (!log.isObject()) {
                    throw new RpcException("eth_getLogs answered an element that is not an object: " + log);
                }
                JsonNode number = log.get("blockNumber");
                long block = Quantities.bareQuantity(number, "blockNumber").longValueExact();
                if (block < from || block > to) {
                    throw new RpcException("eth_getLogs(" + from + ".." + to + ") answered a log of block " + block);
                }
                logs.add(log);
            }
            return logs;
        });
    }

    /** One log object as a {@link ChainLog}; throws MalformedLogException naming the bad field. */
    static ChainLog parseLog(JsonNode node) {
        try {
            return ChainLog.parse(node);
        } catch (RuntimeException e) {
            throw new MalformedLogException("log " + node.path("transactionHash").asText("?") + "#" + node.path("logIndex").asText("?")
                    + ": " + e.getMessage(), e);
        }
    }

    private Mono<JsonNode> call(String method, List<?> params) {
        return guard(client.call(method, params), method);
    }

    private <T> Mono<T> guard(Mono<T> call, String method) {
        return call.timeout(GUARD, timer)
                .onErrorMap(e -> !(e instanceof RpcException), e -> new RpcException(method + " failed: " + e, e));
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
