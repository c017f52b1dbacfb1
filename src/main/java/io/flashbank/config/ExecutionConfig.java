package io.flashbank.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Whether and how the engine executes opportunities; the searcher's key comes from the environment variable
 * FLASHBANK_EXECUTOR_KEY, never from the file.
 *
 * @param enabled execute at all (false: detect and rank only)
 * @param pullMode {@code fair} (flashLoanFrom ordered so each provider's pulled volume, hence its fees, follows its
 *     share of lendable liquidity; the default), {@code greedy} (flashLoanFrom over the fewest providers: cheapest, but the
 *     largest provider earns every fee) or {@code proRata} (flashLoan: every provider in proportion, one pull each)
 * @param minNetProfit the smallest re-quoted net profit worth a transaction, base token's smallest unit
 * @param receiptTimeout how long to wait for a receipt before reporting a timeout
 */
public record ExecutionConfig(boolean enabled, String pullMode, BigInteger minNetProfit, Duration receiptTimeout) {
    /** The pull modes configuration accepts, as it spells them. */
    public static final List<String> PULL_MODES = List.of("fair", "greedy", "proRata");

    public static ExecutionConfig defaults() {
        return new ExecutionConfig(true, "fair", BigInteger.ONE, Duration.ofSeconds(30));
    }
}
