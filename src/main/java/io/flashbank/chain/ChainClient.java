package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * A shared request/response connection to one chain for the executor and the API: connected on first use, dropped
 * after any failure so that the next call reconnects. Calls never block; answers arrive on the chain's scheduler.
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
            attempt.tryEmitValue(rpc);
        }, e -> {
            connection.compareAndSet(fresh, null);
            attempt.tryEmitError(e);
        });
        return fresh;
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
