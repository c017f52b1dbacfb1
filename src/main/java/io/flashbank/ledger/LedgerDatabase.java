package io.flashbank.ledger;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainSignal;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The ledger's PostgreSQL: the embedded server or a configured one, always behind an r2dbc-pool
 * {@link ConnectionPool}; it hands out the {@link Ledger} and one {@link ChainIndexer} per chain.
 */
public final class LedgerDatabase implements AutoCloseable {
    private final DatabaseSettings settings;
    private final EmbeddedServer embedded;
    private final ConnectionPool pool;
    private final Migrations migrations;

    private LedgerDatabase(DatabaseSettings settings, EmbeddedServer embedded, ConnectionPool pool, Migrations migrations) {
        this.settings = settings;
        this.embedded = embedded;
        this.pool = pool;
        this.migrations = migrations;
    }

    /**
     * Reads the migrations and, without a URL, starts the embedded server (the first start initialises its directory:
     * seconds); then creates the pool, which connects lazily. Blocking: call it from the composition root. Throws
     * IllegalStateException when the server cannot start or the migrations cannot be read. Apply {@link #migrate()}
     * next.
     */
    public static LedgerDatabase startNow(DatabaseSettings settings) {
        Migrations migrations = Migrations.load(settings.migrations());
        EmbeddedServer embedded = null;
        ConnectionFactory factory;
        if (settings.url() == null) {
            embedded = new EmbeddedServer(settings.embeddedDirectory(), settings.embeddedPort()).startNow();
            factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                    .host("127.0.0.1")
                    .port(embedded.port())
                    .username(EmbeddedCredentials.SERVICE_ROLE)
                    .password(embedded.credentials().servicePassword())
                    .database(EmbeddedServer.DATABASE)
                    .applicationName("flashbank")
                    .connectTimeout(settings.timeout())
                    .build());
        } else {
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(settings.url());
            if (!options.hasOption(ConnectionFactoryOptions.CONNECT_TIMEOUT)) {
                options = options.mutate().option(ConnectionFactoryOptions.CONNECT_TIMEOUT, settings.timeout()).build();
            }
            factory = ConnectionFactories.get(options);
        }
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("flashbank-ledger")
                .initialSize(0)
                .maxSize(settings.poolSize())
                .maxAcquireTime(settings.timeout())
                .maxCreateConnectionTime(settings.timeout())
                .maxValidationTime(settings.timeout())
                .maxIdleTime(Duration.ofMinutes(10))
                .build());
        return new LedgerDatabase(settings, embedded, pool, migrations);
    }

    /**
     * Applies the migrations the database lacks, in one transaction; a second call, or a concurrent one from another
     * process, applies nothing. Errors: IllegalStateException when an applied migration's text changed or the database
     * is newer than this program; LedgerUnavailableException when the database cannot be reached.
     */
    public Mono<MigrationResult> migrate() {
        return migrations.apply(pool).onErrorMap(e -> !(e instanceof IllegalStateException),
                e -> new LedgerUnavailableException("cannot apply migrations to " + description() + ": " + e.getMessage(), e));
    }

    /** The ledger's reads and writes; {@code timer} runs the timeouts (and the sampler's clock). */
    public Ledger ledger(Scheduler timer) {
        return new PostgresLedger(pool, settings.timeout(), timer, new OpportunitySampler(timer));
    }

    /**
     * An indexer for one chain, following {@code canonical} (the chain's canonical block stream: its
     * {@link ChainSignal.Head} and {@link ChainSignal.Reorg} signals; others are ignored) and reading logs through
     * {@code client} (whose chain id must be {@code settings.chainId()}); {@code timer} runs its retries and timeouts.
     */
    public ChainIndexer indexer(IndexerSettings settings, Flux<ChainSignal> canonical, ChainClient client, Scheduler timer) {
        if (client.chainId() != settings.chainId()) {
            throw new IllegalArgumentException("client is for chain " + client.chainId() + ", settings for " + settings.chainId());
        }
        return new PostgresChainIndexer(settings, canonical, new ChainReader(client, settings, timer), new LedgerStore(pool),
                this.settings.timeout(), timer);
    }

    /** What the ledger is connected to, without secrets: for logs and the health page. */
    public String description() {
        return embedded != null
                ? "embedded PostgreSQL 16 in " + embedded.directory() + " on port " + embedded.port()
                : DatabaseSettings.redact(settings.url());
    }

    /** The state of the connection pool now, for metrics (empty when the pool keeps none). */
    public java.util.Optional<io.r2dbc.pool.PoolMetrics> poolMetrics() {
        return pool.getMetrics();
    }

    ConnectionPool pool() {
        return pool;
    }

    /** The embedded server, or null when a URL was configured (tests stop and start it to simulate an outage). */
    EmbeddedServer embedded() {
        return embedded;
    }

    /** Whether this database is the embedded server and its process has died (stopped or killed from outside). */
    public boolean embeddedDead() {
        return embedded != null && !embedded.alive();
    }

    /**
     * Starts the embedded server again when its process has died; blocking, so call it off the event loops. True when
     * it restarted it; false when alive or when a URL was configured (a server the engine does not run: the pool
     * reconnects to it when it is back).
     */
    public boolean restartEmbeddedIfDead() {
        if (embedded == null || embedded.alive()) {
            return false;
        }
        embedded.restartNow();
        return true;
    }

    /** Closes the pool and stops the embedded server; blocking (it waits for the server to exit). */
    @Override
    public void close() {
        try {
            pool.dispose();
        } finally {
            if (embedded != null) {
                embedded.stopNow();
            }
        }
    }
}
