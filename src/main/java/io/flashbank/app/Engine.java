package io.flashbank.app;

import io.flashbank.api.ApiServer;
import io.flashbank.api.MonitorEvent;
import io.flashbank.api.MonitorFeed;
import io.flashbank.chain.ChainIngest;
import io.flashbank.chain.ChainSignal;
import io.flashbank.chain.ChainStatus;
import io.flashbank.config.ChainConfig;
import io.flashbank.config.EngineConfig;
import io.flashbank.market.CanonicalAsset;
import io.flashbank.market.ChainSettings;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.MarketSettings;
import io.flashbank.rank.GasModel;
import io.flashbank.rank.OpportunityBook;
import io.flashbank.rank.WindowReport;
import io.flashbank.scan.PricingSettings;
import io.flashbank.scan.ScanKernel;
import io.flashbank.scan.ScanSettings;
import io.flashbank.scan.WindowScanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * The composition root: creates every scheduler, wires chain ingestion → window scan → ranked book → API and
 * monitoring for one configuration, and tears it all down on close.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    private final EngineConfig config;
    private final ScanKernel kernel;
    private final Clock clock = Clock.systemUTC();
    private final List<Scheduler> schedulers = new ArrayList<>();
    private final List<ChainIngest> ingests = new ArrayList<>();
    private final MonitorFeed monitor = new MonitorFeed();
    private final OpportunityBook book;
    private final Disposable.Composite running = Disposables.composite();
    private final Instant startedAt = Instant.now();
    private volatile WindowReport lastWindow;
    private DisposableServer server;

    public Engine(EngineConfig config, ScanKernel kernel) {
        this.config = config;
        this.kernel = kernel;
        this.book = new OpportunityBook(config.topN());
    }

    /** Starts the pipeline and binds the HTTP server; blocking while it binds, hence the name. */
    public Engine startNow(String host) {
        Scheduler timer = track(Schedulers.newParallel("timer", 1, true));
        Scheduler scan = track(Schedulers.newSingle("scan", true));
        List<Flux<MarketEvent>> streams = new ArrayList<>();
        for (ChainConfig chain : config.chains()) {
            Scheduler io = track(Schedulers.newBoundedElastic(4, 10_000, "chain-" + chain.chainId(), 60, true));
            ChainIngest ingest = new ChainIngest(chain, io, RPC_TIMEOUT, clock);
            ingests.add(ingest);
            streams.add(ingest.marketEvents());
            running.add(ingest.signals().subscribe(this::publish));
        }
        WindowScanner scanner = new WindowScanner(scanSettings(), kernel, timer, scan);
        running.add(scanner.reports(Flux.merge(streams))
                .subscribe(this::onWindow, e -> {
                    LOG.error("scan pipeline stopped", e);
                    monitor.publish(new MonitorEvent("error", Map.of("stage", "scan", "message", String.valueOf(e.getMessage()))));
                }));
        server = new ApiServer(book, monitor, this::health, Duration.ofSeconds(10), timer, config.topN())
                .bindNow("127.0.0.1", config.httpPort());
        return this;
    }

    /** The port the API listens on. */
    public int port() {
        return server.port();
    }

    public OpportunityBook book() {
        return book;
    }

    public MonitorFeed monitor() {
        return monitor;
    }

    public List<ChainStatus> chains() {
        return ingests.stream().map(ChainIngest::status).toList();
    }

    private ScanSettings scanSettings() {
        List<ChainSettings> chains = config.chains().stream()
                .map(c -> new ChainSettings(c.chainId(), c.wrappedNative(), c.baseTokens())).toList();
        List<CanonicalAsset> assets = config.crossChain().stream()
                .map(a -> new CanonicalAsset(a.symbol(), a.addresses())).toList();
        PricingSettings pricing = new PricingSettings(config.flashFeeBps(), config.minNetProfit().max(java.math.BigInteger.ONE),
                GasModel.defaults());
        return ScanSettings.defaults(new MarketSettings(chains, assets)).withWindow(config.window()).withPricing(pricing);
    }

    private void onWindow(WindowReport report) {
        lastWindow = report;
        book.accept(report);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("windowIndex", report.windowIndex());
        w.put("closedAt", report.closedAt().toString());
        w.put("candidatesScanned", report.candidatesScanned());
        w.put("candidatesProfitable", report.opportunitiesFound());
        w.put("opportunities", report.opportunities().size());
        w.put("scanNanos", report.scanNanos());
        w.put("kernel", report.kernel());
        monitor.publish(new MonitorEvent("window", w));
    }

    private void publish(ChainSignal signal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("chainId", signal.chainId());
        String type;
        if (signal instanceof ChainSignal.Head h) {
            type = "head";
            p.put("number", h.number());
            p.put("hash", h.hash());
            p.put("timestamp", h.timestamp());
            p.put("backfilled", h.backfilled());
            p.put("syncs", h.syncs());
        } else if (signal instanceof ChainSignal.Connected c) {
            type = "connected";
            p.put("url", c.url());
        } else if (signal instanceof ChainSignal.Disconnected d) {
            type = "error";
            p.put("stage", "chain");
            p.put("message", d.reason());
        } else if (signal instanceof ChainSignal.Reorg r) {
            type = "reorg";
            p.put("ancestor", r.ancestor());
            p.put("depth", r.depth());
            p.put("poolsReread", r.poolsReread());
        } else {
            ChainSignal.Snapshot s = (ChainSignal.Snapshot) signal;
            type = "snapshot";
            p.put("blockNumber", s.blockNumber());
            p.put("pools", s.pools());
            p.put("millis", s.millis());
        }
        monitor.publish(new MonitorEvent(type, p));
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> chains = new ArrayList<>();
        boolean allUp = true;
        for (ChainStatus s : chains()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("chainId", s.chainId());
            c.put("name", s.name());
            c.put("connected", s.connected());
            c.put("head", s.headNumber());
            c.put("headHash", s.headHash());
            c.put("lagMillis", s.lagMillis());
            c.put("pools", s.pools());
            c.put("lastError", s.lastError());
            chains.add(c);
            allUp &= s.connected();
        }
        body.put("status", allUp ? "ok" : "degraded");
        body.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        body.put("kernel", kernel.name());
        WindowReport w = lastWindow;
        body.put("lastWindow", w == null ? null : Map.of("index", w.windowIndex(), "closedAt", w.closedAt().toString(),
                "candidatesScanned", w.candidatesScanned(), "scanNanos", w.scanNanos()));
        body.put("chains", chains);
        return body;
    }

    private Scheduler track(Scheduler scheduler) {
        schedulers.add(scheduler);
        return scheduler;
    }

    @Override
    public void close() {
        running.dispose();
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
        schedulers.forEach(Scheduler::dispose);
    }
}
