package io.flashbank.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the ledger lives: a PostgreSQL server ({@code r2dbc:postgresql://…}, password from the environment variable
 * FLASHBANK_DB_PASSWORD when the URL has none), or, without a URL, an embedded PostgreSQL in {@code embeddedDir}.
 *
 * @param url the server's R2DBC URL, or null for the embedded server
 * @param embeddedDir the embedded server's data directory (kept across restarts)
 * @param confirmations blocks the ledger indexer waits before it records a block's events
 * @param outbox the local file that keeps execution records the database has not taken yet (kept across restarts)
 */
public record DatabaseConfig(String url, Path embeddedDir, int confirmations, Path outbox) {
    public DatabaseConfig {
        Objects.requireNonNull(embeddedDir, "embeddedDir");
        Objects.requireNonNull(outbox, "outbox");
    }

    /** With the outbox beside the embedded directory: {@code ledger-outbox.jsonl}. */
    public DatabaseConfig(String url, Path embeddedDir, int confirmations) {
        this(url, embeddedDir, confirmations, defaultOutbox(embeddedDir));
    }

    /** The embedded server in {@code .flashbank/postgres}, two confirmations, the outbox beside it. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(null, Path.of(".flashbank", "postgres"), 2);
    }

    /** {@code ledger-outbox.jsonl} beside {@code embeddedDir}. */
    public static Path defaultOutbox(Path embeddedDir) {
        return embeddedDir.resolveSibling("ledger-outbox.jsonl");
    }
}
