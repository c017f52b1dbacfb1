package io.flashbank.app;

import io.flashbank.api.ApiServer;
import io.flashbank.api.BroadcastWatcher;
import io.flashbank.api.Health;
import io.flashbank.api.LedgerHistory;
import io.flashbank.api.ChainFacts;
import io.flashbank.api.LiquidityRoutes;
import io.flashbank.api.MonitorEvent;
import io.flashbank.api.MonitorEvents;
import io.flashbank.api.MonitorFeed;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainIngest;
import io.flashbank.chain.ChainSignal;
import io.flashbank.chain.ChainStatus;
import io.flashbank.config.ChainConfig;
import io.flashbank.config.EngineConfig;
import io.flashbank.execute.CalibratedGasModel;
import io.flashbank.execute.ChainExecutor;
import io.flashbank.execute.Execution;
import io.flashbank.execute.ExecutorContracts;
import io.flashbank.execute.ExecutorSettings;
import io.flashbank.execute.PullMode;
import io.flashbank.metrics.EngineMetrics;
import org.web3j.crypto.Credentials;
import io.flashbank.market.CanonicalAsset;
import io.flashbank.market.ChainSettings;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.MarketSettings;
import io.flashbank.rank.OpportunityBook;
import io.flashbank.rank.WindowReport;
import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.PricingSettings;
import io.flashbank.scan.ScanKernel;
import io.flashbank.scan.ScanSettings;
import io.flashbank.scan.WindowScanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
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
    private final Map<Long, ChainClient> clients = new HashMap<>();
    private volatile WindowReport lastWindow;
    private DisposableServer server;
    private LedgerStage ledger;
    private EngineMetrics metrics;

    private final Credentials searcher;
    private final CalibratedGasModel gas = CalibratedGasModel.create();

    private final KernelChoice kernelChoice;

    /** An engine that detects and ranks with {@code kernel} but executes nothing. */
    public Engine(EngineConfig config, ScanKernel kernel) {
        this(config, new KernelChoice(kernel, kernel.name(), "given by the caller"), null);
    }

    /**
     * @param kernel the scan kernel chosen at start, with the device and the reason (shown in /health and on SSE);
     *     the engine closes it when it closes
     * @param searcher the key that owns the chains' ArbitrageExecutors; null to execute nothing
     */
    public Engine(EngineConfig config, KernelChoice kernel, Credentials searcher) {
        this.config = config;
        this.kernelChoice = kernel;
        this.kernel = kernel.kernel();
        this.searcher = searcher;
        this.book = new OpportunityBook(config.topN());
    }

    /** Starts the ledger, the pipeline and the HTTP server; blocking while the database starts and the server binds. */
    public Engine startNow(String host) {
        Scheduler timer = track(Schedulers.newParallel("timer", 1, true));
        Scheduler scan = track(Schedulers.newSingle("scan", true));
        ledger = LedgerStage.startNow(config.database(), timer);
        metrics = new EngineMetrics(config.chains().stream().map(ChainConfig::chainId).toList(), this::chains);
        metrics.outbox(() -> ledger.outbox().pending(), () -> ledger.outbox().written());
        List<Flux<MarketEvent>> streams = new ArrayList<>();
        List<LiquidityRoutes.LiquidityChain> lpChains = new ArrayList<>();
        for (ChainConfig chain : config.chains()) {
            Scheduler io = track(Schedulers.newBoundedElastic(4, 10_000, "chain-" + chain.chainId(), 60, true));
            ChainIngest ingest = new ChainIngest(chain, io, RPC_TIMEOUT, clock);
            ingests.add(ingest);
            streams.add(ingest.marketEvents());
            running.add(ingest.signals().subscribe(signal -> {
                metrics.chainSignal(signal);
                monitor.publish(MonitorEvents.chain(signal));
            }));
            ChainClient client = new ChainClient(chain.chainId(), chain.rpc().toString(), io, RPC_TIMEOUT, metrics.rpc());
            clients.put(chain.chainId(), client);
            lpChains.add(new LiquidityRoutes.LiquidityChain(chain, client));
            startExecutor(chain, client, io);
        }
        Map<Long, Flux<ChainSignal>> canonical = new java.util.HashMap<>();
        ingests.forEach(ingest -> canonical.put(ingest.chainId(), ingest.signals()));
        ledger.start(config.chains(), clients, canonical, config.database().confirmations(), timer, monitor, metrics::ledger);
        metrics.connectionPool(ledger::poolMetrics);
        LOG.info("scan kernel {} on {}: {}", kernel.name(), kernelChoice.device(), kernelChoice.reason());
        WindowScanner scanner = new WindowScanner(scanSettings(), kernel, timer, scan);
        running.add(scanner.reports(Flux.merge(streams))
                .subscribe(this::onWindow, e -> {
                    LOG.error("scan pipeline stopped", e);
                    monitor.publish(MonitorEvent.Error.of(null, "scan", String.valueOf(e.getMessage())));
                }));
        Sinks.Many<LiquidityRoutes.Broadcast> broadcasts = Sinks.many().unicast().onBackpressureBuffer();
        running.add(new BroadcastWatcher(clients, timer).watch(broadcasts.asFlux()).subscribe(monitor::publish));
        LiquidityRoutes lp = new LiquidityRoutes(lpChains, new LedgerHistory(ledger.ledger()), broadcasts, config.http());
        ApiServer api = new ApiServer(book, monitor, this::health, Duration.ofSeconds(10), timer, config.topN(), config.http(),
                metrics::scrape).recordingTo(metrics.http());
        metrics.streams(api::webSocketClients, api::sseClients);
        ChainFacts facts = new ChainFacts(lpChains);
        server = api.bindNow(host, config.httpPort(), routes -> {
            lp.register(routes);
            facts.register(routes);
        });
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

    /**
     * The last window's report, or null before the first. It is set on the scan thread just before the report
     * reaches the book, so a {@link OpportunityBook#views()} subscriber sees the window that produced each view.
     */
    public WindowReport lastWindow() {
        return lastWindow;
    }

    public List<ChainStatus> chains() {
        return ingests.stream().map(ChainIngest::status).toList();
    }

    private void startExecutor(ChainConfig chain, ChainClient client, Scheduler io) {
        if (searcher == null || !config.execution().enabled()) {
            return;
        }
        ExecutorSettings settings = ExecutorSettings.defaults()
                .withMinNetProfit(config.execution().minNetProfit())
                .withPullMode(PullMode.parse(config.execution().pullMode()))
                .withReceiptTimeout(config.execution().receiptTimeout(), Duration.ofMillis(250))
                .withPriorityFeeWei(chain.priorityFeeWei());
        ChainExecutor executor = ChainExecutor.create(ExecutorContracts.of(chain), client, searcher, settings, gas, io);
        Mono<Integer> seeded = settings.pullMode() == PullMode.FAIR ? FairPullSeed.seed(ledger.ledger(), chain, executor) : Mono.just(0);
        running.add(seeded.thenMany(executor.reportsFromViews(book.views()))
                .concatMap(report -> record(report.execution()).thenReturn(report))
                .subscribe(report -> {
                            metrics.execution(report);
                            monitor.publish(MonitorEvents.execution(report.execution()));
                        },
                        e -> LOG.error("executor of chain {} stopped", chain.chainId(), e)));
    }

    /**
     * Hands an execution to the ledger's outbox: kept on local disk at once and written to the database when it can
     * be; the executor never waits for the database.
     */
    private Mono<Void> record(Execution execution) {
        return ledger.outbox().offer(execution).onErrorResume(e -> {
            LOG.error("execution {} could not be kept for the ledger: {}", execution.txHash(), e.getMessage());
            monitor.publish(MonitorEvent.Error.of(null, "ledger", "execution " + execution.txHash() + " not kept: " + e.getMessage()));
            return Mono.empty();
        });
    }

    private ScanSettings scanSettings() {
        List<ChainSettings> chains = config.chains().stream()
                .map(c -> new ChainSettings(c.chainId(), c.wrappedNative(), c.baseTokens())).toList();
        List<CanonicalAsset> assets = config.crossChain().stream()
                .map(a -> new CanonicalAsset(a.symbol(), a.addresses())).toList();
        PricingSettings pricing = new PricingSettings(config.flashFeeBps(), config.minNetProfit().max(java.math.BigInteger.ONE),
                gas);
        return ScanSettings.defaults(new MarketSettings(chains, assets)).withWindow(config.window()).withPricing(pricing);
    }

    private void onWindow(WindowReport report) {
        lastWindow = report;
        metrics.window(report);
        book.accept(report);
        monitor.publish(MonitorEvents.window(report, kernelChoice.device()));
        report.opportunities().stream().limit(3).forEach(ledger::sample);
    }

    private Health health() {
        List<Health.Chain> chains = new ArrayList<>();
        boolean allUp = true;
        for (ChainStatus s : chains()) {
            String state = chainState(s);
            chains.add(new Health.Chain(s.chainId(), s.name(), state, s.connected(), s.headNumber(), s.headHash(), s.lagMillis(),
                    s.pools(), s.lastError()));
            allUp &= state.equals("ok");
        }
        boolean ledgerUp = ledger != null && ledger.reachable();
        Health.Outbox outbox = ledger == null ? null
                : new Health.Outbox(ledger.outbox().pending(), ledger.outbox().written(), ledger.outbox().lastError());
        WindowReport w = lastWindow;
        return new Health(allUp && ledgerUp ? Health.OK : Health.DEGRADED, ledgerUp ? "reachable" : "unreachable", outbox,
                Duration.between(startedAt, Instant.now()).toSeconds(),
                new Health.Kernel(kernel.name(), kernelChoice.device(), kernelChoice.reason()),
                w == null ? null : new Health.LastWindow(w.windowIndex(), w.closedAt(), w.candidatesScanned(), w.scanNanos()),
                chains, null);
    }

    /**
     * {@code ok}; {@code disconnected}; {@code syncing} before the first head (the start-up snapshot); or {@code stale}
     * when the latest head is older than the chain's {@code staleAfter}: a node that is connected but stalled.
     */
    private String chainState(ChainStatus s) {
        if (!s.connected()) {
            return "disconnected";
        }
        if (s.lagMillis() < 0) {
            return "syncing";
        }
        Duration bound = config.chains().stream().filter(c -> c.chainId() == s.chainId()).findFirst()
                .map(ChainConfig::staleAfter).orElse(ChainConfig.DEFAULT_STALE_AFTER);
        return s.lagMillis() > bound.toMillis() ? "stale" : "ok";
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
        clients.values().forEach(ChainClient::close);
        if (ledger != null) {
            ledger.close();
        }
        schedulers.forEach(Scheduler::dispose);
        try {
            kernelChoice.close();
        } catch (IllegalStateException e) {
            // A scan still running on the disposed scan thread keeps the device busy; the process is ending anyway.
            LOG.warn("scan kernel not released: {}", e.getMessage());
        }
    }
}
