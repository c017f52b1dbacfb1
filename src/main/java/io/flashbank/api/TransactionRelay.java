package io.flashbank.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.DecodedTransaction;
import io.flashbank.chain.RpcException;
import io.flashbank.config.HttpConfig;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;

/**
 * {@code POST /api/v1/transactions}: relays a signed transaction to a configured chain after reading it. Only calls to
 * the chain's FlashBank or lending pool, or a listed token's {@code approve} for one of them, are relayed; each client
 * address is rate-limited by a token bucket. Everything is refused before the node sees it, with the reason.
 */
final class TransactionRelay {
    private static final Set<String> FIELDS = Set.of("chainId", "rawTransaction", "signedTransaction");
    /** Client addresses tracked at once; past it, idle ones are forgotten first. */
    private static final int MAX_CLIENTS = 100_000;

    private final Function<Long, LiquidityRoutes.LiquidityChain> chains;
    private final BiFunction<LiquidityRoutes.LiquidityChain, String, Mono<Void>> listed;
    private final Sinks.Many<LiquidityRoutes.Broadcast> broadcasts;
    private final Duration bodyTimeout;
    private final TokenBuckets buckets;

    /**
     * @param chains the served chain of an id (throws {@link ApiError} 422 for an unknown one)
     * @param listed completes when FlashBank lists the token on the chain, else fails with {@link ApiError}
     * @param clock monotonic nanoseconds for the rate limit
     */
    TransactionRelay(Function<Long, LiquidityRoutes.LiquidityChain> chains,
                     BiFunction<LiquidityRoutes.LiquidityChain, String, Mono<Void>> listed,
                     Sinks.Many<LiquidityRoutes.Broadcast> broadcasts, HttpConfig limits, LongSupplier clock) {
        this.chains = chains;
        this.listed = listed;
        this.broadcasts = broadcasts;
        this.bodyTimeout = limits.requestTimeout();
        this.buckets = new TokenBuckets(limits.transactionBurst(), Duration.ofMinutes(1).toNanos() / limits.transactionsPerMinute(),
                MAX_CLIENTS, clock);
    }

    /** The relayed transaction's {@code {chainId, hash}}, or an {@link ApiError}; 429 with a retry time past the limit. */
    Mono<Object> relay(HttpServerRequest req) {
        long wait = buckets.take(client(req.remoteAddress()));
        if (wait > 0) {
            Duration retry = Duration.ofNanos(wait);
            return Mono.error(new ApiError(429, "rate_limited", "too many transactions from this address: try again in "
                    + Math.max(1, (retry.toMillis() + 999) / 1000) + " s", retry));
        }
        return RequestBody.json(req, FIELDS, bodyTimeout).flatMap(this::relay);
    }

    private static String client(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
    }

    private Mono<Object> relay(JsonNode body) {
        long chainId = RequestBody.chainId(body);
        LiquidityRoutes.LiquidityChain chain = chains.apply(chainId);
        if (body.has("rawTransaction") == body.has("signedTransaction")) {
            throw new ApiError(400, "bad_field", "send the signed transaction as rawTransaction (signedTransaction, its older "
                    + "name, is also read), exactly one of them");
        }
        String field = body.has("rawTransaction") ? "rawTransaction" : "signedTransaction";
        String raw = RequestBody.hexData(body, field);
        DecodedTransaction tx;
        TransactionCall call;
        try {
            tx = DecodedTransaction.decode(raw);
            call = TransactionCall.of(tx);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_transaction", field + " is not a signed transaction: " + e.getMessage());
        }
        if (tx.chainId() == null) {
            throw new ApiError(422, "no_replay_protection", "the transaction has no chain id (pre-EIP-155) and could be replayed "
                    + "on any chain; sign it for chain " + chainId);
        }
        if (tx.chainId() != chainId) {
            throw new ApiError(422, "wrong_chain", "the transaction is signed for chain " + tx.chainId() + ", not " + chainId);
        }
        if (tx.gasLimit().compareTo(BigInteger.valueOf(21_000)) < 0) {
            throw new ApiError(422, "bad_gas", "gas limit " + tx.gasLimit() + " is below the 21000 every transaction costs");
        }
        return allowed(chain, call).then(Mono.defer(() -> send(chain, tx, raw)));
    }

    /** Completes when {@code call} is one the relay serves on {@code chain}; else a 403 naming why. */
    private Mono<Void> allowed(LiquidityRoutes.LiquidityChain chain, TransactionCall call) {
        Set<String> targets = chain.relayTargets();
        long id = chain.config().chainId();
        if (call.to() == null) {
            return Mono.error(new ApiError(403, "target_not_allowed", "a contract creation is not relayed; only calls to "
                    + targets + " on chain " + id + " or a listed token's approve for them"));
        }
        if (targets.contains(call.to())) {
            return Mono.empty();
        }
        String spender = call.approveSpender().orElse(null);
        if (spender == null) {
            return Mono.error(new ApiError(403, "target_not_allowed", "the transaction calls " + call.to() + ", which is not "
                    + "FlashBank or the lending pool of chain " + id + " " + targets + ", and is not an approve(spender, amount)"));
        }
        if (!targets.contains(spender)) {
            return Mono.error(new ApiError(403, "spender_not_allowed", "the approve on " + call.to() + " is for " + spender
                    + "; only FlashBank or the lending pool of chain " + id + " " + targets + " may be approved"));
        }
        if (call.value().signum() != 0) {
            return Mono.error(new ApiError(403, "call_not_allowed", "an approve sends no ether; this one sends " + call.value() + " wei"));
        }
        return listed.apply(chain, call.to()).onErrorMap(e -> e instanceof ApiError a && a.code.equals("token_not_listed"),
                e -> new ApiError(403, "token_not_listed", "the approve is on " + call.to() + ", which FlashBank does not list on chain "
                        + id + "; only listed tokens' approvals are relayed"));
    }

    /** Refuses a used nonce or a gas limit over the block's, then sends; the hash also goes to the receipt watcher. */
    private Mono<Object> send(LiquidityRoutes.LiquidityChain chain, DecodedTransaction tx, String raw) {
        long chainId = chain.config().chainId();
        return Mono.zip(chain.client().nonce(tx.from(), "latest"),
                        chain.client().latestBlock().map(b -> BigInteger.valueOf(b.gasLimit())))
                .flatMap(t -> {
                    if (tx.nonce().compareTo(t.getT1()) < 0) {
                        return Mono.error(new ApiError(422, "nonce_used", "nonce " + tx.nonce() + " of " + tx.from()
                                + " is already used on chain " + chainId + " (next: " + t.getT1() + ")"));
                    }
                    if (tx.gasLimit().compareTo(t.getT2()) > 0) {
                        return Mono.error(new ApiError(422, "bad_gas", "gas limit " + tx.gasLimit() + " exceeds the block gas limit "
                                + t.getT2() + " of chain " + chainId));
                    }
                    return chain.client().sendRawTransaction(raw);
                })
                .onErrorMap(e -> e instanceof RpcException r && r.nodeError(),
                        e -> new ApiError(422, "rejected_by_node", e.getMessage()))
                .map(h -> {
                    synchronized (broadcasts) {
                        broadcasts.tryEmitNext(new LiquidityRoutes.Broadcast(chainId, h));
                    }
                    return (Object) Map.of("chainId", chainId, "hash", h);
                });
    }
}
