package io.flashbank.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code GET /health}: {@code ok} or {@code degraded}, the ledger, each chain, the kernel and the last window.
 * The server answers 200 while {@link #status()} is {@code ok}, else 503, and fills in {@link #streams()} itself.
 *
 * @param ledger {@code reachable} or {@code unreachable}
 * @param ledgerOutbox left out before the ledger started
 * @param lastWindow null before the first window closed
 * @param streams null until the server adds its client counts
 */
public record Health(String status, String ledger, @JsonInclude(JsonInclude.Include.NON_NULL) Outbox ledgerOutbox, long uptimeSeconds,
                     Kernel kernel, LastWindow lastWindow, List<Chain> chains, Streams streams) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";

    public Health {
        Objects.requireNonNull(status, "status");
        chains = List.copyOf(chains);
    }

    /** Whether the service is healthy (200). */
    public boolean ok() {
        return OK.equals(status);
    }

    /** This body with the server's stream client counts. */
    public Health withStreams(Streams now) {
        return new Health(status, ledger, ledgerOutbox, uptimeSeconds, kernel, lastWindow, chains, now);
    }

    /**
     * One chain connection.
     *
     * @param state {@code ok}, {@code syncing} before the first head, {@code stale} or {@code disconnected}
     * @param head the latest processed block (0 before the first), {@code headHash} null before it
     * @param lagMillis how long ago the latest head was processed, -1 before the first
     */
    public record Chain(long chainId, String name, String state, boolean connected, long head, String headHash, long lagMillis,
                        int pools, String lastError) {
    }

    /** The ledger's local outbox of executions not yet in the database. */
    public record Outbox(long pendingRecords, long writtenRecords, String lastError) {
    }

    /** The scan kernel in use, on which device, and why it was chosen. */
    public record Kernel(String name, String device, String reason) {
    }

    /** The last closed scan window. */
    public record LastWindow(long index, @JsonSerialize(using = ToStringSerializer.class) Instant closedAt, int candidatesScanned,
                             long scanNanos) {
    }

    /** WebSocket feed and SSE monitor clients connected now. */
    public record Streams(int webSocket, int sse) {
    }
}
