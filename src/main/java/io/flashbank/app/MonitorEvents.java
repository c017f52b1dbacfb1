package io.flashbank.app;

import io.flashbank.api.MonitorEvent;
import io.flashbank.chain.ChainSignal;
import io.flashbank.execute.Execution;
import io.flashbank.ledger.LedgerSignal;
import io.flashbank.rank.WindowReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns each stage's signals into the SSE monitor's events: one place that knows the wire names. */
final class MonitorEvents {
    private MonitorEvents() {
    }

    static MonitorEvent window(WindowReport report, String device) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("windowIndex", report.windowIndex());
        w.put("closedAt", report.closedAt().toString());
        w.put("candidatesScanned", report.candidatesScanned());
        w.put("candidatesProfitable", report.opportunitiesFound());
        w.put("opportunities", report.opportunities().size());
        w.put("scanNanos", report.scanNanos());
        w.put("kernel", report.kernel());
        w.put("device", device);
        return new MonitorEvent("window", w);
    }

    static MonitorEvent chain(ChainSignal signal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("chainId", signal.chainId());
        String type;
        if (signal instanceof ChainSignal.Head h) {
            type = "head";
            p.put("number", h.number());
            p.put("hash", h.hash());
            p.put("timestamp", h.timestamp());
            p.put("backfilled", h.backfilled());
            p.put("syncs", h.syncs());
        } else if (signal instanceof ChainSignal.Connected c) {
            type = "connected";
            p.put("url", c.url());
        } else if (signal instanceof ChainSignal.Disconnected d) {
            type = "error";
            p.put("stage", "chain");
            p.put("message", d.reason());
        } else if (signal instanceof ChainSignal.Reorg r) {
            type = "reorg";
            p.put("ancestor", r.ancestor());
            p.put("depth", r.depth());
            p.put("poolsReread", r.poolsReread());
        } else if (signal instanceof ChainSignal.SnapshotProgress sp) {
            type = "snapshotProgress";
            p.put("factory", sp.factory());
            p.put("read", sp.read());
            p.put("total", sp.total());
        } else {
            ChainSignal.Snapshot s = (ChainSignal.Snapshot) signal;
            type = "snapshot";
            p.put("blockNumber", s.blockNumber());
            p.put("pools", s.pools());
            p.put("millis", s.millis());
        }
        return new MonitorEvent(type, p);
    }

    static MonitorEvent ledger(LedgerSignal signal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("chainId", signal.chainId());
        if (signal instanceof LedgerSignal.BatchWritten b) {
            p.put("fromBlock", b.fromBlock());
            p.put("toBlock", b.toBlock());
            p.put("rows", b.rows());
            p.put("loans", b.loans());
            p.put("feeShares", b.feeShares());
            p.put("millis", b.millis());
            return new MonitorEvent("ledger", p);
        }
        if (signal instanceof LedgerSignal.RolledBack r) {
            p.put("ancestor", r.ancestor());
            p.put("orphanedTo", r.orphanedTo());
            p.put("rowsDeleted", r.rowsDeleted());
            return new MonitorEvent("ledgerRollback", p);
        }
        p.put("stage", "ledger");
        if (signal instanceof LedgerSignal.MalformedLog m) {
            p.put("message", "malformed log skipped at " + m.txHash() + "#" + m.logIndex() + ": " + m.reason());
        } else {
            LedgerSignal.Failed f = (LedgerSignal.Failed) signal;
            p.put("message", f.stage() + ": " + f.message() + " (attempt " + f.attempt() + ", retry in " + f.retryInMillis() + " ms)");
        }
        return new MonitorEvent("error", p);
    }

    static MonitorEvent execution(Execution e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("chainId", e.chainId());
        p.put("opportunityId", e.opportunityId());
        p.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
        p.put("txHash", e.txHash());
        p.put("token", e.token());
        p.put("amountIn", e.amountIn().toString());
        p.put("expectedProfit", e.expectedProfit().toString());
        p.put("realizedProfit", e.realizedProfit().toString());
        p.put("gasUsed", e.gasUsed());
        p.put("effectiveGasPrice", e.effectiveGasPrice().toString());
        p.put("blockNumber", e.blockNumber());
        p.put("reason", e.reason());
        p.put("millis", java.time.Duration.between(e.submittedAt(), e.finishedAt()).toMillis());
        return new MonitorEvent("execution", p);
    }
}
