package io.flashbank.metrics;

import io.flashbank.chain.ChainSignal;
import io.flashbank.chain.ChainStatus;
import io.flashbank.execute.Execution;
import io.flashbank.execute.ExecutionReport;
import io.flashbank.ledger.LedgerSignal;
import io.flashbank.rank.WindowReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The engine's metrics in Prometheus' text format ({@code GET /metrics}): per chain head lag, connection, pools,
 * reconnects, reorgs and RPC latency; per window candidates, scan time and opportunities; executions by status and
 * reason, the time from taking an opportunity to sending it (exact re-quote, plan, simulation, signing), realised
 * profit and gas; the ledger's cursor, its lag and batch time, rollbacks and failures, its outbox and its connection
 * pool; HTTP requests (Reactor Netty's recorder, by route template); stream clients. Names and labels follow
 * Prometheus conventions (base units, {@code _total} counters); every label has a bounded set of values.
 *
 * <p>Realised profit is a double here, as every Prometheus sample is: exact to the wei up to 2^53 wei a sample, and
 * the running sum rounds beyond that. The ledger holds every amount exactly.
 */
public final class EngineMetrics {
    /** The exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger lastOpportunities = new AtomicInteger();
    private final Timer scan;
    private final Counter candidates;
    private LongSupplier written;
    private final java.util.Map<String, Timer> rpcTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, java.util.concurrent.atomic.AtomicLong> ledgerCursors = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpMetrics http = new HttpMetrics(registry);
    private Object poolMetricsHolder;

    /** @param chains the chains' current states, read at each scrape (cheap, non-blocking) */
    public EngineMetrics(List<Long> chainIds, Supplier<List<ChainStatus>> chains) {
        for (long id : chainIds) {
            String chain = String.valueOf(id);
            Gauge.builder("flashbank.chain.head.lag", () -> status(chains, id, s -> s.lagMillis() < 0 ? Double.NaN : s.lagMillis() / 1000.0))
                    .baseUnit("seconds").description("age of the chain's latest head").tag("chain_id", chain).register(registry);
            Gauge.builder("flashbank.chain.connected", () -> status(chains, id, s -> s.connected() ? 1 : 0))
                    .description("1 while the chain's head subscription is connected").tag("chain_id", chain).register(registry);
            Gauge.builder("flashbank.chain.pools", () -> status(chains, id, s -> s.pools()))
                    .description("pools followed on the chain").tag("chain_id", chain).register(registry);
            java.util.concurrent.atomic.AtomicLong cursor = ledgerCursors.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicLong(-1));
            Gauge.builder("flashbank.ledger.cursor.block", cursor, c -> c.get() < 0 ? Double.NaN : c.get())
                    .description("the last block the ledger has recorded").tag("chain_id", chain).register(registry);
            Gauge.builder("flashbank.ledger.cursor.lag", cursor, c -> {
                        double head = status(chains, id, s -> s.headNumber());
                        return c.get() < 0 || Double.isNaN(head) || head < 0 ? Double.NaN : head - c.get();
                    })
                    .baseUnit("blocks").description("blocks between the chain's head and the ledger's cursor (at least the confirmations)")
                    .tag("chain_id", chain).register(registry);
        }
        scan = Timer.builder("flashbank.window.scan").description("scan kernel time per window").register(registry);
        candidates = Counter.builder("flashbank.window.candidates").description("candidates scanned").register(registry);
        Gauge.builder("flashbank.window.opportunities", lastOpportunities, AtomicInteger::get)
                .description("opportunities the last window reported").register(registry);
    }

    private static double status(Supplier<List<ChainStatus>> chains, long id, java.util.function.ToDoubleFunction<ChainStatus> f) {
        for (ChainStatus s : chains.get()) {
            if (s.chainId() == id) {
                return f.applyAsDouble(s);
            }
        }
        return Double.NaN;
    }

    /** The ledger outbox: records pending now, and written since start. */
    public void outbox(IntSupplier pending, LongSupplier written) {
        // Micrometer keeps only a weak reference to a function counter's object: hold it here
        this.written = written;
        Gauge.builder("flashbank.ledger.outbox.pending", pending::getAsInt).baseUnit("records")
                .description("execution records not yet in the database").register(registry);
        FunctionCounter.builder("flashbank.ledger.outbox.written", written, LongSupplier::getAsLong).baseUnit("records")
                .description("execution records written to the database since start").register(registry);
    }

    /** Stream clients now, by kind ({@code websocket}, {@code sse}). */
    public void streams(IntSupplier webSocket, IntSupplier sse) {
        Gauge.builder("flashbank.stream.clients", webSocket::getAsInt).tag("kind", "websocket")
                .description("stream clients connected").register(registry);
        Gauge.builder("flashbank.stream.clients", sse::getAsInt).tag("kind", "sse")
                .description("stream clients connected").register(registry);
    }

    /** Counts a chain's reconnects and reorgs from its monitoring signals. */
    public void chainSignal(ChainSignal signal) {
        String chain = String.valueOf(signal.chainId());
        if (signal instanceof ChainSignal.Disconnected) {
            counter("flashbank.chain.disconnects", "times the chain connection dropped or could not be made", "chain_id", chain).increment();
        } else if (signal instanceof ChainSignal.Reorg r) {
            counter("flashbank.chain.reorgs", "reorgs the block follower saw", "chain_id", chain).increment();
        }
    }

    /** A window's scan. */
    public void window(WindowReport report) {
        scan.record(report.scanNanos(), TimeUnit.NANOSECONDS);
        candidates.increment(report.candidatesScanned());
        lastOpportunities.set(report.opportunities().size());
    }

    /**
     * An execution's outcome: counted by chain, status and reason class, with the gas it used, the profit it
     * realised, and how long it took from taking the opportunity to sending it (or to giving up before sending).
     */
    public void execution(ExecutionReport report) {
        Execution e = report.execution();
        String chain = String.valueOf(e.chainId());
        counter("flashbank.executions", "execution attempts by outcome and reason class", "chain_id", chain, "status",
                e.status().name().toLowerCase(Locale.ROOT),
                "reason", ExecutionReasons.classify(e.status(), e.reason())).increment();
        if (e.gasUsed() > 0) {
            counter("flashbank.execution.gas.used", "gas used by mined and reverted executions", "chain_id", chain).increment(e.gasUsed());
        }
        if (e.realizedProfit().signum() > 0) {
            Counter.builder("flashbank.execution.realized.profit").baseUnit("wei")
                    .description("profit the executor's Executed events reported, in the borrowed token's smallest unit (a double)")
                    .tags("chain_id", chain, "token", e.token()).register(registry).increment(e.realizedProfit().doubleValue());
        }
        java.time.Duration prepare = report.sentAt() != null ? report.receivedToSent()
                : java.time.Duration.between(report.receivedAt(), e.finishedAt());
        Timer.builder("flashbank.execution.prepare")
                .description("from taking an opportunity to sending it (re-quote, pull plan, simulation, signing) or to skipping it")
                .tags("chain_id", chain, "outcome", report.sentAt() != null ? "sent" : "skipped").register(registry)
                .record(prepare.isNegative() ? java.time.Duration.ZERO : prepare);
    }

    /** The ledger indexer's signals: its cursor, batch time, rollbacks and failures. */
    public void ledger(LedgerSignal signal) {
        String chain = String.valueOf(signal.chainId());
        if (signal instanceof LedgerSignal.BatchWritten b) {
            ledgerCursors.computeIfAbsent(b.chainId(), k -> new java.util.concurrent.atomic.AtomicLong(-1)).set(b.toBlock());
            Timer.builder("flashbank.ledger.batch").description("one ledger batch: reading the blocks' logs and writing them")
                    .tag("chain_id", chain).register(registry).record(b.millis(), TimeUnit.MILLISECONDS);
        } else if (signal instanceof LedgerSignal.RolledBack r) {
            ledgerCursors.computeIfAbsent(r.chainId(), k -> new java.util.concurrent.atomic.AtomicLong(-1)).set(r.ancestor());
            counter("flashbank.ledger.rollbacks", "ledger rollbacks of reorged blocks", "chain_id", chain).increment();
        } else if (signal instanceof LedgerSignal.Failed f) {
            counter("flashbank.ledger.failures", "failed ledger indexer steps by stage", "chain_id", chain, "stage", f.stage()).increment();
        }
    }

    /** The ledger's R2DBC connection pool, read at each scrape (empty when the pool keeps no metrics). */
    public void connectionPool(Supplier<java.util.Optional<io.r2dbc.pool.PoolMetrics>> pool) {
        this.poolMetricsHolder = pool;
        java.util.Map<String, java.util.function.ToIntFunction<io.r2dbc.pool.PoolMetrics>> states = java.util.Map.of(
                "acquired", io.r2dbc.pool.PoolMetrics::acquiredSize, "idle", io.r2dbc.pool.PoolMetrics::idleSize,
                "pending", io.r2dbc.pool.PoolMetrics::pendingAcquireSize);
        states.forEach((state, f) -> Gauge.builder("flashbank.db.pool.connections", pool,
                        p -> p.get().map(m -> (double) f.applyAsInt(m)).orElse(Double.NaN))
                .description("the ledger's database connections by state (pending: callers waiting for one)").tag("state", state)
                .register(registry));
        Gauge.builder("flashbank.db.pool.connections.max", pool, p -> p.get().map(m -> (double) m.getMaxAllocatedSize()).orElse(Double.NaN))
                .description("the most connections the pool opens").register(registry);
    }

    /** Reactor Netty's HTTP server recorder, writing into this registry. */
    public reactor.netty.http.server.HttpServerMetricsRecorder http() {
        return http;
    }

    /**
     * The RPC observer for a chain client: a timer per chain, method and outcome. The methods are the engine's own
     * fixed set, so the labels stay bounded.
     */
    public io.flashbank.chain.RpcObserver rpc() {
        // one timer per label set, built once: every RPC call passes here
        return (chainId, method, nanos, outcome) -> rpcTimers.computeIfAbsent(chainId + " " + method + " " + outcome,
                key -> Timer.builder("flashbank.rpc.calls")
                        .description("JSON-RPC calls to the chains: latency by method and outcome")
                        .tags("chain_id", String.valueOf(chainId), "method", method, "outcome", outcome)
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** The scrape, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
