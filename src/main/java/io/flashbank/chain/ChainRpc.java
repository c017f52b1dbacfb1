package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One live JSON-RPC connection to one chain.
 *
 * <p>Every call is non-blocking, has a timeout and delivers its answer on the chain's own scheduler, never on
 * the socket's reader thread. A closed connection fails every pending call and subscription with
 * {@link RpcException}; a new connection is a new {@code ChainRpc}.
 */
public interface ChainRpc extends AutoCloseable {

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
