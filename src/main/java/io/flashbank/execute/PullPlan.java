package io.flashbank.execute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which FlashBank providers a {@code flashLoanFrom} names, in order, and what FlashBank will pull from each.
 *
 * @param providers the providers, in the order FlashBank pulls them
 * @param pulls what each lends, index for index; all but the last lend everything they have
 */
record PullPlan(List<String> providers, List<BigInteger> pulls) {
    PullPlan {
        providers = List.copyOf(providers);
        pulls = List.copyOf(pulls);
        if (providers.isEmpty() || providers.size() != pulls.size()) {
            throw new IllegalArgumentException("a pull plan names at least one provider and one pull per provider");
        }
        if (pulls.stream().anyMatch(p -> p.signum() <= 0)) {
            throw new IllegalArgumentException("every pull must be positive, got " + pulls);
        }
    }

    /** What the plan borrows in all. */
    BigInteger total() {
        return pulls.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * The plan with the fewest providers (each costs two transfers and a fee credit) that covers {@code amount}:
     * largest available first, ties by address so the choice is deterministic. The first k of that order lend the
     * most any k providers can, so no plan with fewer providers covers the amount. Empty when all of them together
     * cannot, or {@code amount} is not positive.
     */
    static Optional<PullPlan> greedy(Map<String, BigInteger> available, BigInteger amount) {
        if (amount.signum() <= 0) {
            return Optional.empty();
        }
        List<Map.Entry<String, BigInteger>> order = new ArrayList<>(available.entrySet());
        order.sort(Comparator.<Map.Entry<String, BigInteger>, BigInteger>comparing(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> providers = new ArrayList<>();
        List<BigInteger> pulls = new ArrayList<>();
        BigInteger remaining = amount;
        for (Map.Entry<String, BigInteger> entry : order) {
            if (remaining.signum() == 0 || entry.getValue().signum() <= 0) {
                break;
            }
            BigInteger pull = entry.getValue().min(remaining);
            providers.add(entry.getKey());
            pulls.add(pull);
            remaining = remaining.subtract(pull);
        }
        return remaining.signum() == 0 ? Optional.of(new PullPlan(providers, pulls)) : Optional.empty();
    }

    /** What all of {@code available} can lend together. */
    static BigInteger total(Map<String, BigInteger> available) {
        return available.values().stream().filter(v -> v.signum() > 0).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
