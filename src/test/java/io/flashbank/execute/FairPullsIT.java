package io.flashbank.execute;

import static io.flashbank.execute.ExecutorFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fair pull mode against a real anvil chain with the demo's five LPs (150, 100, 80, 40 and 20 WETH): each loan goes
 * where the deficit schedule says, the schedule moves by the mined FlashLoan events, and an executor started again with
 * the history of those loans carries on where an unseeded one would start over.
 */
class FairPullsIT {
    private static ExecutorFixture net;

    @BeforeAll
    static void start() throws Exception {
        net = new ExecutorFixture();
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void spreadsLoansOverTheLpsAsTheScheduleSaysAndCarriesOnAfterASeededRestart() {
        Map<String, BigInteger> available = net.ledger().available();
        ChainExecutor executor = net.executor(ExecutorSettings.defaults().withPullMode(PullMode.FAIR), CalibratedGasModel.create());
        DeficitSchedule mirror = new DeficitSchedule();
        Map<String, BigInteger> pulled = new TreeMap<>();
        BigInteger largest = BigInteger.ZERO;
        List<String> lenders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ExecutorFixture.FlashLoan loan = mined(executor);
            assertThat(loan.providers()).as("loan %d", i).isEqualTo(mirror.plan(available, loan.amount()).orElseThrow().providers());
            mirror.record(available, new PullPlan(loan.providers(), loan.pulls()));
            pulled.merge(loan.providers().get(0), loan.amount(), BigInteger::add);
            largest = largest.max(loan.amount());
            lenders.add(loan.providers().get(0));
        }
        assertThat(lenders).as("one LP per loan, not always the largest").hasSize(5).contains(net.lp(0), net.lp(1), net.lp(2));

        ChainExecutor restarted = net.executor(ExecutorSettings.defaults().withPullMode(PullMode.FAIR), CalibratedGasModel.create());
        assertThat(restarted.seedFairPulls(net.chain.weth(), new PullHistory(5, largest, pulled))).isTrue();
        ExecutorFixture.FlashLoan next = mined(restarted);
        List<String> owed = mirror.plan(available, next.amount()).orElseThrow().providers();
        assertThat(new DeficitSchedule().plan(available, next.amount()).orElseThrow().providers())
                .as("an unseeded schedule starts over with the largest LP").containsExactly(net.lp(0));
        assertThat(owed).as("the LP the schedule owes the sixth loan").doesNotContain(net.lp(0));
        assertThat(next.providers()).isEqualTo(owed);
        assertThat(restarted.seedFairPulls(net.chain.weth(), PullHistory.none())).as("a seed after a loan is ignored").isFalse();
    }

    private static ExecutorFixture.FlashLoan mined(ChainExecutor executor) {
        Execution e = executor.execute(net.misprice(ETHER.multiply(BigInteger.TWO))).block(Duration.ofSeconds(60)).execution();
        assertThat(e.status()).as("reason: %s", e.reason()).isEqualTo(Execution.Status.MINED);
        assertThat(DevnetAccounts.LP_COUNT).isEqualTo(5);
        return ExecutorFixture.FlashLoan.in(net.receipt(e.txHash()), net.chain.flashBank());
    }
}
