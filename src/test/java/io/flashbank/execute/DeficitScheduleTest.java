package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeficitScheduleTest {
    private static final String A = "0x000000000000000000000000000000000000000a";
    private static final String B = "0x000000000000000000000000000000000000000b";
    private static final String C = "0x000000000000000000000000000000000000000c";
    private static final String D = "0x000000000000000000000000000000000000000d";
    private static final String E = "0x000000000000000000000000000000000000000e";
    /** The demo's five LPs: 150, 100, 80, 40 and 20 WETH, here in units of 0.001 WETH. */
    private static final Map<String, BigInteger> DEMO = available(A, 150_000, B, 100_000, C, 80_000, D, 40_000, E, 20_000);

    @Test
    void sharesOutExactlyInProportionGivingTheLeftoverUnitsToTheLargestRemainders() {
        Map<String, BigInteger> shares = DeficitSchedule.shares(available(A, 1, B, 1, C, 1), BigInteger.valueOf(10));
        assertThat(shares).containsExactly(Map.entry(A, BigInteger.valueOf(4)), Map.entry(B, BigInteger.valueOf(3)),
                Map.entry(C, BigInteger.valueOf(3)));
        Map<String, BigInteger> uneven = DeficitSchedule.shares(available(A, 150, B, 100, C, 80, D, 40, E, 20), BigInteger.valueOf(1_000));
        // 384.6, 256.4, 205.1, 102.6, 51.3: floors sum to 998, the two largest remainders (.6, .6) get one each
        assertThat(uneven.values()).containsExactly(BigInteger.valueOf(385), BigInteger.valueOf(256), BigInteger.valueOf(205),
                BigInteger.valueOf(103), BigInteger.valueOf(51));
    }

    @Test
    void noLongerHandsEveryLoanToTheLargestProvider() {
        // The issue: over 498 loans the fewest-providers plan gave LP 1 every fee.
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> pulled = new TreeMap<>();
        Map<String, BigInteger> greedy = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int loan = 0; loan < 498; loan++) {
            BigInteger amount = BigInteger.valueOf(100 + random.nextInt(1_900));
            PullPlan plan = schedule.plan(DEMO, amount).orElseThrow();
            assertThat(plan.providers()).hasSize(1);
            schedule.record(DEMO, plan);
            add(pulled, plan);
            add(greedy, PullPlan.greedy(DEMO, amount).orElseThrow());
        }
        assertThat(greedy).containsOnlyKeys(A);
        assertThat(maxRelativeDeviation(pulled, DEMO)).isLessThan(0.05);
    }

    @Test
    void keepsEveryProviderWithinOneLargestLoanOfItsEntitlementWhateverTheLoanSizes() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> entitled = new TreeMap<>();
        Map<String, BigInteger> pulled = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(7);
        BigInteger largest = BigInteger.ZERO;
        for (int loan = 0; loan < 2_000; loan++) {
            // log-uniform over two decades: 100 to 10,000 units
            BigInteger amount = BigInteger.valueOf((long) Math.pow(10, 2 + 2 * random.nextDouble()));
            largest = largest.max(amount);
            PullPlan plan = schedule.plan(DEMO, amount).orElseThrow();
            schedule.record(DEMO, plan);
            add(pulled, plan);
            DeficitSchedule.shares(DEMO, amount).forEach((p, share) -> entitled.merge(p, share, BigInteger::add));
            for (String p : DEMO.keySet()) {
                BigInteger credit = entitled.get(p).subtract(pulled.getOrDefault(p, BigInteger.ZERO));
                assertThat(credit.abs()).as("credit of %s after loan %d", p, loan).isLessThanOrEqualTo(largest);
                assertThat(schedule.credits(DEMO).getOrDefault(p, BigInteger.ZERO)).isEqualTo(credit);
            }
        }
        assertThat(maxRelativeDeviation(pulled, DEMO)).isLessThan(0.01);
    }

    @Test
    void creditsSumToZeroWhileEveryProviderPulledIsInTheSet() {
        DeficitSchedule schedule = new DeficitSchedule();
        SplittableRandom random = new SplittableRandom(3);
        for (int loan = 0; loan < 300; loan++) {
            BigInteger amount = BigInteger.valueOf(1 + random.nextInt(300_000));
            schedule.record(DEMO, schedule.plan(DEMO, amount).orElseThrow());
            assertThat(schedule.credits(DEMO).values().stream().reduce(BigInteger.ZERO, BigInteger::add)).isZero();
        }
    }

    @Test
    void coversEveryLoanExactlyAndNeverAsksAProviderBeyondWhatItCanLend() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            DeficitSchedule schedule = new DeficitSchedule();
            Map<String, BigInteger> available = new LinkedHashMap<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                available.put(String.format("0x%040x", i + 1), BigInteger.valueOf(random.nextInt(100)));
            }
            for (int loan = 0; loan < 20; loan++) {
                BigInteger amount = BigInteger.valueOf(random.nextInt(400));
                var plan = schedule.plan(available, amount);
                if (amount.signum() == 0 || PullPlan.total(available).compareTo(amount) < 0) {
                    assertThat(plan).isEmpty();
                    continue;
                }
                assertThat(plan).isPresent();
                PullPlan p = plan.get();
                assertThat(p.total()).isEqualTo(amount);
                assertThat(p.providers()).doesNotHaveDuplicates();
                for (int i = 0; i < p.providers().size(); i++) {
                    BigInteger can = available.get(p.providers().get(i));
                    assertThat(p.pulls().get(i)).isPositive().isLessThanOrEqualTo(can);
                    if (i < p.providers().size() - 1) {
                        assertThat(p.pulls().get(i)).as("all but the last lend all they can, as flashLoanFrom pulls").isEqualTo(can);
                    }
                }
                schedule.record(available, p);
            }
        }
    }

    @Test
    void givesTheNextLoanToTheProviderFurthestBehindAndBreaksTiesByAddress() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> equal = available(C, 100, A, 100, B, 100);
        List<String> firsts = new ArrayList<>();
        for (int loan = 0; loan < 6; loan++) {
            PullPlan plan = schedule.plan(equal, BigInteger.valueOf(30)).orElseThrow();
            firsts.add(plan.providers().get(0));
            schedule.record(equal, plan);
        }
        assertThat(firsts).containsExactly(A, B, C, A, B, C);
    }

    @Test
    void movesByWhatTheChainPulledNotByThePlan() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> available = available(A, 100, B, 100);
        assertThat(schedule.plan(available, BigInteger.valueOf(50)).orElseThrow().providers()).containsExactly(A);
        // A's transfer failed on-chain, so FlashBank took the loan from B instead: B is now the one ahead.
        schedule.record(available, new PullPlan(List.of(B), List.of(BigInteger.valueOf(50))));
        assertThat(schedule.credits(available)).containsExactly(Map.entry(A, BigInteger.valueOf(25)), Map.entry(B, BigInteger.valueOf(-25)));
        assertThat(schedule.plan(available, BigInteger.valueOf(50)).orElseThrow().providers()).containsExactly(A);
    }

    @Test
    void addsTheNextProviderOnlyWhenTheFirstCannotCoverTheLoan() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> available = available(A, 100_000, B, 10_000);
        int twoProviders = 0;
        for (int loan = 0; loan < 100; loan++) {
            PullPlan plan = schedule.plan(available, BigInteger.valueOf(50_000)).orElseThrow();
            if (plan.providers().size() == 2) {
                twoProviders++;
                assertThat(plan.providers().get(0)).isEqualTo(B);
                assertThat(plan.pulls()).containsExactly(BigInteger.valueOf(10_000), BigInteger.valueOf(40_000));
            } else {
                assertThat(plan.providers()).containsExactly(A);
            }
            schedule.record(available, plan);
        }
        // B is owed 1/11 of 5,000,000 = 454,545 units: in 45 or 46 loans it lends all 10,000 it has, the rest go to A alone.
        assertThat(twoProviders).isBetween(45, 46);
    }

    @Test
    void aProviderThatCouldNotLendAccruesNothingAndDoesNotMonopoliseWhenItReturns() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> without = available(A, 100, B, 100, C, 0);
        for (int loan = 0; loan < 200; loan++) {
            schedule.record(without, schedule.plan(without, BigInteger.valueOf(10)).orElseThrow());
        }
        assertThat(schedule.credits(without).getOrDefault(C, BigInteger.ZERO)).isZero();
        Map<String, BigInteger> back = available(A, 100, B, 100, C, 100);
        List<String> firsts = new ArrayList<>();
        for (int loan = 0; loan < 9; loan++) {
            PullPlan plan = schedule.plan(back, BigInteger.valueOf(10)).orElseThrow();
            firsts.add(plan.providers().get(0));
            schedule.record(back, plan);
        }
        assertThat(firsts).filteredOn(C::equals).hasSize(3);
    }

    @Test
    void forgetsAProviderThatLeftFlashBanksSet() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> three = available(A, 100, B, 100, C, 100);
        schedule.record(three, schedule.plan(three, BigInteger.valueOf(90)).orElseThrow());
        assertThat(schedule.credits(three)).containsKeys(A, B, C);
        Map<String, BigInteger> two = available(A, 100, B, 100);
        schedule.record(two, schedule.plan(two, BigInteger.valueOf(10)).orElseThrow());
        assertThat(schedule.credits(two)).containsOnlyKeys(A, B);
    }

    @Test
    void aSeedRebuildsTheCreditsARestartWouldHaveLost() {
        DeficitSchedule before = new DeficitSchedule();
        Map<String, BigInteger> pulled = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(5);
        BigInteger largest = BigInteger.ZERO;
        for (int loan = 0; loan < 137; loan++) {
            BigInteger amount = BigInteger.valueOf(100 + random.nextInt(1_900));
            largest = largest.max(amount);
            PullPlan plan = before.plan(DEMO, amount).orElseThrow();
            before.record(DEMO, plan);
            add(pulled, plan);
        }
        DeficitSchedule restarted = new DeficitSchedule();
        assertThat(restarted.seed(new PullHistory(137, largest, pulled))).isTrue();
        assertThat(restarted.largestLoan()).isEqualTo(largest);
        Map<String, BigInteger> lost = before.credits(DEMO);
        Map<String, BigInteger> rebuilt = restarted.credits(DEMO);
        for (String p : DEMO.keySet()) {
            // one share-out of the whole volume instead of 137: each may differ by the rounding of the loans
            assertThat(rebuilt.get(p).subtract(lost.get(p)).abs()).as("credit of %s", p).isLessThanOrEqualTo(BigInteger.valueOf(137));
        }
        BigInteger amount = BigInteger.valueOf(1_000);
        assertThat(restarted.plan(DEMO, amount)).isEqualTo(before.plan(DEMO, amount));
        // The first loan after the restart turns the seed into the schedule's own credits.
        PullPlan next = restarted.plan(DEMO, amount).orElseThrow();
        restarted.record(DEMO, next);
        before.record(DEMO, next);
        for (String p : DEMO.keySet()) {
            assertThat(restarted.credits(DEMO).get(p).subtract(before.credits(DEMO).get(p)).abs()).isLessThanOrEqualTo(BigInteger.valueOf(137));
        }
    }

    @Test
    void anUnseededRestartWouldHaveStartedOverWhereTheSeedDoesNot() {
        Map<String, BigInteger> two = available(A, 100, B, 100);
        DeficitSchedule seeded = new DeficitSchedule();
        // A was pulled for the last loan: B is owed the next one.
        seeded.seed(new PullHistory(3, BigInteger.valueOf(10), Map.of(A, BigInteger.valueOf(20), B, BigInteger.TEN)));
        assertThat(seeded.plan(two, BigInteger.TEN).orElseThrow().providers()).containsExactly(B);
        assertThat(new DeficitSchedule().plan(two, BigInteger.TEN).orElseThrow().providers()).containsExactly(A);
    }

    @Test
    void aSeedCountsOnlyProvidersThatCanLendNow() {
        DeficitSchedule schedule = new DeficitSchedule();
        schedule.seed(new PullHistory(4, BigInteger.valueOf(100), Map.of(A, BigInteger.valueOf(100), B, BigInteger.valueOf(100),
                C, BigInteger.valueOf(200))));
        // C cannot lend now: its history is left out, so A and B (equal now) are even, and C is owed nothing.
        assertThat(schedule.credits(available(A, 50, B, 50, C, 0)))
                .containsExactly(Map.entry(A, BigInteger.ZERO), Map.entry(B, BigInteger.ZERO));
    }

    @Test
    void boundsASeededCreditToTwiceTheLargestLoan() {
        DeficitSchedule schedule = new DeficitSchedule();
        // A history from before B tripled its commitment: at today's shares B is owed far more than two loans.
        schedule.seed(new PullHistory(100, BigInteger.valueOf(10), Map.of(A, BigInteger.valueOf(900), B, BigInteger.valueOf(100))));
        Map<String, BigInteger> now = available(A, 100, B, 300);
        assertThat(schedule.credits(now)).containsExactly(Map.entry(A, BigInteger.valueOf(-20)), Map.entry(B, BigInteger.valueOf(20)));
        int inARow = 0;
        while (schedule.plan(now, BigInteger.TEN).orElseThrow().providers().equals(List.of(B))) {
            schedule.record(now, schedule.plan(now, BigInteger.TEN).orElseThrow());
            inARow++;
        }
        // B's natural share is 3 loans in 4; the unbounded seed (650 units at 2.5 a loan) would give it some 260 in a row.
        assertThat(inARow).as("loans in a row B takes to catch up").isBetween(4, 12);
    }

    @Test
    void aSeedIsIgnoredOnceALoanWasRecorded() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> two = available(A, 100, B, 100);
        schedule.record(two, schedule.plan(two, BigInteger.TEN).orElseThrow());
        Map<String, BigInteger> credits = schedule.credits(two);
        assertThat(schedule.seed(new PullHistory(1, BigInteger.TEN, Map.of(B, BigInteger.TEN)))).isFalse();
        assertThat(schedule.credits(two)).isEqualTo(credits);
    }

    @Test
    void plansNothingWhenTheAmountIsNotPositiveOrCannotBeCovered() {
        DeficitSchedule schedule = new DeficitSchedule();
        Map<String, BigInteger> available = available(A, 20, B, 30);
        assertThat(schedule.plan(available, BigInteger.valueOf(51))).isEmpty();
        assertThat(schedule.plan(available, BigInteger.ZERO)).isEmpty();
        assertThat(schedule.plan(available(A, 0), BigInteger.ONE)).isEmpty();
        assertThat(schedule.plan(available, BigInteger.valueOf(50)).orElseThrow().total()).isEqualTo(BigInteger.valueOf(50));
    }

    private static void add(Map<String, BigInteger> totals, PullPlan plan) {
        for (int i = 0; i < plan.providers().size(); i++) {
            totals.merge(plan.providers().get(i), plan.pulls().get(i), BigInteger::add);
        }
    }

    /** The largest |pulled share − lendable share| / lendable share over the providers. */
    static double maxRelativeDeviation(Map<String, BigInteger> pulled, Map<String, BigInteger> available) {
        double volume = pulled.values().stream().mapToDouble(BigInteger::doubleValue).sum();
        double total = available.values().stream().mapToDouble(BigInteger::doubleValue).sum();
        double worst = 0;
        for (Map.Entry<String, BigInteger> e : available.entrySet()) {
            double fair = e.getValue().doubleValue() / total;
            double got = pulled.getOrDefault(e.getKey(), BigInteger.ZERO).doubleValue() / volume;
            worst = Math.max(worst, Math.abs(got - fair) / fair);
        }
        return worst;
    }

    private static Map<String, BigInteger> available(Object... pairs) {
        Map<String, BigInteger> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], BigInteger.valueOf(((Number) pairs[i + 1]).longValue()));
        }
        return map;
    }
}
