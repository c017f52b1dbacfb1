package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.chain.ChainSignal;
import io.flashbank.execute.Execution;
import io.flashbank.ledger.LedgerSignal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exact JSON of every SSE monitor event: names, order and value types; amounts as decimal strings. */
class MonitorEventTest {
    private static String json(MonitorEvent e) {
        return e.type() + " " + ApiServer.write(e);
    }

    @Test
    void writesChainSignalsUnderTheirEventNames() {
        assertThat(json(MonitorEvents.chain(new ChainSignal.Head(31337, 12, "0xaa", 1700000000, true, 3, Instant.EPOCH))))
                .isEqualTo("head {\"chainId\":31337,\"number\":12,\"hash\":\"0xaa\",\"timestamp\":1700000000,\"backfilled\":true,\"syncs\":3}");
        assertThat(json(MonitorEvents.chain(new ChainSignal.Connected(1, "ws://x"))))
                .isEqualTo("connected {\"chainId\":1,\"url\":\"ws://x\"}");
        assertThat(json(MonitorEvents.chain(new ChainSignal.Disconnected(1, "closed"))))
                .isEqualTo("error {\"chainId\":1,\"stage\":\"chain\",\"message\":\"closed\"}");
        assertThat(json(MonitorEvents.chain(new ChainSignal.Reorg(1, 10, 2, 5))))
                .isEqualTo("reorg {\"chainId\":1,\"ancestor\":10,\"depth\":2,\"poolsReread\":5}");
        assertThat(json(MonitorEvents.chain(new ChainSignal.SnapshotProgress(1, "0xf", 500, 10000))))
                .isEqualTo("snapshotProgress {\"chainId\":1,\"factory\":\"0xf\",\"read\":500,\"total\":10000}");
        assertThat(json(MonitorEvents.chain(new ChainSignal.Snapshot(1, 99, 40, 130))))
                .isEqualTo("snapshot {\"chainId\":1,\"blockNumber\":99,\"pools\":40,\"millis\":130}");
    }

    @Test
    void writesLedgerSignalsWithFailuresAsErrors() {
        assertThat(json(MonitorEvents.ledger(new LedgerSignal.BatchWritten(1, 5, 9, 12, 2, 10, 64))))
                .isEqualTo("ledger {\"chainId\":1,\"fromBlock\":5,\"toBlock\":9,\"rows\":12,\"loans\":2,\"feeShares\":10,\"millis\":64}");
        assertThat(json(MonitorEvents.ledger(new LedgerSignal.RolledBack(1, 7, 9, 4))))
                .isEqualTo("ledgerRollback {\"chainId\":1,\"ancestor\":7,\"orphanedTo\":9,\"rowsDeleted\":4}");
        assertThat(json(MonitorEvents.ledger(new LedgerSignal.MalformedLog(1, 8, "0xbb", 3, "short data"))))
                .isEqualTo("error {\"chainId\":1,\"stage\":\"ledger\",\"message\":\"malformed log skipped at 0xbb#3: short data\"}");
        assertThat(json(MonitorEvents.ledger(new LedgerSignal.Failed(1, "read", "timeout", 2, 500))))
                .isEqualTo("error {\"chainId\":1,\"stage\":\"ledger\",\"message\":\"read: timeout (attempt 2, retry in 500 ms)\"}");
    }

    @Test
    void writesAnExecutionWithAmountsAsDecimalStringsAndNullsKept() {
        BigInteger big = BigInteger.TWO.pow(200);
        Execution skipped = new Execution("op-1", 1, Execution.Status.SKIPPED, null, big, "0x01", BigInteger.valueOf(5), BigInteger.ZERO,
                0, BigInteger.ZERO, -1, "re-quote no longer pays", Instant.ofEpochMilli(1000), Instant.ofEpochMilli(1049));
        assertThat(json(MonitorEvents.execution(skipped))).isEqualTo("execution {\"chainId\":1,\"opportunityId\":\"op-1\","
                + "\"status\":\"skipped\",\"txHash\":null,\"token\":\"0x01\",\"amountIn\":\"" + big + "\",\"expectedProfit\":\"5\","
                + "\"realizedProfit\":\"0\",\"gasUsed\":0,\"effectiveGasPrice\":\"0\",\"blockNumber\":-1,\"reason\":\"re-quote no longer pays\",\"millis\":49}");
        Execution timedOut = new Execution("op-2", 1, Execution.Status.TIMED_OUT, "0xcc", BigInteger.ONE, "0x01", BigInteger.ONE,
                BigInteger.ZERO, 0, BigInteger.ZERO, -1, "no receipt", Instant.EPOCH, Instant.EPOCH);
        assertThat(json(MonitorEvents.execution(timedOut))).contains("\"status\":\"timed_out\",\"txHash\":\"0xcc\"");
    }

    @Test
    void writesAWindowWithItsCloseTimeAsAnIsoString() {
        assertThat(json(new MonitorEvent.Window(4, Instant.parse("2026-01-02T03:04:05Z"), 1000, 3, 2, 140000, "jvm", "JVM")))
                .isEqualTo("window {\"windowIndex\":4,\"closedAt\":\"2026-01-02T03:04:05Z\",\"candidatesScanned\":1000,"
                        + "\"candidatesProfitable\":3,\"opportunities\":2,\"scanNanos\":140000,\"kernel\":\"jvm\",\"device\":\"JVM\"}");
    }

    @Test
    void writesABroadcastOutcomeLeavingOutWhatAPendingOneLacks() {
        assertThat(json(new MonitorEvent.Transaction(1, "0xdd", "success", 42L, BigInteger.valueOf(21000))))
                .isEqualTo("transaction {\"chainId\":1,\"hash\":\"0xdd\",\"status\":\"success\",\"blockNumber\":42,\"gasUsed\":\"21000\"}");
        assertThat(json(new MonitorEvent.Transaction(1, "0xdd", "pending", null, null)))
                .isEqualTo("transaction {\"chainId\":1,\"hash\":\"0xdd\",\"status\":\"pending\"}");
        assertThat(json(new MonitorEvent.Error(1L, null, "0xdd", "unknown", "boom")))
                .isEqualTo("error {\"chainId\":1,\"hash\":\"0xdd\",\"status\":\"unknown\",\"message\":\"boom\"}");
        assertThat(json(MonitorEvent.Error.of(null, "scan", "stopped"))).isEqualTo("error {\"stage\":\"scan\",\"message\":\"stopped\"}");
    }
}
