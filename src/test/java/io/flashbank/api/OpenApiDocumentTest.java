package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.chain.ChainSignal;
import io.flashbank.ledger.LedgerSignal;
import io.flashbank.ledger.LoanRecord;
import io.flashbank.ledger.LoanShare;
import io.flashbank.ledger.ProviderLoan;
import io.flashbank.ledger.ProviderPosition;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged openapi.json against the wire records without a server: every record family validates against its
 * component schema, and the oracle refuses what the document does not allow (so OpenApiIT can fail).
 */
class OpenApiDocumentTest {
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final String ADDRESS = "0x" + "12".repeat(20);
    private static OpenApiContract contract;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
            contract = new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyMonitorEventValidatesAgainstTheSchemaItsTypeNames() {
        List<MonitorEvent> events = List.of(
                MonitorEvents.chain(new ChainSignal.Head(1, 5, HASH, 1700000000, false, 2, Instant.EPOCH)),
                MonitorEvents.chain(new ChainSignal.Connected(1, "ws://127.0.0.1:8545")),
                MonitorEvents.chain(new ChainSignal.Disconnected(1, "closed")),
                MonitorEvents.chain(new ChainSignal.Reorg(1, 4, 1, 3)),
                MonitorEvents.chain(new ChainSignal.SnapshotProgress(1, ADDRESS, 500, 1000)),
                MonitorEvents.chain(new ChainSignal.Snapshot(1, 5, 1000, 130)),
                MonitorEvents.ledger(new LedgerSignal.BatchWritten(1, 1, 5, 3, 1, 2, 40)),
                MonitorEvents.ledger(new LedgerSignal.RolledBack(1, 3, 5, 2)),
                MonitorEvents.ledger(new LedgerSignal.Failed(1, "read", "timeout", 1, 500)),
                new MonitorEvent.Window(1, Instant.parse("2026-01-01T00:00:00Z"), 10, 1, 1, 100, "jvm", "JVM"),
                new MonitorEvent.Execution(1, "op", "skipped", null, "0x" + "ab".repeat(20), BigInteger.TEN, BigInteger.ONE, BigInteger.ZERO, 0,
                        BigInteger.ZERO, -1, "no", 3),
                new MonitorEvent.Transaction(1, HASH, "success", 7L, BigInteger.valueOf(21000)),
                new MonitorEvent.Transaction(1, HASH, "pending", null, null),
                new MonitorEvent.Error(1L, null, HASH, "unknown", "no receipt"),
                MonitorEvent.Error.of(null, "scan", "stopped"));
        Map<String, String> schemas = Map.ofEntries(Map.entry("head", "HeadEvent"), Map.entry("connected", "ConnectedEvent"),
                Map.entry("reorg", "ReorgEvent"), Map.entry("snapshotProgress", "SnapshotProgressEvent"),
                Map.entry("snapshot", "SnapshotEvent"), Map.entry("window", "WindowEvent"), Map.entry("execution", "ExecutionEvent"),
                Map.entry("transaction", "TransactionEvent"), Map.entry("ledger", "LedgerEvent"),
                Map.entry("ledgerRollback", "LedgerRollbackEvent"), Map.entry("error", "ErrorEvent"));
        for (MonitorEvent e : events) {
            String ref = contract.document().at("/paths/~1events/get/x-sse-events/" + e.type() + "/$ref").asText();
            assertThat(ref).as("x-sse-events names " + e.type()).isEqualTo("#/components/schemas/" + schemas.get(e.type()));
            contract.checkSchema(schemas.get(e.type()), ApiServer.write(e));
        }
    }

    @Test
    void theHealthAndLedgerRecordsValidateAgainstTheirSchemas() {
        contract.checkSchema("Health", ApiServer.write(HealthTest.healthy().withStreams(new Health.Streams(0, 0))));
        contract.checkSchema("Loan", ApiServer.write(LoanJson.of(new LoanRecord(1, HASH, 0, 3, HASH, ADDRESS, ADDRESS, ADDRESS,
                BigInteger.TEN, BigInteger.ONE, List.of(new LoanShare(ADDRESS, BigInteger.TEN, BigInteger.ONE))))));
        contract.checkSchema("LedgerPosition", ApiServer.write(ProviderLedgerJson.of(new ProviderPosition(1, ADDRESS, BigInteger.TEN,
                BigInteger.ONE, BigInteger.ZERO, List.of(new ProviderLoan(1, HASH, 0, 3, BigInteger.TEN, BigInteger.ONE, BigInteger.TEN,
                BigInteger.ONE))))));
    }

    @Test
    void refusesAMissingFieldAnExtraFieldAndAnAmountAsANumber() {
        assertThatThrownBy(() -> contract.checkSchema("Error", "{\"error\":\"bad_field\"}")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.checkSchema("Error", "{\"error\":\"bad_field\",\"message\":\"m\",\"x\":1}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.checkSchema("LedgerEvent",
                "{\"chainId\":1,\"fromBlock\":1,\"toBlock\":2,\"rows\":\"3\",\"loans\":0,\"feeShares\":0,\"millis\":1}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.checkSchema("Loan", ApiServer.write(LoanJson.of(new LoanRecord(1, HASH, 0, 3, HASH, ADDRESS,
                ADDRESS, ADDRESS, BigInteger.TEN, BigInteger.ONE, List.of()))).replace("\"amount\":\"10\"", "\"amount\":10")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refusesAStatusTheOperationDoesNotDocumentAndAnErrorCodeOfAnotherStatus() {
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/loans", 418, "application/json", Map.of(), "{}"))
                .isInstanceOf(AssertionError.class);
        String wrongCode = "{\"error\":\"nothing_to_withdraw\",\"message\":\"m\"}";
        assertThatThrownBy(() -> contract.check("POST", "/api/v1/withdrawals/prepare", 400, "application/json", Map.of(), wrongCode))
                .isInstanceOf(AssertionError.class);
        contract.check("POST", "/api/v1/withdrawals/prepare", 422, "application/json", Map.of(), wrongCode);
        String notFound = "{\"error\":\"not_found\",\"message\":\"no route\"}";
        assertThatThrownBy(() -> contract.check("GET", "/metrics", 404, "application/json", Map.of(), notFound))
                .as("a documented route that answers 404 does not pass as an error of the HTTP layer")
                .isInstanceOf(AssertionError.class);
        contract.check("GET", "/metrics", 431, "application/json", Map.of(), "{\"error\":\"headers_too_large\",\"message\":\"m\"}");
    }
}
