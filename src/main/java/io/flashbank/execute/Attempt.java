package io.flashbank.execute;

import io.flashbank.rank.Opportunity;
import java.math.BigInteger;
import java.time.Instant;
import java.util.function.Supplier;

/** What one attempt has learned so far; touched by that attempt's operators only, one after another. */
final class Attempt {
    private final Opportunity opportunity;
    private final long chainId;
    private final Supplier<Instant> clock;
    private final Instant receivedAt;
    /** The block the re-quote read, -1 until it did. */
    long quotedBlock = -1;
    /** The scanned input until the re-quote replaces it. */
    BigInteger amountIn;
    /** Profit after the flash fee: the scan's, then the re-quote's, then the simulation's. */
    BigInteger expectedProfit;
    /** When signing and sending began; null while (or if) nothing was sent. */
    Instant sentAt;

    Attempt(Opportunity opportunity, long chainId, Supplier<Instant> clock) {
        this.opportunity = opportunity;
        this.chainId = chainId;
        this.clock = clock;
        this.receivedAt = clock.get();
        this.amountIn = opportunity.amountIn();
        this.expectedProfit = opportunity.expectedProfit().subtract(opportunity.flashFee());
    }

    Opportunity opportunity() {
        return opportunity;
    }

    /** Nothing was sent, for {@code reason}. */
    ExecutionReport skipped(String reason) {
        sentAt = null;
        return finished(Execution.Status.SKIPPED, null, BigInteger.ZERO, 0, BigInteger.ZERO, -1, reason);
    }

    ExecutionReport finished(Execution.Status status, String txHash, BigInteger realizedProfit, long gasUsed,
                             BigInteger effectiveGasPrice, long blockNumber, String reason) {
        Instant finishedAt = clock.get();
        Execution execution = new Execution(opportunity.id(), chainId, status, txHash, amountIn, opportunity.baseToken(),
                expectedProfit, realizedProfit, gasUsed, effectiveGasPrice, blockNumber, reason,
                sentAt == null ? finishedAt : sentAt, finishedAt);
        return new ExecutionReport(opportunity, execution, quotedBlock, receivedAt, sentAt);
    }
}
