package io.flashbank.api;

import io.flashbank.chain.ChainSignal;
import io.flashbank.execute.Execution;
import io.flashbank.ledger.LedgerSignal;
import io.flashbank.rank.WindowReport;
import java.time.Duration;
import java.util.Locale;

/** Turns each stage's signals into the SSE monitor's events: the one place that maps domain records to wire records. */
public final class MonitorEvents {
    private MonitorEvents() {
    }

    /** The {@code window} event of a closed scan window scanned on {@code device}. */
    public static MonitorEvent window(WindowReport report, String device) {
        return new MonitorEvent.Window(report.windowIndex(), report.closedAt(), report.candidatesScanned(), report.opportunitiesFound(),
                report.opportunities().size(), report.scanNanos(), report.kernel(), device);
    }

    /** A chain connection's signal: {@code head}, {@code connected}, {@code reorg}, a snapshot event or {@code error}. */
    public static MonitorEvent chain(ChainSignal signal) {
        if (signal instanceof ChainSignal.Head h) {
            return new MonitorEvent.Head(h.chainId(), h.number(), h.hash(), h.timestamp(), h.backfilled(), h.syncs());
        }
        if (signal instanceof ChainSignal.Connected c) {
            return new MonitorEvent.Connected(c.chainId(), c.url());
        }
        if (signal instanceof ChainSignal.Disconnected d) {
            return MonitorEvent.Error.of(d.chainId(), "chain", d.reason());
        }
        if (signal instanceof ChainSignal.Reorg r) {
            return new MonitorEvent.Reorg(r.chainId(), r.ancestor(), r.depth(), r.poolsReread());
        }
        if (signal instanceof ChainSignal.SnapshotProgress p) {
            return new MonitorEvent.SnapshotProgress(p.chainId(), p.factory(), p.read(), p.total());
        }
        ChainSignal.Snapshot s = (ChainSignal.Snapshot) signal;
        return new MonitorEvent.Snapshot(s.chainId(), s.blockNumber(), s.pools(), s.millis());
    }

    /** A ledger indexer's signal: {@code ledger}, {@code ledgerRollback} or {@code error}. */
    public static MonitorEvent ledger(LedgerSignal signal) {
        if (signal instanceof LedgerSignal.BatchWritten b) {
            return new MonitorEvent.LedgerBatch(b.chainId(), b.fromBlock(), b.toBlock(), b.rows(), b.loans(), b.feeShares(), b.millis());
        }
        if (signal instanceof LedgerSignal.RolledBack r) {
            return new MonitorEvent.LedgerRollback(r.chainId(), r.ancestor(), r.orphanedTo(), r.rowsDeleted());
        }
        if (signal instanceof LedgerSignal.MalformedLog m) {
            return MonitorEvent.Error.of(m.chainId(), "ledger",
                    "malformed log skipped at " + m.txHash() + "#" + m.logIndex() + ": " + m.reason());
        }
        LedgerSignal.Failed f = (LedgerSignal.Failed) signal;
        return MonitorEvent.Error.of(f.chainId(), "ledger",
                f.stage() + ": " + f.message() + " (attempt " + f.attempt() + ", retry in " + f.retryInMillis() + " ms)");
    }

    /** The {@code execution} event of one attempt's outcome. */
    public static MonitorEvent execution(Execution e) {
        return new MonitorEvent.Execution(e.chainId(), e.opportunityId(), e.status().name().toLowerCase(Locale.ROOT), e.txHash(),
                e.token(), e.amountIn(), e.expectedProfit(), e.realizedProfit(), e.gasUsed(), e.effectiveGasPrice(), e.blockNumber(),
                e.reason(),
                Duration.between(e.submittedAt(), e.finishedAt()).toMillis());
    }
}
