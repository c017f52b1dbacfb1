package io.flashbank.ledger;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test access to an engine's embedded ledger from outside the engine: its server's pid and the executions table. */
public final class EmbeddedLedgerQueries {
    private EmbeddedLedgerQueries() {
    }

    /** The running server's pid and port, from {@code postmaster.pid} in its data directory; fails when there is none. */
    public static long[] pidAndPort(Path embeddedDir) {
        try {
            List<String> lines = Files.readAllLines(embeddedDir.resolve("postmaster.pid"));
            return new long[] {Long.parseLong(lines.get(0).trim()), Long.parseLong(lines.get(3).trim())};
        } catch (IOException e) {
            throw new UncheckedIOException("no running embedded server in " + embeddedDir, e);
        }
    }

    /** Every transaction hash in the executions table (one connection, closed after). */
    public static List<String> executionTxHashes(Path embeddedDir) {
        long port = pidAndPort(embeddedDir)[1];
        PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port((int) port).username(EmbeddedCredentials.SERVICE_ROLE)
                .password(EmbeddedCredentials.read(embeddedDir).servicePassword())
                .database(EmbeddedServer.DATABASE).build());
        return factory.create().flatMapMany(c -> c.createStatement("SELECT tx_hash FROM executions WHERE tx_hash IS NOT NULL")
                        .execute().flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))
                        .concatWith(reactor.core.publisher.Mono.from(c.close()).then(reactor.core.publisher.Mono.empty())))
                .collectList().block(Duration.ofSeconds(30));
    }
}
