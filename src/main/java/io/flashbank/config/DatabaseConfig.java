package io.flashbank.config;

import java.nio.file.Path;

/**
 * Where the ledger lives: a PostgreSQL server ({@code r2dbc:postgresql://…}, password from the environment variable
 * FLASHBANK_DB_PASSWORD when the URL has none), or, without a URL, an embedded PostgreSQL in {@code embeddedDir}.
 *
 * @param url the server's R2DBC URL, or null for the embedded server
 * @param embeddedDir the embedded server's data directory (kept across restarts)
 * @param confirmations blocks the ledger indexer waits before it records a block's events
 */
public record DatabaseConfig(String url, Path embeddedDir, int confirmations) {
    /** The embedded server in {@code .flashbank/postgres}, two confirmations. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(null, Path.of(".flashbank", "postgres"), 2);
    }
}
