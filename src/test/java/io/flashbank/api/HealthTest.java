package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code GET /health}: field names, order and value types as the dashboard and the ITs read them. */
class HealthTest {
    /** A healthy body with no chains, for servers under test that need one. */
    static Health healthy() {
        return new Health(Health.OK, "reachable", null, 0, new Health.Kernel("jvm", "JVM", "test"), null, List.of(), null);
    }

    @Test
    void writesEveryPartWithNullsKeptAndTheStreamsLast() {
        Health h = new Health(Health.DEGRADED, "unreachable", new Health.Outbox(3, 41, "connection refused"), 12,
                new Health.Kernel("jvm", "JVM", "no OpenCL device"),
                new Health.LastWindow(7, Instant.parse("2026-01-02T03:04:05.600Z"), 1200, 345_000),
                List.of(new Health.Chain(31337, "devnet-a", "ok", true, 88, "0xab", 420, 12, null),
                        new Health.Chain(31338, "devnet-b", "syncing", true, 0, null, -1, 0, "snapshot running")),
                null).withStreams(new Health.Streams(2, 1));
        assertThat(ApiServer.write(h)).isEqualTo("{\"status\":\"degraded\",\"ledger\":\"unreachable\","
                + "\"ledgerOutbox\":{\"pendingRecords\":3,\"writtenRecords\":41,\"lastError\":\"connection refused\"},"
                + "\"uptimeSeconds\":12,\"kernel\":{\"name\":\"jvm\",\"device\":\"JVM\",\"reason\":\"no OpenCL device\"},"
                + "\"lastWindow\":{\"index\":7,\"closedAt\":\"2026-01-02T03:04:05.600Z\",\"candidatesScanned\":1200,\"scanNanos\":345000},"
                + "\"chains\":[{\"chainId\":31337,\"name\":\"devnet-a\",\"state\":\"ok\",\"connected\":true,\"head\":88,\"headHash\":\"0xab\","
                + "\"lagMillis\":420,\"pools\":12,\"lastError\":null},"
                + "{\"chainId\":31338,\"name\":\"devnet-b\",\"state\":\"syncing\",\"connected\":true,\"head\":0,\"headHash\":null,"
                + "\"lagMillis\":-1,\"pools\":0,\"lastError\":\"snapshot running\"}],"
                + "\"streams\":{\"webSocket\":2,\"sse\":1}}");
        assertThat(h.ok()).as("a degraded body is not ok").isFalse();
    }

    @Test
    void leavesTheOutboxOutBeforeTheLedgerStartedAndWritesANullLastWindow() {
        assertThat(ApiServer.write(healthy())).isEqualTo("{\"status\":\"ok\",\"ledger\":\"reachable\",\"uptimeSeconds\":0,"
                + "\"kernel\":{\"name\":\"jvm\",\"device\":\"JVM\",\"reason\":\"test\"},\"lastWindow\":null,\"chains\":[],\"streams\":null}");
        assertThat(healthy().ok()).isTrue();
    }
}
