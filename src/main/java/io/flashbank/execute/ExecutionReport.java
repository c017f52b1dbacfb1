package io.flashbank.execute;

import io.flashbank.rank.Opportunity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt's outcome with the opportunity it came from and its timings, for the latency benchmark.
 *
 * @param opportunity the ranked opportunity as it arrived
 * @param execution the outcome
 * @param quotedBlock the block whose reserves the exact re-quote used (-1 when it failed before reading them)
 * @param receivedAt when the executor took the opportunity
 * @param sentAt when the executor began to sign and send (nonce, signature, {@code eth_sendRawTransaction}), or null
 *     when nothing was sent
 */
public record ExecutionReport(Opportunity opportunity, Execution execution, long quotedBlock, Instant receivedAt,
                              Instant sentAt) {
    public ExecutionReport {
        Objects.requireNonNull(opportunity, "opportunity");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (quotedBlock < -1) {
            throw new IllegalArgumentException("quotedBlock must be -1 or a block number, got " + quotedBlock);
        }
    }

    /** The block whose reserves made the opportunity (the scan's block on this chain), or -1 if it names none here. */
    public long sourceBlock() {
        return opportunity.blockNumbers().getOrDefault(execution.chainId(), -1L);
    }

    /**
     * Block → executed-transaction latency: from {@code headSeenAt}, when the head of {@link #sourceBlock()} arrived,
     * to when the receipt was known ({@link Execution#finishedAt()}).
     */
    public Duration blockToReceipt(Instant headSeenAt) {
        return Duration.between(headSeenAt, execution.finishedAt());
    }

    /** From taking the opportunity to sending the transaction (re-quote, plan, simulate, sign), or null if not sent. */
    public Duration receivedToSent() {
        return sentAt == null ? null : Duration.between(receivedAt, sentAt);
    }
}
