package io.flashbank.metrics;

import io.flashbank.chain.ChainSignal;
import io.flashbank.chain.ChainStatus;
import io.flashbank.execute.Execution;
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
 * reconnects and reorgs; per window candidates, scan time and opportunities; executions by status and their gas; the
 * ledger outbox; stream clients. Names and labels follow Prometheus conventions (base units, {@code _total} counters).
 *
 * <p>Amounts of money are not exported: a Prometheus sample is a double, and wei do not fit one exactly; the ledger
 * holds them exactly.
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
            registry.counter("flashbank.chain.disconnects", "chain_id", chain).increment();
        } else if (signal instanceof ChainSignal.Reorg r) {
            registry.counter("flashbank.chain.reorgs", "chain_id", chain).increment();
        }
    }

    /** A window's scan. */
    public void window(WindowReport report) {
        scan.record(report.scanNanos(), TimeUnit.NANOSECONDS);
        candidates.increment(report.candidatesScanned());
        lastOpportunities.set(report.opportunities().size());
    }

    /** An execution's outcome: counted by chain and status, with the gas it used. */
    public void execution(Execution e) {
        String chain = String.valueOf(e.chainId());
        registry.counter("flashbank.executions", "chain_id", chain, "status", e.status().name().toLowerCase(Locale.ROOT)).increment();
        if (e.gasUsed() > 0) {
            registry.counter("flashbank.execution.gas.used", "chain_id", chain).increment(e.gasUsed());
        }
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

    /** The scrape, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
