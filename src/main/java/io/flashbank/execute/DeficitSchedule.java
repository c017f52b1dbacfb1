package io.flashbank.execute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One token's weighted deficit schedule on one chain: what each provider is owed in pulls, and the plan that evens it.
 *
 * <p>Every loan entitles the providers that can lend to the loan's amount in proportion to what each can lend
 * ({@code available}), shared out exactly in integers; what the chain actually pulled from each is debited. A
 * provider's <em>credit</em> is entitlement minus pulls, so over time each provider's pulled volume (and with it its fee
 * share) follows its share of lendable liquidity, whatever the loan sizes.
 *
 * <p>FlashBank's {@code flashLoanFrom} pulls from the listed providers in order, each lending all it can until the
 * amount is covered, so a plan chooses only the order. After this loan's entitlement is added, the first provider is
 * the one whose pull leaves the schedule fairest: the one that minimises {@code Σ credit² / available}, that is the
 * largest {@code (2 · credit − pull) / available}. For loans small beside the credits that is simply the provider
 * furthest behind for its size; for a large loan it avoids overshooting a small provider by a whole loan. Ties go to
 * the lower address. A loan smaller than that provider's availability uses one provider; only a loan larger than
 * what it can lend adds the next.
 *
 * <p>Credits stay within {@link #CREDIT_BOUND_LOANS} times the largest loan recorded, either way. In steady state the
 * schedule keeps them within about one loan, so the bound only bites on stale state (a seed rebuilt at today's
 * availability from a history with other shares): no provider can claim more than two loans' worth of catch-up. A
 * provider that cannot lend (available 0) accrues nothing, so an absence never builds a claim to monopolise later.
 *
 * <p>Not thread-safe: {@link FairPullPlanner} serialises access.
 */
final class DeficitSchedule {
    /** Credits are kept within this many times the largest loan recorded. */
    static final int CREDIT_BOUND_LOANS = 2;

    /** Provider → entitlement minus pulls, for the providers in FlashBank's set at the last recorded loan. */
    private Map<String, BigInteger> credits = new HashMap<>();
    /** The ledger's history, turned into credits at the first availability this schedule sees; null after that. */
    private PullHistory seed;
    private BigInteger largestLoan = BigInteger.ZERO;
    private long recorded;

    /**
     * The providers to name, in order, for a loan of {@code amount}, with what FlashBank will pull from each; empty
     * when {@code amount} is not positive or all of {@code available} together cannot cover it. Changes nothing: the
     * schedule moves only by {@link #record}.
     *
     * @param available every provider in FlashBank's set with what it can lend now
     */
    Optional<PullPlan> plan(Map<String, BigInteger> available, BigInteger amount) {
        if (amount.signum() <= 0 || PullPlan.total(available).compareTo(amount) < 0) {
            return Optional.empty();
        }
        Map<String, BigInteger> owed = current(available);
        accrue(owed, available, amount);
        TreeSet<String> candidates = new TreeSet<>();
        available.forEach((provider, can) -> {
            if (can.signum() > 0) {
                candidates.add(provider);
            }
        });
        List<String> providers = new ArrayList<>();
        List<BigInteger> pulls = new ArrayList<>();
        BigInteger remaining = amount;
        while (remaining.signum() > 0) {
            String best = null;
            BigInteger bestScore = null;
            BigInteger bestAvailable = null;
            for (String provider : candidates) {
                BigInteger can = available.get(provider);
                BigInteger score = owed.getOrDefault(provider, BigInteger.ZERO).shiftLeft(1).subtract(can.min(remaining));
                // score / can > bestScore / bestAvailable, both denominators positive; strict, so ties keep the lower address
                if (best == null || score.multiply(bestAvailable).compareTo(bestScore.multiply(can)) > 0) {
                    best = provider;
                    bestScore = score;
                    bestAvailable = can;
                }
            }
            BigInteger pull = bestAvailable.min(remaining);
            candidates.remove(best);
            owed.merge(best, pull.negate(), BigInteger::add);
            providers.add(best);
            pulls.add(pull);
            remaining = remaining.subtract(pull);
        }
        return Optional.of(new PullPlan(providers, pulls));
    }

    /**
     * Moves the schedule by one loan as the chain made it: {@code pulled} is what its {@code FlashLoan} event says each
     * provider lent (whatever the plan was), {@code available} what each provider could lend when the loan was planned.
     * Providers no longer in {@code available} (they left FlashBank's set) are forgotten.
     */
    void record(Map<String, BigInteger> available, PullPlan pulled) {
        BigInteger amount = pulled.total();
        credits = current(available);
        seed = null;
        credits.keySet().retainAll(available.keySet());
        accrue(credits, available, amount);
        for (int i = 0; i < pulled.providers().size(); i++) {
            credits.merge(pulled.providers().get(i), pulled.pulls().get(i).negate(), BigInteger::add);
        }
        largestLoan = largestLoan.max(amount);
        recorded++;
        clamp(credits);
    }

    /**
     * Rebuilds the credits from the ledger's {@code history} of this token, for a schedule that starts after a restart:
     * at the first availability it sees, the providers that can lend are entitled to the history's volume in proportion
     * to what each can lend then (the ledger does not know what they could lend at each past loan), less what they were
     * pulled, within the bound. False, and ignored, once this schedule recorded a loan of its own.
     */
    boolean seed(PullHistory history) {
        if (recorded > 0) {
            return false;
        }
        seed = history;
        largestLoan = largestLoan.max(history.largestLoan());
        return true;
    }

    /** The credits as {@link #plan} would see them before adding a loan of its own (for tests and monitoring). */
    Map<String, BigInteger> credits(Map<String, BigInteger> available) {
        return new TreeMap<>(current(available));
    }

    /** The largest loan recorded or seeded. */
    BigInteger largestLoan() {
        return largestLoan;
    }

    /** A copy of the credits, with a pending seed turned into credits at {@code available}. */
    private Map<String, BigInteger> current(Map<String, BigInteger> available) {
        if (seed == null) {
            return new HashMap<>(credits);
        }
        Map<String, BigInteger> weights = new HashMap<>();
        BigInteger volume = BigInteger.ZERO;
        for (Map.Entry<String, BigInteger> e : available.entrySet()) {
            if (e.getValue().signum() > 0) {
                weights.put(e.getKey(), e.getValue());
                volume = volume.add(seed.pulled().getOrDefault(e.getKey(), BigInteger.ZERO));
            }
        }
        Map<String, BigInteger> rebuilt = new HashMap<>();
        if (volume.signum() > 0) {
            shares(weights, volume).forEach((provider, entitled) ->
                    rebuilt.put(provider, entitled.subtract(seed.pulled().getOrDefault(provider, BigInteger.ZERO))));
        }
        clamp(rebuilt);
        return rebuilt;
    }

    private static void accrue(Map<String, BigInteger> credits, Map<String, BigInteger> available, BigInteger amount) {
        Map<String, BigInteger> weights = new HashMap<>();
        available.forEach((provider, can) -> {
            if (can.signum() > 0) {
                weights.put(provider, can);
            }
        });
        if (!weights.isEmpty()) {
            shares(weights, amount).forEach((provider, entitled) -> credits.merge(provider, entitled, BigInteger::add));
        }
    }

    private void clamp(Map<String, BigInteger> values) {
        if (largestLoan.signum() == 0) {
            return;
        }
        BigInteger bound = largestLoan.multiply(BigInteger.valueOf(CREDIT_BOUND_LOANS));
        values.replaceAll((provider, credit) -> credit.min(bound).max(bound.negate()));
    }

    /**
     * {@code amount} shared in proportion to {@code weights} (all positive), summing to {@code amount} exactly: each
     * gets the floor of its share, then the units left over go one each to the largest remainders, ties by address.
     */
    static Map<String, BigInteger> shares(Map<String, BigInteger> weights, BigInteger amount) {
        BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        Map<String, BigInteger> out = new TreeMap<>();
        Map<String, BigInteger> remainders = new TreeMap<>();
        BigInteger handedOut = BigInteger.ZERO;
        for (Map.Entry<String, BigInteger> e : new TreeMap<>(weights).entrySet()) {
            BigInteger[] qr = amount.multiply(e.getValue()).divideAndRemainder(total);
            out.put(e.getKey(), qr[0]);
            remainders.put(e.getKey(), qr[1]);
            handedOut = handedOut.add(qr[0]);
        }
        // Fewer units are left than there are providers (each floor loses less than one).
        int left = amount.subtract(handedOut).intValueExact();
        remainders.entrySet().stream()
                .sorted(Map.Entry.<String, BigInteger>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(left)
                .forEach(e -> out.merge(e.getKey(), BigInteger.ONE, BigInteger::add));
        return out;
    }
}
