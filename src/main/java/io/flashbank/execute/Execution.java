package io.flashbank.execute;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one attempt to execute an opportunity: what was sent, and what the chain made of it.
 *
 * @param opportunityId the ranked opportunity's id
 * @param chainId the chain it ran on
 * @param status how it ended
 * @param txHash the transaction hash (null when nothing was sent: simulation failed or the re-quote no longer paid)
 * @param amountIn the borrowed amount actually used (after the exact re-quote), smallest unit of {@code token}
 * @param token the borrowed (base) token
 * @param expectedProfit the re-quoted profit net of the flash fee, before gas
 * @param realizedProfit the profit the executor's {@code Executed} event reported (0 unless MINED)
 * @param gasUsed gas used by the mined transaction (0 when not mined)
 * @param effectiveGasPrice the wei per gas paid (0 when not mined)
 * @param blockNumber the block it was mined in (-1 when not mined)
 * @param reason why it did not make money: a decoded revert reason, a simulation error or a timeout; null if MINED
 * @param submittedAt when the transaction was sent (or the attempt gave up before sending)
 * @param finishedAt when the outcome was known
 */
public record Execution(String opportunityId, long chainId, Status status, String txHash, BigInteger amountIn, String token,
                        BigInteger expectedProfit, BigInteger realizedProfit, long gasUsed, BigInteger effectiveGasPrice,
                        long blockNumber, String reason, Instant submittedAt, Instant finishedAt) {

    /** How an attempt ended. */
    public enum Status {
        /** Mined and paid its profit to the executor's owner. */
        MINED,
        /** Mined but reverted on-chain (gas was spent, nothing else changed). */
        REVERTED,
        /** Not sent: the exact re-quote or the eth_call simulation said it would not pay. */
        SKIPPED,
        /** Sent but no receipt within the timeout. */
        TIMED_OUT
    }

    public Execution {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amountIn, "amountIn");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expectedProfit, "expectedProfit");
        Objects.requireNonNull(realizedProfit, "realizedProfit");
        Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if ((status == Status.MINED || status == Status.REVERTED || status == Status.TIMED_OUT) && txHash == null) {
            throw new IllegalArgumentException(status + " needs a transaction hash");
        }
    }
}
