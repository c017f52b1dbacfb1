package io.flashbank.app;

import io.flashbank.api.MonitorEvents;
import io.flashbank.api.MonitorFeed;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainSignal;
import io.flashbank.config.ChainConfig;
import io.flashbank.config.DatabaseConfig;
import io.flashbank.ledger.DatabaseSettings;
import io.flashbank.ledger.ExecutionOutbox;
import io.flashbank.ledger.IndexerSettings;
import io.flashbank.ledger.Ledger;
import io.flashbank.ledger.LedgerSignal;
import io.flashbank.ledger.LedgerDatabase;
import io.flashbank.rank.Opportunity;
import java.time.Duration;
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

/**
 * The ledger's part of the engine: the database (embedded or a server), migrations, the execution outbox, one
 * indexer per chain, samples.
 */
final class LedgerStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerStage.class);

    private final LedgerDatabase database;
    private final Ledger ledger;
    private final ExecutionOutbox outbox;
    private final Disposable.Composite running = Disposables.composite();
    private final Sinks.Many<Opportunity> samples = Sinks.many().multicast().directBestEffort();
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
    private volatile boolean reachable = true;

    private LedgerStage(LedgerDatabase database, Ledger ledger, ExecutionOutbox outbox) {
        this.database = database;
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /** Starts (or connects to) the database and applies the migrations: blocking, for the composition root only. */
    static LedgerStage startNow(DatabaseConfig config, Scheduler timer) {
        DatabaseSettings settings = config.url() == null
                ? DatabaseSettings.embedded(config.embeddedDir())
                : DatabaseSettings.server(withPassword(config.url(), System.getenv("FLASHBANK_DB_PASSWORD")));
        LedgerDatabase database = LedgerDatabase.startNow(settings);
        try {
            database.migrate().block(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.info("ledger at {}", database.description());
        Ledger ledger = database.ledger(timer);
        ExecutionOutbox outbox = new ExecutionOutbox(config.outbox(), ledger);
        try {
            outbox.startNow();
        } catch (RuntimeException e) {
            outbox.close();
            database.close();
            throw e;
        }
        return new LedgerStage(database, ledger, outbox);
    }

    private static String withPassword(String url, String password) {
        if (password == null || password.isEmpty()) {
            return url;
        }
        int scheme = url.indexOf("://") + 3;
        int at = url.indexOf('@', scheme);
        if (at < 0) {
            throw new IllegalArgumentException("database.url needs a user (user@host) when FLASHBANK_DB_PASSWORD is set");
        }
        return url.substring(0, at) + ":" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + url.substring(at);
    }

    Ledger ledger() {
        return ledger;
    }

    /** The database connection pool's state now (empty when it keeps none). */
    java.util.Optional<io.r2dbc.pool.PoolMetrics> poolMetrics() {
        return database.poolMetrics();
    }

    /** Where execution records wait for the database. */
    ExecutionOutbox outbox() {
        return outbox;
    }

    boolean reachable() {
        return reachable;
    }

    /**
     * Starts one indexer per chain, fed by that chain's canonical block stream ({@code canonical}: the ingest's
     * signals), the opportunity sampler and a reachability probe; all stop on close.
     */
    void start(List<ChainConfig> chains, Map<Long, ChainClient> clients, Map<Long, Flux<ChainSignal>> canonical, int confirmations,
               Scheduler timer, MonitorFeed monitor, java.util.function.Consumer<LedgerSignal> metrics) {
        for (ChainConfig chain : chains) {
            IndexerSettings settings = IndexerSettings.defaults(chain.chainId(), chain.flashBank(), chain.executor())
                    .withConfirmations(confirmations);
            running.add(database.indexer(settings, canonical.get(chain.chainId()), clients.get(chain.chainId()), timer).run()
                    .subscribe(signal -> {
                        metrics.accept(signal);
                        monitor.publish(MonitorEvents.ledger(signal));
                    }));
        }
        running.add(samples.asFlux().onBackpressureDrop()
                .concatMap(o -> ledger.sample(o).onErrorResume(e -> Mono.empty()), 16)
                .subscribe());
        running.add(Flux.interval(Duration.ZERO, PROBE_EVERY, timer).onBackpressureDrop()
                .concatMap(tick -> ledger.ping().then(Mono.just(true)).onErrorResume(e -> Mono.just(false)))
                .concatMap(up -> up ? Mono.just(true) : restartIfDead().thenReturn(false))
                .subscribe(up -> reachable = up));
    }

    /** The embedded server, found dead by the probe, is started again (off the event loops: it blocks for seconds). */
    private Mono<Void> restartIfDead() {
        return Mono.fromCallable(() -> {
                    if (database.embeddedDead()) {
                        LOG.warn("the embedded PostgreSQL has stopped; starting it again (zonky may log that it could not stop it)");
                    }
                    return database.restartEmbeddedIfDead();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(restarted -> {
                    if (restarted) {
                        LOG.warn("the embedded PostgreSQL had stopped; started it again: {}", database.description());
                    }
                })
                .onErrorResume(e -> {
                    LOG.warn("the embedded PostgreSQL had stopped and did not start again (retrying in {} s): {}",
                            PROBE_EVERY.toSeconds(), e.getMessage());
                    return Mono.empty();
                }).then();
    }

    /** Offers an opportunity for sampling; dropped when the writer is busy (samples are not the ledger of record). */
    void sample(Opportunity opportunity) {
        synchronized (samples) {
            samples.tryEmitNext(opportunity);
        }
    }

    @Override
    public void close() {
        running.dispose();
        outbox.close();
        database.close();
    }
}
