package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairPullPlannerTest {
    private static final String WETH = "0x" + "11".repeat(20);
    private static final String TKA = "0x" + "22".repeat(20);
    private static final String LP_A = "0x" + "aa".repeat(20);
    private static final String LP_B = "0x" + "bb".repeat(20);
    private static final Map<String, BigInteger> EVEN = Map.of(LP_A, BigInteger.valueOf(100), LP_B, BigInteger.valueOf(100));

    @Test
    void keepsOneScheduleEachTokenMovedOnlyByThatTokensLoans() {
        FairPullPlanner planner = new FairPullPlanner();
        assertThat(planner.plan(WETH, EVEN, BigInteger.TEN).orElseThrow().providers()).containsExactly(LP_A);
        planner.record(new LoanPulls(WETH, BigInteger.TEN, List.of(LP_A), List.of(BigInteger.TEN)), EVEN);
        assertThat(planner.plan(WETH, EVEN, BigInteger.TEN).orElseThrow().providers()).containsExactly(LP_B);
        assertThat(planner.plan(TKA, EVEN, BigInteger.TEN).orElseThrow().providers()).containsExactly(LP_A);
    }

    @Test
    void seedsATokenWhateverCaseItsAddressIsSpelledIn() {
        FairPullPlanner planner = new FairPullPlanner();
        assertThat(planner.seed(WETH.toUpperCase().replace("0X", "0x"),
                new PullHistory(1, BigInteger.TEN, Map.of(LP_A, BigInteger.TEN)))).isTrue();
        assertThat(planner.credits(WETH, EVEN)).containsEntry(LP_A, BigInteger.valueOf(-5)).containsEntry(LP_B, BigInteger.valueOf(5));
        planner.record(new LoanPulls(WETH, BigInteger.TEN, List.of(LP_B), List.of(BigInteger.TEN)), EVEN);
        assertThat(planner.seed(WETH, PullHistory.none())).isFalse();
    }
}
