package io.flashbank.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the ledger lives: a PostgreSQL server named by an R2DBC URL, or, without one, an embedded PostgreSQL that
 * the process starts itself with its data kept in {@code embeddedDirectory} across restarts.
 *
 * @param url {@code r2dbc:postgresql://user:password@host:port/database}, or null for the embedded server
 * @param embeddedDirectory the embedded server's data directory (null when {@code url} is set)
 * @param embeddedPort the embedded server's port, 0 for a free one picked at start
 * @param poolSize the most pooled connections
 * @param timeout the limit on every database call (and on acquiring a connection)
 * @param migrations a directory of {@code V<n>__<name>.sql} files, or null: {@code db/} on the class path, else {@code ./db}
 */
public record DatabaseSettings(String url, Path embeddedDirectory, int embeddedPort, int poolSize, Duration timeout,
                               Path migrations) {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseSettings {
        if ((url == null) == (embeddedDirectory == null)) {
            throw new IllegalArgumentException("give either a database url or an embedded data directory, not both or neither");
        }
        if (url != null && !url.startsWith("r2dbc:postgresql://")) {
            throw new IllegalArgumentException("database url must start with r2dbc:postgresql://, got " + redact(url));
        }
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("embeddedPort must be 0 to 65535, got " + embeddedPort);
        }
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("poolSize must be 1 to 100, got " + poolSize);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** An embedded server keeping its data in {@code directory} (e.g. {@code .flashbank/postgres}), on a free port. */
    public static DatabaseSettings embedded(Path directory) {
        return new DatabaseSettings(null, directory, 0, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, null);
    }

    /** The server at {@code url} ({@code r2dbc:postgresql://…}). */
    public static DatabaseSettings server(String url) {
        return new DatabaseSettings(url, null, 0, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, null);
    }

    public DatabaseSettings withEmbeddedPort(int port) {
        return new DatabaseSettings(url, embeddedDirectory, port, poolSize, timeout, migrations);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, embeddedDirectory, embeddedPort, size, timeout, migrations);
    }

    public DatabaseSettings withTimeout(Duration limit) {
        return new DatabaseSettings(url, embeddedDirectory, embeddedPort, poolSize, limit, migrations);
    }

    public DatabaseSettings withMigrations(Path directory) {
        return new DatabaseSettings(url, embeddedDirectory, embeddedPort, poolSize, timeout, directory);
    }

    /** The URL with any password replaced by {@code ***}, for logs and error messages. */
    static String redact(String url) {
        return url == null ? null : url.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redact(url) + ", embeddedDirectory=" + embeddedDirectory + ", embeddedPort=" + embeddedPort
                + ", poolSize=" + poolSize + ", timeout=" + timeout + ", migrations=" + migrations + "]";
    }
}
