package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PullPlanTest {
    private static final String A = "0x000000000000000000000000000000000000000a";
    private static final String B = "0x000000000000000000000000000000000000000b";
    private static final String C = "0x000000000000000000000000000000000000000c";
    private static final String D = "0x000000000000000000000000000000000000000d";

    @Test
    void coversTheLoanFromTheLargestProvidersAndPullsOnlyTheRestFromTheLast() {
        Map<String, BigInteger> available = available(A, 20, B, 150, C, 80, D, 100);
        PullPlan plan = PullPlan.greedy(available, BigInteger.valueOf(200)).orElseThrow();
        assertThat(plan.providers()).containsExactly(B, D);
        assertThat(plan.pulls()).containsExactly(BigInteger.valueOf(150), BigInteger.valueOf(50));
        assertThat(plan.total()).isEqualTo(BigInteger.valueOf(200));
    }

    @Test
    void oneProviderSufficesWhenTheLargestCoversTheLoan() {
        PullPlan plan = PullPlan.greedy(available(A, 20, B, 150, C, 80), BigInteger.valueOf(150)).orElseThrow();
        assertThat(plan.providers()).containsExactly(B);
    }

    @Test
    void skipsProvidersThatCannotLendAndBreaksTiesByAddress() {
        PullPlan plan = PullPlan.greedy(available(D, 0, C, 50, A, 50, B, 50), BigInteger.valueOf(120)).orElseThrow();
        assertThat(plan.providers()).containsExactly(A, B, C);
        assertThat(plan.pulls()).containsExactly(BigInteger.valueOf(50), BigInteger.valueOf(50), BigInteger.valueOf(20));
    }

    @Test
    void findsNoPlanWhenAllTogetherCannotCoverTheLoan() {
        Map<String, BigInteger> available = available(A, 20, B, 30);
        assertThat(PullPlan.greedy(available, BigInteger.valueOf(51))).isEmpty();
        assertThat(PullPlan.greedy(available, BigInteger.ZERO)).isEmpty();
        assertThat(PullPlan.total(available)).isEqualTo(BigInteger.valueOf(50));
    }

    @Test
    void noSubsetWithFewerProvidersCoversTheLoanOnRandomBooks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(8);
            Map<String, BigInteger> available = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                available.put(String.format("0x%040x", i + 1), BigInteger.valueOf(random.nextInt(100)));
            }
            BigInteger amount = BigInteger.valueOf(1 + random.nextInt(300));
            int fewest = fewestCovering(List.copyOf(available.values()), amount);
            var plan = PullPlan.greedy(available, amount);
            if (fewest < 0) {
                assertThat(plan).isEmpty();
            } else {
                assertThat(plan).isPresent();
                assertThat(plan.get().providers()).hasSize(fewest);
                assertThat(plan.get().total()).isEqualTo(amount);
            }
        }
    }

    private static int fewestCovering(List<BigInteger> values, BigInteger amount) {
        int best = -1;
        for (int mask = 1; mask < 1 << values.size(); mask++) {
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < values.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    sum = sum.add(values.get(i));
                }
            }
            int count = Integer.bitCount(mask);
            if (sum.compareTo(amount) >= 0 && (best < 0 || count < best)) {
                best = count;
            }
        }
        return best;
    }

    private static Map<String, BigInteger> available(Object... pairs) {
        Map<String, BigInteger> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], BigInteger.valueOf((Integer) pairs[i + 1]));
        }
        return map;
    }
}
