package io.flashbank.config;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Whether and how the engine executes opportunities; the searcher's key comes from the environment variable
 * FLASHBANK_EXECUTOR_KEY, never from the file.
 *
 * @param enabled execute at all (false: detect and rank only)
 * @param pullMode {@code greedy} (flashLoanFrom over the fewest providers) or {@code proRata} (flashLoan)
 * @param minNetProfit the smallest re-quoted net profit worth a transaction, base token's smallest unit
 * @param receiptTimeout how long to wait for a receipt before reporting a timeout
 */
public record ExecutionConfig(boolean enabled, String pullMode, BigInteger minNetProfit, Duration receiptTimeout) {
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(true, "greedy", BigInteger.ONE, Duration.ofSeconds(30));
    }
}
