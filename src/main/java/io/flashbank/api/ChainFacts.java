package io.flashbank.api;

import io.flashbank.chain.RpcException;
import io.flashbank.config.ChainConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * What the dashboard reads from each chain besides the feeds: token symbols and decimals ({@code GET /api/v1/tokens},
 * read once per token through the chain's shared {@link io.flashbank.chain.ChainClient} and kept) and the latest base
 * fee ({@code GET /api/v1/fees}, read at most once a second per chain). Answers arrive on the chains' schedulers.
 */
public final class ChainFacts {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FEE_CACHE = Duration.ofSeconds(1);
    /** Tokens kept at most; past it, asked-for tokens are read each time, so request input cannot grow memory. */
    private static final int MAX_KEPT = 10_000;
    /** 50 addresses fit the 4096-byte request line Netty accepts; more would be refused there with 414. */
    private static final int MAX_ADDRESSES = 50;

    /** A chain's latest block number and base fee (wei per gas, decimal). */
    public record Fee(long chainId, long block, String baseFeePerGas) {
    }

    private final Map<Long, LiquidityRoutes.LiquidityChain> chains = new LinkedHashMap<>();
    private final Map<String, Mono<TokenInfo>> tokens = new ConcurrentHashMap<>();
    private final Map<Long, Mono<Fee>> fees = new ConcurrentHashMap<>();

    public ChainFacts(List<LiquidityRoutes.LiquidityChain> chains) {
        chains.forEach(c -> this.chains.put(c.config().chainId(), c));
    }

    /** Adds {@code GET /api/v1/tokens} and {@code GET /api/v1/fees}. */
    public void register(HttpServerRoutes routes) {
        routes.get(KnownPaths.TOKENS, (req, res) -> respond(res, Mono.defer(() -> tokens(req))))
                .get(KnownPaths.FEES, (req, res) -> respond(res, Mono.defer(this::fees)));
    }

    /**
     * Without a query every configured token of every chain; with {@code chainId} and one or more {@code address}
     * those tokens. A token that does not answer as an ERC-20 or whose chain does not answer is named in
     * {@code unavailable}; 503 when no token could be read because chains did not answer.
     */
    private Mono<Object> tokens(HttpServerRequest req) {
        Map<String, List<String>> query = RequestQuery.parameters(req);
        List<Mono<Object>> reads = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> asked : asked(query).entrySet()) {
            LiquidityRoutes.LiquidityChain chain = chains.get(asked.getKey());
            asked.getValue().forEach(address -> reads.add(token(chain, address).<Object>map(t -> t)
                    .onErrorResume(e -> Mono.just(unavailable(chain.config().chainId(), address, e)))));
        }
        return Flux.mergeSequential(reads).collectList().map(all -> {
            List<Object> found = all.stream().filter(o -> o instanceof TokenInfo).toList();
            List<Object> missing = all.stream().filter(o -> !(o instanceof TokenInfo)).toList();
            if (found.isEmpty() && missing.stream().anyMatch(m -> "chain_unavailable".equals(((Map<?, ?>) m).get("error")))) {
                throw new ApiError(503, "chain_unavailable", "no token could be read: " + missing);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tokens", found);
            body.put("unavailable", missing);
            return body;
        });
    }

    /** Chain → addresses the request names, or every configured token when it names none. */
    private Map<Long, Set<String>> asked(Map<String, List<String>> query) {
        Map<Long, Set<String>> out = new LinkedHashMap<>();
        List<String> chainParam = query.get("chainId");
        List<String> addresses = query.getOrDefault("address", List.of());
        if (chainParam == null || chainParam.isEmpty()) {
            if (!addresses.isEmpty()) {
                throw new ApiError(400, "bad_query", "address needs a chainId");
            }
            chains.forEach((id, chain) -> {
                Set<String> all = new LinkedHashSet<>();
                ChainConfig c = chain.config();
                all.add(c.wrappedNative().toLowerCase(java.util.Locale.ROOT));
                c.baseTokens().forEach(t -> all.add(t.toLowerCase(java.util.Locale.ROOT)));
                c.tokens().forEach(t -> all.add(t.toLowerCase(java.util.Locale.ROOT)));
                out.put(id, all);
            });
            return out;
        }
        long chainId;
        try {
            chainId = Long.parseLong(chainParam.get(0));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_field", "chainId must be an integer, got '" + chainParam.get(0) + "'");
        }
        if (!chains.containsKey(chainId)) {
            throw new ApiError(404, "unknown_chain", "chain " + chainId + " is not served here (known: " + chains.keySet() + ")");
        }
        if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
            throw new ApiError(400, "bad_query", "give 1 to " + MAX_ADDRESSES + " address parameters, got " + addresses.size());
        }
        Set<String> checked = new LinkedHashSet<>();
        addresses.forEach(a -> checked.add(RequestBody.address(a, "address")));
        out.put(chainId, checked);
        return out;
    }

    private Mono<TokenInfo> token(LiquidityRoutes.LiquidityChain chain, String address) {
        String key = chain.config().chainId() + ":" + address;
        Mono<TokenInfo> kept = tokens.get(key);
        if (kept != null) {
            return kept;
        }
        Mono<TokenInfo> read = readToken(chain, address);
        if (tokens.size() >= MAX_KEPT) {
            return read;
        }
        // kept once read; a failure is not kept, so the next request reads again
        return tokens.computeIfAbsent(key, k -> read.cache(v -> Duration.ofMillis(Long.MAX_VALUE), e -> Duration.ZERO, () -> Duration.ZERO));
    }

    private static Mono<TokenInfo> readToken(LiquidityRoutes.LiquidityChain chain, String address) {
        Mono<Integer> decimals = call(chain, address, Erc20Answers.DECIMALS).map(data -> Erc20Answers.decimals(data)
                .orElseThrow(() -> new ApiError(422, "not_a_token", "decimals() answered " + abbreviate(data))));
        // symbol() is optional in ERC-20: a token without one that reads is shown by its address
        Mono<String> symbol = call(chain, address, Erc20Answers.SYMBOL).map(data -> Erc20Answers.symbol(data).orElse(""))
                .onErrorResume(e -> e instanceof RpcException r && r.nodeError(), e -> Mono.just(""));
        return Mono.zip(decimals, symbol).map(t -> new TokenInfo(chain.config().chainId(), address,
                t.getT2().isEmpty() ? null : t.getT2(), t.getT1()));
    }

    private static Mono<String> call(LiquidityRoutes.LiquidityChain chain, String to, String data) {
        return chain.client().ethCall(null, to, data, "latest")
                .timeout(CALL_TIMEOUT)
                .onErrorMap(e -> e instanceof RpcException r && r.nodeError(),
                        e -> new ApiError(422, "not_a_token", "the call reverted: " + e.getMessage()));
    }

    private Mono<Object> fees() {
        List<Mono<Object>> reads = new ArrayList<>();
        chains.values().forEach(chain -> reads.add(fees.computeIfAbsent(chain.config().chainId(),
                        id -> readFee(chain).cache(v -> FEE_CACHE, e -> Duration.ZERO, () -> Duration.ZERO))
                .<Object>map(f -> f)
                .onErrorResume(e -> Mono.just(Map.of("chainId", chain.config().chainId(), "error", "chain_unavailable",
                        "message", "the chain did not answer: " + e.getMessage())))));
        return Flux.mergeSequential(reads).collectList().map(all -> {
            List<Object> found = all.stream().filter(o -> o instanceof Fee).toList();
            if (found.isEmpty() && !all.isEmpty()) {
                throw new ApiError(503, "chain_unavailable", "no chain answered: " + all);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("chains", found);
            body.put("unavailable", all.stream().filter(o -> !(o instanceof Fee)).toList());
            return body;
        });
    }

    private static Mono<Fee> readFee(LiquidityRoutes.LiquidityChain chain) {
        return chain.client().latestBlock().timeout(CALL_TIMEOUT)
                .map(block -> new Fee(chain.config().chainId(), block.number(), block.baseFeePerGas().toString()));
    }

    private static Map<String, Object> unavailable(long chainId, String address, Throwable e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainId", chainId);
        m.put("address", address);
        if (e instanceof ApiError api) {
            m.put("error", api.code);
        } else {
            m.put("error", e instanceof RpcException || e instanceof TimeoutException ? "chain_unavailable" : "internal");
        }
        m.put("message", String.valueOf(e.getMessage()));
        return m;
    }

    private static String abbreviate(String data) {
        return data == null ? "nothing" : data.length() > 80 ? data.substring(0, 80) + "…" : data;
    }

    private static Publisher<Void> respond(HttpServerResponse res, Mono<Object> result) {
        return result.timeout(CALL_TIMEOUT.multipliedBy(2))
                .flatMap(body -> Mono.from(res.status(200).header("content-type", "application/json")
                        .sendString(Mono.just(ApiServer.write(body)))))
                .onErrorResume(e -> Mono.from(ApiServer.error(res, e instanceof ApiError api ? api
                        : e instanceof RpcException || e instanceof TimeoutException
                                ? new ApiError(503, "chain_unavailable", "the chain did not answer: " + e.getMessage())
                                : new ApiError(500, "internal", "internal error: " + e.getMessage()))));
    }
}
