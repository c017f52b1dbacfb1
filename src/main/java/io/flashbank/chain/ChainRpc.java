package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One live JSON-RPC connection to one chain.
 *
 * <p>Every call is non-blocking, has a timeout and delivers its answer on the chain's own scheduler, never on
 * the socket's reader thread. A closed connection fails every pending call and subscription with
 * {@link RpcException}; a new connection is a new {@code ChainRpc}.
 */
public interface ChainRpc extends AutoCloseable {

    /**
     * Connects over WebSocket; the handshake is blocking, so it runs on {@code scheduler} (bounded, the chain's own),
     * and every answer is delivered there too. Fails with RpcException when the node cannot be reached.
     */
    static Mono<ChainRpc> connect(String url, Scheduler scheduler, Duration timeout) {
        return WebSocketRpc.connect(url, scheduler, timeout);
    }

    /** Calls {@code method}; emits the {@code result} tree (possibly JSON null), or errors with RpcException. */
    Mono<JsonNode> call(String method, List<?> params);

    /** The {@code newHeads} subscription: one raw header per block; errors with RpcException when the socket closes. */
    Flux<JsonNode> newHeads();

    /** Completes when the connection closes, for whatever reason. */
    Mono<Void> onClose();

    /** Closes the connection; never blocks. */
    @Override
    void close();
}
