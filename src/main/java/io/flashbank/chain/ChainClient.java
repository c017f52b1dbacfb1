package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The gateway to one chain for the executor and the API: typed operations (latest head, nonce, call, estimate, send
 * raw, receipt, logs, code) whose answers are validated once here, over a shared request/response connection that is
 * connected on first use and dropped after any failure so that the next call reconnects. Calls never block; answers
 * arrive on the chain's scheduler. {@link #call} stays for the devnet's and the benchmarks' {@code evm_*} methods.
 */
public final class ChainClient implements AutoCloseable {
    private final long chainId;
    private final String url;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final RpcObserver observer;
    private final AtomicReference<Mono<ChainRpc>> connection = new AtomicReference<>();
    private final AtomicReference<ChainRpc> open = new AtomicReference<>();

    public ChainClient(long chainId, String url, Scheduler scheduler, Duration timeout) {
        this(chainId, url, scheduler, timeout, RpcObserver.NONE);
    }

    /** As above, telling {@code observer} of every call's method, duration and outcome. */
    public ChainClient(long chainId, String url, Scheduler scheduler, Duration timeout, RpcObserver observer) {
        this.observer = observer;
        this.chainId = chainId;
        this.url = url;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    public long chainId() {
        return chainId;
    }

    /**
     * Calls {@code method} on the connection current at subscription; errors with RpcException (the node's error, a
     * timeout, or no connection).
     */
    public Mono<JsonNode> call(String method, List<?> params) {
        // Deferred: a Mono kept and subscribed again (a cache, a retry) must take the connection of that moment, not
        // the one current when it was built; eager assembly once pinned the LP API to a dropped socket for good.
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return connection().flatMap(rpc -> rpc.call(method, params).doOnError(RpcException.class, e -> {
                        if (!e.nodeError()) {
                            drop(rpc);
                        }
                    }))
                    .doOnSuccess(v -> observer.observe(chainId, method, System.nanoTime() - started, "ok"))
                    .doOnError(e -> observer.observe(chainId, method, System.nanoTime() - started,
                            e instanceof RpcException r && r.nodeError() ? "node_error" : "failed"));
        });
    }

    /** The latest block's header. */
    public Mono<ChainBlock> latestBlock() {
        return call("eth_getBlockByNumber", List.of("latest", false)).map(node -> ChainBlock.parse(chainId, node));
    }

    /** The canonical header at {@code number}, or empty when the chain is not that long (any more). */
    public Mono<Optional<ChainBlock>> blockByNumber(long number) {
        return call("eth_getBlockByNumber", List.of(Quantities.hex(number), false)).map(node -> {
            if (node.isNull()) {
                return Optional.<ChainBlock>empty();
            }
            ChainBlock block = ChainBlock.parse(chainId, node);
            if (block.number() != number) {
                throw new RpcException("asked for block " + number + ", got " + block.number());
            }
            return Optional.of(block);
        });
    }

    /** The chain id the node reports ({@code eth_chainId}), to check against the configured one. */
    public Mono<Long> nodeChainId() {
        return call("eth_chainId", List.of()).map(n -> Quantities.bareQuantity(n, "eth_chainId").longValueExact());
    }

    /** {@code account}'s transaction count at {@code block} ("latest" or "pending"): its next nonce there. */
    public Mono<BigInteger> nonce(String account, String block) {
        return call("eth_getTransactionCount", List.of(account, block)).map(n -> Quantities.bareQuantity(n, "eth_getTransactionCount"));
    }

    /**
     * {@code eth_call} of {@code data} on {@code to} at {@code block} (a tag or 0x number), as {@code from} when not
     * null: the return data, lower-case 0x hex. A revert errors with the node's RpcException (its data carries the
     * reason).
     */
    public Mono<String> ethCall(String from, String to, String data, String block) {
        return call("eth_call", List.of(request(from, to, data, null), block)).map(r -> Quantities.data(r, "eth_call"));
    }

    /** {@code eth_estimateGas} of a call of {@code data} on {@code to} with {@code value} wei, at {@code block}. */
    public Mono<BigInteger> estimateGas(String from, String to, String data, BigInteger value, String block) {
        return call("eth_estimateGas", List.of(request(from, to, data, value), block))
                .map(gas -> Quantities.bareQuantity(gas, "eth_estimateGas"));
    }

    /** Broadcasts a signed transaction; emits the hash the node reports. */
    public Mono<String> sendRawTransaction(String raw) {
        return call("eth_sendRawTransaction", List.of(raw)).map(h -> Quantities.bareHash(h, "eth_sendRawTransaction"));
    }

    /** {@code hash}'s receipt, or empty while it is not mined. */
    public Mono<Optional<TransactionReceipt>> receipt(String hash) {
        return call("eth_getTransactionReceipt", List.of(hash))
                .map(r -> r.isNull() ? Optional.<TransactionReceipt>empty() : Optional.of(TransactionReceipt.parse(r)));
    }

    /** The logs matching {@code filter} (an {@code eth_getLogs} filter object), each validated. */
    public Mono<List<ChainLog>> logs(Map<String, ?> filter) {
        return call("eth_getLogs", List.of(filter)).map(node -> {
            if (!node.isArray()) {
                throw new RpcException("eth_getLogs answered " + node);
            }
            List<ChainLog> logs = new java.util.ArrayList<>(node.size());
            node.forEach(log -> logs.add(ChainLog.parse(log)));
            return logs;
        });
    }

    /** The code at {@code address} at {@code block}, 0x hex ("0x" where there is none). */
    public Mono<String> code(String address, String block) {
        return call("eth_getCode", List.of(address, block)).map(c -> Quantities.data(c, "eth_getCode"));
    }

    private static Map<String, String> request(String from, String to, String data, BigInteger value) {
        Map<String, String> tx = new LinkedHashMap<>();
        if (from != null) {
            tx.put("from", from);
        }
        tx.put("to", to);
        tx.put("data", data);
        if (value != null && value.signum() > 0) {
            tx.put("value", "0x" + value.toString(16));
        }
        return tx;
    }

    /** A {@link PoolQueryClient} over the socket current at subscription. */
    public Mono<PoolQueryClient> poolQuery(String poolQuery) {
        return Mono.defer(() -> connection().map(rpc -> new PoolQueryClient(rpc, poolQuery)));
    }

    /**
     * The shared connection, connecting when there is none. Callers share one attempt through a {@link Sinks.One}: a
     * caller that stops waiting (a zip whose sibling failed) leaves without the failure being dropped and logged, as
     * it was from a cached Mono.
     */
    private Mono<ChainRpc> connection() {
        Mono<ChainRpc> current = connection.get();
        if (current != null) {
            return current;
        }
        Sinks.One<ChainRpc> attempt = Sinks.one();
        Mono<ChainRpc> fresh = attempt.asMono();
        if (!connection.compareAndSet(null, fresh)) {
            return connection();
        }
        ChainRpc.connect(url, scheduler, timeout).subscribe(rpc -> {
            open.set(rpc);
            // A socket the node closed (it stopped, restarted, dropped us) is forgotten at once, so the next call
            // connects afresh instead of failing on the dead one first.
            rpc.onClose().subscribe(null, e -> forget(fresh, rpc), () -> forget(fresh, rpc));
            attempt.tryEmitValue(rpc);
        }, e -> {
            connection.compareAndSet(fresh, null);
            attempt.tryEmitError(e);
        });
        return fresh;
    }

    private void forget(Mono<ChainRpc> attempt, ChainRpc rpc) {
        connection.compareAndSet(attempt, null);
        open.compareAndSet(rpc, null);
    }

    private void drop(ChainRpc rpc) {
        connection.set(null);
        rpc.close();
    }

    @Override
    public void close() {
        connection.set(null);
        ChainRpc rpc = open.getAndSet(null);
        if (rpc != null) {
            rpc.close();
        }
    }
}
