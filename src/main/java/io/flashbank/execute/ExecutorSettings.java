package io.flashbank.execute;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How one chain's executor decides, prices and waits.
 *
 * @param minNetProfit the least profit, in the base token's smallest unit, left after the flash fee and gas for an
 *     opportunity to be attempted (at least 1); it is also the on-chain {@code minProfit} on top of the gas cost
 * @param pullMode {@code flashLoanFrom} over a fair (deficit-scheduled) or greedy (fewest providers) pull plan, or
 *     pro-rata {@code flashLoan}
 * @param receiptTimeout how long to wait for a receipt after sending before reporting TIMED_OUT
 * @param receiptPoll how often to ask for the receipt meanwhile
 * @param gasMultiplier the gas limit is {@code ceil(eth_estimateGas × gasMultiplier)}, in [1, 3]
 * @param priorityFeeWei the tip per gas; {@code maxFeePerGas = 2 × baseFee + tip}
 */
public record ExecutorSettings(BigInteger minNetProfit, PullMode pullMode, Duration receiptTimeout, Duration receiptPoll,
                               double gasMultiplier, BigInteger priorityFeeWei) {
    /** 0.1 gwei, the engine's default tip. */
    public static final BigInteger DEFAULT_PRIORITY_FEE_WEI = BigInteger.valueOf(100_000_000L);

    public ExecutorSettings {
        if (minNetProfit == null || minNetProfit.signum() <= 0) {
            throw new IllegalArgumentException("minNetProfit must be at least 1, got " + minNetProfit);
        }
        Objects.requireNonNull(pullMode, "pullMode");
        requirePositive(receiptTimeout, "receiptTimeout");
        requirePositive(receiptPoll, "receiptPoll");
        if (receiptPoll.compareTo(receiptTimeout) > 0) {
            throw new IllegalArgumentException("receiptPoll (" + receiptPoll + ") must not exceed receiptTimeout (" + receiptTimeout + ")");
        }
        if (!(gasMultiplier >= 1.0 && gasMultiplier <= 3.0)) {
            throw new IllegalArgumentException("gasMultiplier must be in [1, 3], got " + gasMultiplier);
        }
        if (priorityFeeWei == null || priorityFeeWei.signum() < 0) {
            throw new IllegalArgumentException("priorityFeeWei must not be negative, got " + priorityFeeWei);
        }
    }

    /** Minimum net profit 1, fair pulls, a 30 s receipt timeout polled every 250 ms, gas × 1.2, a 0.1 gwei tip. */
    public static ExecutorSettings defaults() {
        return new ExecutorSettings(BigInteger.ONE, PullMode.FAIR, Duration.ofSeconds(30), Duration.ofMillis(250), 1.2,
                DEFAULT_PRIORITY_FEE_WEI);
    }

    public ExecutorSettings withMinNetProfit(BigInteger value) {
        return new ExecutorSettings(value, pullMode, receiptTimeout, receiptPoll, gasMultiplier, priorityFeeWei);
    }

    public ExecutorSettings withPullMode(PullMode value) {
        return new ExecutorSettings(minNetProfit, value, receiptTimeout, receiptPoll, gasMultiplier, priorityFeeWei);
    }

    public ExecutorSettings withReceiptTimeout(Duration timeout, Duration poll) {
        return new ExecutorSettings(minNetProfit, pullMode, timeout, poll, gasMultiplier, priorityFeeWei);
    }

    public ExecutorSettings withGasMultiplier(double value) {
        return new ExecutorSettings(minNetProfit, pullMode, receiptTimeout, receiptPoll, value, priorityFeeWei);
    }

    public ExecutorSettings withPriorityFeeWei(BigInteger value) {
        return new ExecutorSettings(minNetProfit, pullMode, receiptTimeout, receiptPoll, gasMultiplier, value);
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
