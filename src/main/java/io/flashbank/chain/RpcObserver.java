package io.flashbank.chain;

/** Told of every call a {@link ChainClient} makes: for metrics (latency and errors by method). Must be cheap and never block. */
@FunctionalInterface
public interface RpcObserver {
    /** An observer that does nothing. */
    RpcObserver NONE = (chainId, method, nanos, outcome) -> { };

    /**
     * @param outcome {@code ok}, {@code node_error} (the node answered with an error) or {@code failed} (timeout, no
     *     connection)
     */
    void observe(long chainId, String method, long nanos, String outcome);
}
