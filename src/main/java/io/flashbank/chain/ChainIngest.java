package io.flashbank.chain;

import io.flashbank.config.ChainConfig;
import io.flashbank.config.FactoryConfig;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.Pool;
import io.flashbank.market.PoolState;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Follows one configured chain and turns it into {@link MarketEvent}s: a pool snapshot at start (PoolQuery pages,
 * in parallel), then the reserves each canonical block's Sync logs set, new pairs from PairCreated, gas prices,
 * and re-read reserves after a reorg. Reconnects with backoff and resumes from the last processed block.
 */
public final class ChainIngest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChainIngest.class);
    /** Pairs per PoolQuery page; about 15k gas a pair keeps a page well inside a node's eth_call gas cap. */
    static final int PAGE = 500;
    private static final int PAGE_CONCURRENCY = 4;

    private final ChainConfig config;
    private final Scheduler scheduler;
    private final Duration rpcTimeout;
    private final Clock clock;
    private final Set<String> factories = new HashSet<>();
    private final Map<String, Integer> feeByFactory = new HashMap<>();
    private final Set<String> tokenFilter;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> touchedByBlock = new HashMap<>();
    private final Sinks.Many<ChainSignal> signals = Sinks.many().multicast().directBestEffort();
    private BlockFollower follower;

    private volatile boolean connected;
    private volatile ChainBlock head;
    private volatile Instant headSeenAt;
    private volatile String lastError;

    /**
     * @param scheduler the chain's bounded scheduler: connects and answer handling run there
     * @param rpcTimeout the timeout of every RPC call
     */
    public ChainIngest(ChainConfig config, Scheduler scheduler, Duration rpcTimeout, Clock clock) {
        this.config = config;
        this.scheduler = scheduler;
        this.rpcTimeout = rpcTimeout;
        this.clock = clock;
        for (FactoryConfig f : config.factories()) {
            factories.add(f.address());
            feeByFactory.put(f.address(), f.feeBps());
        }
        this.tokenFilter = Set.copyOf(config.tokens());
    }

    public long chainId() {
        return config.chainId();
    }

    /**
     * The chain as market events, forever: cold, for one subscriber; reconnects with exponential backoff (250 ms to
     * 5 s) after any connection or RPC failure, back-filling the blocks it missed. Emits on the chain's scheduler.
     */
    public Flux<MarketEvent> marketEvents() {
        return WebSocketRpc.connect(config.rpc().toString(), scheduler, rpcTimeout)
                .flatMapMany(this::session)
                .doOnError(e -> {
                    connected = false;
                    lastError = e.getMessage();
                    signals.tryEmitNext(new ChainSignal.Disconnected(chainId(), String.valueOf(e.getMessage())));
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250))
                        .maxBackoff(Duration.ofSeconds(5))
                        .transientErrors(true)
                        .scheduler(scheduler)
                        // one line per retry, no stack trace: the reason is the whole story
                        .doBeforeRetry(retry -> LOG.warn("chain {} ({}): {}; reconnecting (attempt {})", chainId(), config.name(),
                                retry.failure().getMessage(), retry.totalRetriesInARow() + 1)));
    }

    /** Monitoring signals, hot; a subscriber that cannot keep up misses signals rather than slowing the chain. */
    public Flux<ChainSignal> signals() {
        return signals.asFlux();
    }

    /** The connection's current state. */
    public ChainStatus status() {
        ChainBlock h = head;
        Instant seen = headSeenAt;
        long lag = seen == null ? -1 : Duration.between(seen, clock.instant()).toMillis();
        return new ChainStatus(chainId(), config.name(), connected, h == null ? -1 : h.number(), h == null ? null : h.hash(),
                seen, lag, pools.size(), lastError);
    }

    private Flux<MarketEvent> session(ChainRpc rpc) {
        connected = true;
        signals.tryEmitNext(new ChainSignal.Connected(chainId(), config.rpc().toString()));
        Flux<MarketEvent> start = follower == null ? checkChainId(rpc).then(checkCode(rpc)).thenMany(snapshot(rpc)) : Flux.empty();
        Flux<ChainBlock> heads = Flux.concat(latest(rpc), rpc.newHeads().map(node -> ChainBlock.parse(chainId(), node)));
        return start
                .concatWith(heads.concatMap(h -> follower.onHead(rpc, h)).concatMap(event -> apply(rpc, event)))
                .doFinally(signal -> rpc.close());
    }

    private Mono<Void> checkChainId(ChainRpc rpc) {
        return rpc.call("eth_chainId", List.of()).flatMap(node -> {
            long actual = Quantities.bareQuantity(node, "eth_chainId").longValue();
            if (actual != chainId()) {
                return Mono.error(new RpcException("node at " + config.rpc() + " has chain id " + actual
                        + ", configured " + chainId()));
            }
            return Mono.empty();
        });
    }

    /**
     * Every configured contract must have code on the chain: a wrong address (an account, another chain's contract)
     * otherwise starts "ok" and fails every call with an undecodable answer. Names the field and the address.
     */
    private Mono<Void> checkCode(ChainRpc rpc) {
        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put("flashBank", config.flashBank());
        contracts.put("executor", config.executor());
        contracts.put("poolQuery", config.poolQuery());
        contracts.put("wrappedNative", config.wrappedNative());
        for (int i = 0; i < config.factories().size(); i++) {
            contracts.put("factories[" + i + "]", config.factories().get(i).address());
        }
        for (int i = 0; i < config.baseTokens().size(); i++) {
            contracts.put("baseTokens[" + i + "]", config.baseTokens().get(i));
        }
        return Flux.fromIterable(contracts.entrySet())
                .concatMap(c -> rpc.call("eth_getCode", List.of(c.getValue(), "latest")).flatMap(code -> {
                    String hex = code.asText();
                    if (hex.isEmpty() || hex.equals("0x")) {
                        return Mono.error(new RpcException(c.getKey() + " " + c.getValue()
                                + " has no contract code on chain " + chainId() + " (check the address in the configuration)"));
                    }
                    return Mono.empty();
                }))
                .then();
    }

    private Mono<ChainBlock> latest(ChainRpc rpc) {
        return rpc.call("eth_getBlockByNumber", List.of("latest", false)).map(node -> ChainBlock.parse(chainId(), node));
    }

    private Flux<MarketEvent> snapshot(ChainRpc rpc) {
        long started = System.nanoTime();
        PoolQueryClient query = new PoolQueryClient(rpc, config.poolQuery());
        // The snapshot block's gas price first, so the first window can price what the snapshot holds.
        return latest(rpc).flatMapMany(block -> Flux.concat(Mono.just(gasPrice(block)), snapshotPools(query, block),
                Mono.fromRunnable(() -> {
                    follower = new BlockFollower(block, List.of(EventTopics.SYNC, EventTopics.PAIR_CREATED));
                    head = block;
                    headSeenAt = clock.instant();
                    signals.tryEmitNext(new ChainSignal.Snapshot(chainId(), block.number(), pools.size(),
                            (System.nanoTime() - started) / 1_000_000));
                })));
    }

    /** Every configured factory's pairs at {@code block}, in PoolQuery pages, a few pages in flight. */
    private Flux<MarketEvent> snapshotPools(PoolQueryClient query, ChainBlock block) {
        return Flux.fromIterable(config.factories())
                .concatMap(factory -> query.pairs(factory.address(), 0, PAGE, block.number()).flatMapMany(first -> {
                    long total = first.total().min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue();
                    Flux<PoolQueryClient.PairPage> rest = Flux.range(1, (int) Math.max(0, (total - 1) / PAGE))
                            .flatMapSequential(page -> query.pairs(factory.address(), (long) page * PAGE, PAGE, block.number()),
                                    PAGE_CONCURRENCY);
                    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
                    java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
                    return Flux.concat(Mono.just(first), rest).map(page -> {
                        long done = read.addAndGet(page.pairs().size());
                        signals.tryEmitNext(new ChainSignal.SnapshotProgress(chainId(), factory.address(), done, total));
                        if (pages.getAndIncrement() % 10 == 0 || done >= total) {
                            LOG.info("chain {} snapshot: {} of {} pairs of factory {} read", chainId(), done, total, factory.address());
                        }
                        return discovered(factory, page, block.number());
                    });
                }))
                .filter(event -> !event.pools().isEmpty())
                .cast(MarketEvent.class);
    }

    /** What a transaction in the block after {@code block} would pay per gas: its base fee plus the configured tip. */
    private MarketEvent.GasPriceChanged gasPrice(ChainBlock block) {
        return new MarketEvent.GasPriceChanged(chainId(), block.number(), block.baseFeePerGas().add(config.priorityFeeWei()));
    }

    private MarketEvent.PoolsDiscovered discovered(FactoryConfig factory, PoolQueryClient.PairPage page, long blockNumber) {
        List<PoolState> states = new ArrayList<>();
        for (int i = 0; i < page.pairs().size(); i++) {
            String t0 = page.token0().get(i);
            String t1 = page.token1().get(i);
            if (!tracks(t0, t1) || pools.containsKey(page.pairs().get(i))) {
                continue;
            }
            Pool pool = new Pool(chainId(), page.pairs().get(i), t0, t1, factory.address(), factory.feeBps());
            pools.put(pool.address(), pool);
            states.add(new PoolState(pool, page.reserve0().get(i), page.reserve1().get(i), blockNumber));
        }
        return new MarketEvent.PoolsDiscovered(chainId(), states);
    }

    private boolean tracks(String token0, String token1) {
        if (token0.equals(token1) || token0.equals("0x0000000000000000000000000000000000000000")) {
            return false;
        }
        return tokenFilter.isEmpty() || (tokenFilter.contains(token0) && tokenFilter.contains(token1));
    }

    private Flux<MarketEvent> apply(ChainRpc rpc, BlockEvent event) {
        if (event instanceof BlockEvent.Canonical canonical) {
            return Flux.fromIterable(canonical(canonical));
        }
        BlockEvent.Reorged reorg = (BlockEvent.Reorged) event;
        Set<String> touched = new HashSet<>();
        for (ChainBlock orphan : reorg.orphaned()) {
            Set<String> t = touchedByBlock.remove(orphan.number());
            if (t != null) {
                touched.addAll(t);
            }
        }
        long ancestor = reorg.ancestor().number();
        if (touched.isEmpty()) {
            signals.tryEmitNext(new ChainSignal.Reorg(chainId(), ancestor, reorg.orphaned().size(), 0));
            return Flux.empty();
        }
        List<String> list = new ArrayList<>(touched);
        return new PoolQueryClient(rpc, config.poolQuery()).reserves(list, ancestor).map(reserves -> {
            List<PoolState> states = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                states.add(new PoolState(pools.get(list.get(i)), reserves.reserve0().get(i), reserves.reserve1().get(i), ancestor));
            }
            signals.tryEmitNext(new ChainSignal.Reorg(chainId(), ancestor, reorg.orphaned().size(), states.size()));
            return (MarketEvent) new MarketEvent.ReservesChanged(chainId(), ancestor, states);
        }).flux();
    }

    private List<MarketEvent> canonical(BlockEvent.Canonical canonical) {
        ChainBlock block = canonical.header();
        Map<String, BigInteger[]> reserves = new LinkedHashMap<>();
        List<Pool> created = new ArrayList<>();
        for (ChainLog log : canonical.logs()) {
            if (EventTopics.PAIR_CREATED.equals(log.topic0()) && factories.contains(log.address())) {
                String[] p = EventTopics.pairCreated(log);
                if (tracks(p[0], p[1]) && !pools.containsKey(p[2])) {
                    Pool pool = new Pool(chainId(), p[2], p[0], p[1], log.address(), feeByFactory.get(log.address()));
                    pools.put(pool.address(), pool);
                    created.add(pool);
                }
            } else if (EventTopics.SYNC.equals(log.topic0()) && pools.containsKey(log.address())) {
                reserves.put(log.address(), EventTopics.syncReserves(log));
            }
        }
        List<MarketEvent> events = new ArrayList<>(3);
        if (!created.isEmpty()) {
            List<PoolState> states = new ArrayList<>();
            for (Pool pool : created) {
                BigInteger[] r = reserves.remove(pool.address());
                states.add(new PoolState(pool, r == null ? BigInteger.ZERO : r[0], r == null ? BigInteger.ZERO : r[1], block.number()));
            }
            events.add(new MarketEvent.PoolsDiscovered(chainId(), states));
        }
        if (!reserves.isEmpty()) {
            List<PoolState> states = new ArrayList<>(reserves.size());
            reserves.forEach((address, r) -> states.add(new PoolState(pools.get(address), r[0], r[1], block.number())));
            events.add(new MarketEvent.ReservesChanged(chainId(), block.number(), states));
        }
        events.add(gasPrice(block));
        Set<String> touched = new HashSet<>(reserves.keySet());
        created.forEach(p -> touched.add(p.address()));
        touchedByBlock.put(block.number(), touched);
        touchedByBlock.keySet().removeIf(n -> n <= block.number() - BlockFollower.DEPTH);
        head = block;
        headSeenAt = clock.instant();
        signals.tryEmitNext(new ChainSignal.Head(chainId(), block.number(), block.hash(), block.timestamp(),
                canonical.backfilled(), reserves.size(), headSeenAt));
        return events;
    }
}
