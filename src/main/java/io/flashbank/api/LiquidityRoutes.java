package io.flashbank.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.AbiWords;
import io.flashbank.chain.RpcException;
import io.flashbank.config.ChainConfig;
import io.flashbank.config.HttpConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The liquidity providers' HTTP API: prepares the unsigned transactions an LP's own wallet signs (approve + commit,
 * withdraw), relays signed ones ({@link TransactionRelay}), and reports a provider's position and the loans. The service never holds an
 * LP's key. Every input is validated before anything is read from a chain; nothing is written by a bad request.
 */
public final class LiquidityRoutes {
    static final BigInteger MAX_COMMITMENT = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The gas limit a prepared commit never goes below: joining a full set and displacing its weakest member, the
     * dearest commit, measured 123,879 (commitReplacing 128,881); unused gas is refunded to the LP.
     */
    private static final long COMMIT_GAS = 200_000;

    /** One chain the API serves: its configuration and a shared RPC connection. */
    public record LiquidityChain(ChainConfig config, ChainClient client) {
        /** The contracts transactions may be relayed to (and tokens approved for): FlashBank, and the lending pool if any. */
        public Set<String> relayTargets() {
            Set<String> targets = new java.util.TreeSet<>();
            targets.add(config.flashBank().toLowerCase(java.util.Locale.ROOT));
            if (config.lendingPool() != null) {
                targets.add(config.lendingPool().toLowerCase(java.util.Locale.ROOT));
            }
            return Set.copyOf(targets);
        }
    }

    /** A broadcast transaction whose outcome is still to be reported on the monitor. */
    public record Broadcast(long chainId, String hash) {
    }

    /** Fee fields move once a block: answers share one read per chain for this long. */
    private static final Duration FEE_CACHE = Duration.ofMillis(500);
    /** Listing changes are owner actions: a configured base token's status is re-read this often. */
    private static final Duration LISTING_CACHE = Duration.ofSeconds(5);

    private final Map<Long, LiquidityChain> chains;
    private final Map<Long, Mono<BigInteger[]>> feeCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Mono<Void>> listingCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProviderHistory history;
    private final Duration bodyTimeout;
    private final TransactionRelay relay;

    /** As {@link #LiquidityRoutes(List, ProviderHistory, Sinks.Many, HttpConfig)} with the default limits. */
    public LiquidityRoutes(List<LiquidityChain> chains, ProviderHistory history, Sinks.Many<Broadcast> broadcasts) {
        this(chains, history, broadcasts, HttpConfig.defaults());
    }

    /**
     * @param broadcasts where relayed transactions go, for the receipt watcher (multi-producer, never blocking)
     * @param limits how long a request body may take to arrive (408 after) and the relay's rate limit per client
     */
    public LiquidityRoutes(List<LiquidityChain> chains, ProviderHistory history, Sinks.Many<Broadcast> broadcasts, HttpConfig limits) {
        this.bodyTimeout = limits.requestTimeout();
        Map<Long, LiquidityChain> byId = new LinkedHashMap<>();
        chains.forEach(c -> byId.put(c.config().chainId(), c));
        this.chains = Map.copyOf(byId);
        this.history = history;
        this.relay = new TransactionRelay(this::chain, this::listed, broadcasts, limits, System::nanoTime);
    }

    /** Adds the routes under {@code /api/v1}. */
    public void register(HttpServerRoutes routes) {
        routes.post(KnownPaths.PREPARE_COMMIT, (req, res) -> respond(res, RequestBody.json(req,
                        Set.of("chainId", "token", "provider", "amount"), bodyTimeout).flatMap(this::prepareCommit)))
                .post(KnownPaths.PREPARE_WITHDRAW, (req, res) -> respond(res, RequestBody.json(req,
                        Set.of("chainId", "token", "provider"), bodyTimeout).flatMap(this::prepareWithdraw)))
                .post(KnownPaths.TRANSACTIONS, (req, res) -> respond(res, Mono.defer(() -> relay.relay(req)), 202))
                .get(KnownPaths.PROVIDER, (req, res) -> respond(res, Mono.defer(() -> provider(req))))
                .get(KnownPaths.LOANS, (req, res) -> respond(res, Mono.defer(() -> loans(req))));
    }

    private Mono<Object> prepareCommit(JsonNode body) {
        LiquidityChain chain = chain(RequestBody.chainId(body));
        String token = RequestBody.address(body, "token");
        String provider = RequestBody.address(body, "provider");
        BigInteger amount = RequestBody.amount(body, "amount");
        if (amount.compareTo(MAX_COMMITMENT) > 0) {
            throw new ApiError(422, "bad_amount", "amount exceeds the largest commitment FlashBank stores (2^128 - 1)");
        }
        String bank = chain.config().flashBank();
        return listed(chain, token).then(Mono.zip(
                        uint(chain, token, fn("allowance", new Address(provider), new Address(bank))),
                        fees(chain),
                        nonce(chain, provider)))
                .flatMap(t -> {
                    BigInteger allowance = t.getT1();
                    List<Mono<Map<String, Object>>> txs = new ArrayList<>();
                    long nonce = t.getT3();
                    if (allowance.compareTo(amount) < 0) {
                        // The commitment is the cap; an unlimited approval is never consumed by loans (see README).
                        txs.add(unsigned(chain, "approve", provider, token,
                                fn("approve", new Address(bank), new Uint256(RequestBody.MAX_UINT256)), nonce++, t.getT2(), 60_000));
                    }
                    // Never less than COMMIT_GAS: commit measures what the LP can lend when it runs (an approve or a wrap
                    // mined after this estimate makes it rank the LP, which costs more than the estimate saw).
                    txs.add(unsigned(chain, "commit", provider, bank,
                            fn("commit", new Address(token), new Uint256(amount)), nonce, t.getT2(), COMMIT_GAS)
                            .map(tx -> atLeast(tx, COMMIT_GAS)));
                    return Flux.concat(txs).collectList().map(list -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("chainId", chain.config().chainId());
                        out.put("provider", provider);
                        out.put("token", token);
                        out.put("amount", amount.toString());
                        out.put("allowance", allowance.toString());
                        out.put("transactions", list);
                        return (Object) out;
                    });
                });
    }

    private Mono<Object> prepareWithdraw(JsonNode body) {
        LiquidityChain chain = chain(RequestBody.chainId(body));
        String token = RequestBody.address(body, "token");
        String provider = RequestBody.address(body, "provider");
        String bank = chain.config().flashBank();
        return Mono.zip(uint(chain, bank, fn("profitOf", new Address(token), new Address(provider))), fees(chain), nonce(chain, provider))
                .flatMap(t -> {
                    if (t.getT1().signum() == 0) {
                        return Mono.error(new ApiError(422, "nothing_to_withdraw", provider + " has no fees to withdraw in " + token));
                    }
                    return unsigned(chain, "withdrawProfits", provider, bank, fn("withdrawProfits", new Address(token)), t.getT3(), t.getT2(), 120_000)
                            .map(tx -> {
                                Map<String, Object> out = new LinkedHashMap<>();
                                out.put("chainId", chain.config().chainId());
                                out.put("provider", provider);
                                out.put("token", token);
                                out.put("amount", t.getT1().toString());
                                out.put("transactions", List.of(tx));
                                return (Object) out;
                            });
                });
    }

    /**
     * A provider's positions on every chain and its ledger history. A chain that does not answer leaves its part out
     * and is named under {@code unavailable}, as is the ledger; only when nothing answers is the whole request 503.
     */
    private Mono<Object> provider(HttpServerRequest req) {
        String provider = RequestBody.address(String.valueOf(req.param("address")), "address");
        List<Mono<ProviderPart>> parts = new ArrayList<>();
        for (LiquidityChain chain : chains.values()) {
            List<Mono<Map<String, Object>>> positions = new ArrayList<>();
            for (String token : chain.config().baseTokens()) {
                positions.add(position(chain, token, provider));
            }
            parts.add(Flux.concat(positions).collectList().map(ProviderPart::positions)
                    .timeout(CALL_TIMEOUT)
                    .onErrorResume(e -> Mono.just(ProviderPart.unavailable(Map.of("chainId", chain.config().chainId(),
                            "error", "chain_unavailable", "message", "the chain did not answer: " + e.getMessage())))));
        }
        Mono<ProviderPart> ledger = history.provider(provider).map(ProviderPart::ledger)
                .timeout(CALL_TIMEOUT)
                .onErrorResume(e -> Mono.just(ProviderPart.unavailable(Map.of("part", "ledger",
                        "error", "ledger_unavailable", "message", "the ledger database is unavailable: " + e.getMessage()))));
        parts.add(ledger);
        return Flux.mergeSequential(parts).collectList().map(all -> {
            List<Map<String, Object>> positions = new ArrayList<>();
            List<Map<String, Object>> unavailable = new ArrayList<>();
            Object ledgerRows = null;
            for (ProviderPart part : all) {
                positions.addAll(part.positions());
                if (part.unavailable() != null) {
                    unavailable.add(part.unavailable());
                }
                if (part.ledger() != null) {
                    ledgerRows = part.ledger();
                }
            }
            if (unavailable.size() == all.size()) {
                throw new ApiError(503, "unavailable", "neither the chains nor the ledger answered: " + unavailable);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("provider", provider);
            out.put("positions", positions);
            out.put("ledger", ledgerRows);
            out.put("unavailable", unavailable);
            return out;
        });
    }

    /** One source's share of a provider's answer: a chain's positions, the ledger, or why it is missing. */
    private record ProviderPart(List<Map<String, Object>> positions, Object ledger, Map<String, Object> unavailable) {
        static ProviderPart positions(List<Map<String, Object>> positions) {
            return new ProviderPart(positions, null, null);
        }

        static ProviderPart ledger(Object ledger) {
            return new ProviderPart(List.of(), ledger, null);
        }

        static ProviderPart unavailable(Map<String, Object> why) {
            return new ProviderPart(List.of(), null, why);
        }
    }

    private Mono<Map<String, Object>> position(LiquidityChain chain, String token, String provider) {
        String bank = chain.config().flashBank();
        return Mono.zip(uint(chain, bank, fn("commitmentOf", new Address(token), new Address(provider))),
                        uint(chain, bank, fn("available", new Address(token), new Address(provider))),
                        uint(chain, bank, fn("profitOf", new Address(token), new Address(provider))))
                .map(t -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("chainId", chain.config().chainId());
                    p.put("token", token);
                    p.put("commitment", t.getT1().toString());
                    p.put("availableNow", t.getT2().toString());
                    p.put("withdrawableNow", t.getT3().toString());
                    return p;
                });
    }

    private Mono<Object> loans(HttpServerRequest req) {
        Map<String, List<String>> query = RequestQuery.parameters(req);
        Long chainId = null;
        List<String> chainParam = query.get("chainId");
        if (chainParam != null && !chainParam.isEmpty()) {
            try {
                chainId = Long.parseLong(chainParam.get(0));
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad_field", "chainId must be an integer");
            }
            chain(chainId, 404);
        }
        int limit = 50;
        List<String> limitParam = query.get("limit");
        if (limitParam != null && !limitParam.isEmpty()) {
            try {
                limit = Integer.parseInt(limitParam.get(0));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw new ApiError(400, "bad_limit", "limit must be an integer in [1, 1000]");
            }
        }
        return history.loans(chainId, limit).onErrorMap(this::ledgerDown).map(list -> Map.of("loans", list));
    }

    private LiquidityChain chain(long chainId) {
        return chain(chainId, 422);
    }

    /** The served chain {@code chainId}; {@code status} 422 when a body names an unknown one, 404 for a query. */
    private LiquidityChain chain(long chainId, int status) {
        LiquidityChain chain = chains.get(chainId);
        if (chain == null) {
            throw new ApiError(status, "unknown_chain", "chain " + chainId + " is not served here (known: " + chains.keySet() + ")");
        }
        return chain;
    }

    private Mono<Void> listed(LiquidityChain chain, String token) {
        if (!chain.config().baseTokens().contains(token)) {
            return readListed(chain, token);
        }
        // Only configured tokens are cached, so request input cannot grow this map.
        return listingCache.computeIfAbsent(chain.config().chainId() + ":" + token,
                key -> readListed(chain, token).cache(v -> LISTING_CACHE, e -> Duration.ZERO, () -> LISTING_CACHE));
    }

    private Mono<Void> readListed(LiquidityChain chain, String token) {
        return uint(chain, chain.config().flashBank(), fn("isListed", new Address(token))).flatMap(v -> v.signum() == 0
                ? Mono.error(new ApiError(422, "token_not_listed", token + " is not listed by FlashBank on chain " + chain.config().chainId()))
                : Mono.empty());
    }

    /** [maxFeePerGas, maxPriorityFeePerGas]: twice the latest base fee plus the configured tip, and the tip. */
    private Mono<BigInteger[]> fees(LiquidityChain chain) {
        return feeCache.computeIfAbsent(chain.config().chainId(),
                id -> readFees(chain).cache(v -> FEE_CACHE, e -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<BigInteger[]> readFees(LiquidityChain chain) {
        BigInteger tip = chain.config().priorityFeeWei();
        return chain.client().latestBlock().map(block -> new BigInteger[] {block.baseFeePerGas().shiftLeft(1).add(tip), tip});
    }

    private Mono<Long> nonce(LiquidityChain chain, String account) {
        return chain.client().nonce(account, "pending").map(BigInteger::longValueExact);
    }

    private Mono<Map<String, Object>> unsigned(LiquidityChain chain, String purpose, String from, String to, Function call,
                                               long nonce, BigInteger[] fees, long fallbackGas) {
        String data = FunctionEncoder.encode(call);
        return chain.client().estimateGas(from, to, data, BigInteger.ZERO, "latest")
                .map(g -> g.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN))
                // A commit after a not-yet-mined approve cannot always be estimated; fall back to a safe bound.
                .onErrorResume(e -> e instanceof RpcException r && r.nodeError(), e -> Mono.just(BigInteger.valueOf(fallbackGas)))
                .map(gas -> {
                    Map<String, Object> tx = new LinkedHashMap<>();
                    tx.put("purpose", purpose);
                    tx.put("type", "0x2");
                    tx.put("chainId", "0x" + Long.toHexString(chain.config().chainId()));
                    tx.put("from", from);
                    tx.put("to", to);
                    tx.put("data", data);
                    tx.put("value", "0x0");
                    tx.put("nonce", "0x" + Long.toHexString(nonce));
                    tx.put("gas", "0x" + gas.toString(16));
                    tx.put("maxFeePerGas", "0x" + fees[0].toString(16));
                    tx.put("maxPriorityFeePerGas", "0x" + fees[1].toString(16));
                    return tx;
                });
    }

    /** {@code tx} with a gas limit of at least {@code gas}. */
    private static Map<String, Object> atLeast(Map<String, Object> tx, long gas) {
        BigInteger limit = new BigInteger(((String) tx.get("gas")).substring(2), 16);
        if (limit.compareTo(BigInteger.valueOf(gas)) < 0) {
            tx.put("gas", "0x" + Long.toHexString(gas));
        }
        return tx;
    }

    private Mono<BigInteger> uint(LiquidityChain chain, String to, Function call) {
        return chain.client().ethCall(null, to, FunctionEncoder.encode(call), "latest")
                .map(word -> AbiWords.exactly(word, 1, call.getName()).uint(0));
    }

    private Throwable ledgerDown(Throwable e) {
        return e instanceof ApiError ? e : new ApiError(503, "ledger_unavailable", "the ledger database is unavailable: " + e.getMessage());
    }

    private static Publisher<Void> respond(HttpServerResponse res, Mono<Object> result) {
        return respond(res, result, 200);
    }

    private static Publisher<Void> respond(HttpServerResponse res, Mono<Object> result, int status) {
        return result.timeout(CALL_TIMEOUT.multipliedBy(2))
                .flatMap(body -> Mono.from(res.status(status).header("content-type", "application/json").sendString(Mono.just(ApiServer.write(body)))))
                .onErrorResume(e -> Mono.from(ApiServer.error(res, asApiError(e))));
    }

    private static ApiError asApiError(Throwable e) {
        if (e instanceof ApiError api) {
            return api;
        }
        if (e instanceof RpcException || e instanceof TimeoutException) {
            return new ApiError(503, "chain_unavailable", "the chain did not answer: " + e.getMessage());
        }
        return new ApiError(500, "internal", "internal error: " + e.getMessage());
    }

    @SuppressWarnings("rawtypes")
    private static Function fn(String name, Type... args) {
        return new Function(name, List.of(args), List.of());
    }
}
