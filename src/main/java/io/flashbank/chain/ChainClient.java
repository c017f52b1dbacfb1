package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
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
    private final AtomicReference<Mono<ChainRpc>> connection = new AtomicReference<>();
    private final AtomicReference<ChainRpc> open = new AtomicReference<>();

    public ChainClient(long chainId, String url, Scheduler scheduler, Duration timeout) {
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
        return Mono.defer(() -> connection().flatMap(rpc -> rpc.call(method, params).doOnError(RpcException.class, e -> {
            if (!e.nodeError()) {
                drop(rpc);
            }
        })));
    }

    /** A {@link PoolQueryClient} over the socket current at subscription. */
    public Mono<PoolQueryClient> poolQuery(String poolQuery) {
        return Mono.defer(() -> connection().map(rpc -> new PoolQueryClient(rpc, poolQuery)));
    }

    private Mono<ChainRpc> connection() {
        Mono<ChainRpc> current = connection.get();
        if (current == null) {
            Mono<ChainRpc> fresh = ChainRpc.connect(url, scheduler, timeout)
                    .doOnNext(open::set)
                    .doOnError(e -> connection.set(null))
                    .cache(rpc -> Duration.ofDays(365), e -> Duration.ZERO, () -> Duration.ZERO);
            current = connection.compareAndSet(null, fresh) ? fresh : connection.get();
        }
        return current == null ? connection() : current;
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
