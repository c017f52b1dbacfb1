package io.flashbank.execute;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the executor's past flash loans of one token on one chain pulled from each provider, as the ledger recorded
 * them: the history a restarted fair schedule is rebuilt from.
 *
 * @param loans how many loans
 * @param largestLoan the largest of them (0 when there were none), which bounds the rebuilt credits
 * @param pulled provider (lower-case) → everything pulled from it over those loans; providers never pulled are absent
 */
public record PullHistory(long loans, BigInteger largestLoan, Map<String, BigInteger> pulled) {
    public PullHistory {
        if (loans < 0) {
            throw new IllegalArgumentException("loans must not be negative, got " + loans);
        }
        if (largestLoan == null || largestLoan.signum() < 0) {
            throw new IllegalArgumentException("largestLoan must not be negative, got " + largestLoan);
        }
        Map<String, BigInteger> copy = new TreeMap<>();
        pulled.forEach((provider, amount) -> {
            if (amount == null || amount.signum() < 0) {
                throw new IllegalArgumentException("pulled from " + provider + " must not be negative, got " + amount);
            }
            copy.merge(Addresses.normalize(provider, "provider"), amount, BigInteger::add);
        });
        if (loans == 0 && (largestLoan.signum() != 0 || copy.values().stream().anyMatch(v -> v.signum() != 0))) {
            throw new IllegalArgumentException("a history of no loans pulls nothing");
        }
        pulled = Map.copyOf(copy);
    }

    /** No loans yet. */
    public static PullHistory none() {
        return new PullHistory(0, BigInteger.ZERO, Map.of());
    }

    /** Everything pulled, from every provider. */
    public BigInteger volume() {
        return pulled.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
}
