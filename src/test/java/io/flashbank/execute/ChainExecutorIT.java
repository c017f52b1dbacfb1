package io.flashbank.execute;

import static io.flashbank.execute.ExecutorFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.market.ExactRoute;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.publisher.Flux;

/**
 * The executor against a real anvil chain: fairly priced real Uniswap V2 pairs, five LPs committed to FlashBank, an
 * ArbitrageExecutor owned by the searcher (anvil's public test account 9). Each test misprices a pair and checks where
 * every wei went.
 */
class ChainExecutorIT {
    private static final CalibratedGasModel GAS = CalibratedGasModel.create();
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
    void executesAGreedyLoanFromTheFewestProvidersAndPaysEveryWeiWhereItBelongs() {
        Opportunity opportunity = net.misprice(ether(4));
        ExecutorFixture.Ledger before = net.ledger();
        ExecutionReport report = executor(ExecutorSettings.defaults().withPullMode(PullMode.GREEDY)).execute(opportunity)
                .block(Duration.ofSeconds(60));
        Execution e = report.execution();
        assertThat(e.status()).as("reason: %s", e.reason()).isEqualTo(Execution.Status.MINED);
        assertThat(e.realizedProfit()).isPositive().isEqualTo(e.expectedProfit());
        ExecutorFixture.FlashLoan loan = ExecutorFixture.FlashLoan.in(net.receipt(e.txHash()), net.chain.flashBank());
        assertThat(loan.providers()).as("the largest LP (150 WETH available) covers it alone").containsExactly(net.lp(0));
        assertWhereEveryWeiWent(before, net.ledger(), e, loan);
        JsonNode tx = net.client.call("eth_getTransactionByHash", List.of(e.txHash())).block(Duration.ofSeconds(10));
        assertThat(tx.path("type").asText()).isEqualTo("0x2");
        assertThat(tx.path("from").asText()).isEqualTo(DevnetAccounts.address(DevnetAccounts.SEARCHER));
        assertThat(GAS.observations(2)).isPositive();
        net.printLatency("greedy", report);
    }

    @Test
    void executesAProRataLoanThatPullsFromEveryProviderInProportion() {
        Opportunity opportunity = net.misprice(ether(4));
        ExecutorFixture.Ledger before = net.ledger();
        ExecutionReport report = executor(ExecutorSettings.defaults().withPullMode(PullMode.PRO_RATA)).execute(opportunity)
                .block(Duration.ofSeconds(60));
        Execution e = report.execution();
        assertThat(e.status()).as("reason: %s", e.reason()).isEqualTo(Execution.Status.MINED);
        ExecutorFixture.FlashLoan loan = ExecutorFixture.FlashLoan.in(net.receipt(e.txHash()), net.chain.flashBank());
        assertThat(loan.providers()).hasSize(DevnetAccounts.LP_COUNT);
        BigInteger committed = before.available().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        for (int i = 0; i < loan.providers().size(); i++) {
            BigInteger fair = e.amountIn().multiply(before.available().get(loan.providers().get(i))).divide(committed);
            assertThat(loan.pulls().get(i).subtract(fair).abs()).as("pull of %s", loan.providers().get(i))
                    .isLessThanOrEqualTo(BigInteger.valueOf(DevnetAccounts.LP_COUNT));
        }
        assertWhereEveryWeiWent(before, net.ledger(), e, loan);
        net.printLatency("proRata", report);
    }

    @Test
    void skipsAnOpportunityWhosePricesWereFixedBeforeExecutionAndSendsNothing() {
        String trader = DevnetAccounts.address(DevnetAccounts.TRADER);
        BigInteger tkaBefore = net.balance(net.tka, trader);
        Opportunity stale = net.misprice(ether(4));
        net.swap(net.dear, net.tka, net.balance(net.tka, trader).subtract(tkaBefore));
        BigInteger nonce = net.nonce("pending");
        Execution e = executor(ExecutorSettings.defaults()).execute(stale).block(Duration.ofSeconds(60)).execution();
        assertThat(e.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(e.txHash()).isNull();
        assertThat(e.reason()).contains("no longer pays");
        assertThat(net.nonce("pending")).isEqualTo(nonce);
    }

    @Test
    void recordsARevertWhenAFrontRunnerTakesTheSpreadAndChangesNothingElse() throws Exception {
        Opportunity opportunity = net.misprice(ether(4));
        ExecutorFixture.Ledger before = net.ledger();
        BigInteger nonce = net.nonce("pending");
        net.client.call("evm_setIntervalMining", List.of(0)).block(Duration.ofSeconds(10));
        try {
            CompletableFuture<ExecutionReport> attempt = executor(ExecutorSettings.defaults()).execute(opportunity).toFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (net.nonce("pending").equals(nonce)) {
                assertThat(System.nanoTime()).as("the executor's transaction reaches the pool").isLessThan(deadline);
                Thread.sleep(20);
            }
            // A trader with a higher tip buys the cheap side first, in the same block.
            Function swap = new Function("swap", List.of(new Address(net.cheap), new Address(net.chain.weth()), new Uint256(ether(8))), List.of());
            Map<String, String> tx = new LinkedHashMap<>();
            tx.put("from", DevnetAccounts.address(DevnetAccounts.TRADER));
            tx.put("to", net.chain.noiseTrader());
            tx.put("data", FunctionEncoder.encode(swap));
            tx.put("gas", "0x" + Long.toHexString(300_000));
            tx.put("maxPriorityFeePerGas", "0x" + BigInteger.valueOf(100_000_000_000L).toString(16));
            tx.put("maxFeePerGas", "0x" + BigInteger.valueOf(300_000_000_000L).toString(16));
            net.client.call("eth_sendTransaction", List.of(tx)).block(Duration.ofSeconds(10));
            net.client.call("evm_mine", List.of()).block(Duration.ofSeconds(10));
            Execution e = attempt.get(60, TimeUnit.SECONDS).execution();
            assertThat(e.status()).isEqualTo(Execution.Status.REVERTED);
            assertThat(e.reason()).startsWith("InsufficientProfit(-");
            assertThat(e.gasUsed()).isPositive();
            assertThat(e.realizedProfit()).isZero();
            ExecutorFixture.Ledger after = net.ledger();
            assertThat(after.lpWeth()).isEqualTo(before.lpWeth());
            assertThat(after.profitOf()).isEqualTo(before.profitOf());
            assertThat(after.searcherWeth()).isEqualTo(before.searcherWeth());
        } finally {
            net.client.call("evm_setIntervalMining", List.of(1)).block(Duration.ofSeconds(10));
        }
    }

    @Test
    void theStreamsExecuteEachCyclicOpportunityOnceAndNeverACrossChainOne() {
        Opportunity opportunity = net.misprice(ether(3));
        Opportunity crossChain = crossChain(opportunity);
        List<Execution> executions = executor(ExecutorSettings.defaults())
                .executions(Flux.just(crossChain, opportunity, opportunity, crossChain))
                .collectList().block(Duration.ofSeconds(60));
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).status()).as("reason: %s", executions.get(0).reason()).isEqualTo(Execution.Status.MINED);

        Opportunity next = net.misprice(ether(3));
        RankedView view = new RankedView(1, List.of(crossChain(next), next));
        List<ExecutionReport> fromViews = executor(ExecutorSettings.defaults())
                .reportsFromViews(Flux.just(view, new RankedView(2, view.top())))
                .collectList().block(Duration.ofSeconds(60));
        assertThat(fromViews).hasSize(1);
        assertThat(fromViews.get(0).opportunity()).isEqualTo(next);
        assertThat(fromViews.get(0).execution().status()).isEqualTo(Execution.Status.MINED);

        Execution direct = executor(ExecutorSettings.defaults()).execute(crossChain).block(Duration.ofSeconds(10)).execution();
        assertThat(direct.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(direct.reason()).contains("cross-chain");
    }

    @Test
    void retriesASkippedOpportunityOnAQuietBookOnceTheCauseIsGoneAlthoughNoReservesChanged() {
        Opportunity opportunity = net.misprice(ether(3));
        setPaused(true);
        List<ExecutionReport> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutionReport mined;
        try {
            // One view and then silence: the book does not change while FlashBank is paused and then resumed.
            Flux<ExecutionReport> reports = executor(ExecutorSettings.defaults())
                    .reportsFromViews(Flux.just(new RankedView(1, List.of(opportunity))).concatWith(Flux.never()))
                    .doOnNext(seen::add);
            mined = reports.filter(r -> {
                        if (r.execution().status() == Execution.Status.SKIPPED && r.execution().reason().contains("LoansPaused")) {
                            setPaused(false); // the cause goes away; the reserves stay as they are
                        }
                        return r.execution().status() == Execution.Status.MINED;
                    })
                    .next().timeout(Duration.ofSeconds(60)).onErrorResume(java.util.concurrent.TimeoutException.class,
                            e -> reactor.core.publisher.Mono.error(new AssertionError("no MINED execution within 60 s; saw "
                                    + seen.stream().map(r -> r.execution().status() + ": " + r.execution().reason()).toList())))
                    .block(Duration.ofSeconds(70));
        } finally {
            setPaused(false);
        }
        assertThat(seen.get(0).execution().status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(seen.get(0).execution().reason()).as("the node's reason is carried").contains("LoansPaused");
        assertThat(mined.opportunity()).isEqualTo(opportunity);
        assertThat(mined.sourceBlock()).as("the same reserves the skip saw").isEqualTo(opportunity.blockNumbers().get(net.chain.chainId()));
    }

    private static void setPaused(boolean paused) {
        Function call = new Function("setPaused", List.of(new org.web3j.abi.datatypes.Bool(paused)), List.of());
        net.client.call("eth_sendTransaction", List.of(Map.of("from", DevnetAccounts.address(DevnetAccounts.DEPLOYER),
                "to", net.chain.flashBank(), "data", FunctionEncoder.encode(call)))).block(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String want = paused ? "1" : "0";
        while (!new BigInteger(net.client.call("eth_call", List.of(Map.of("to", net.chain.flashBank(), "data", "0x5c975abb"), "latest"))
                .block(Duration.ofSeconds(10)).asText().substring(2), 16).toString().equals(want)) {
            assertThat(System.nanoTime()).as("FlashBank.paused() becomes %s", paused).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void skipsWithTheDecodedReasonWhenTheSimulationRevertsAndSendsNothing() {
        Opportunity opportunity = net.misprice(ether(3));
        // Account 8 does not own the executor: eth_call reverts with NotOwner(account 8).
        ChainExecutor stranger = ChainExecutor.create(net.contracts(), net.client, DevnetAccounts.credentials(8), ExecutorSettings.defaults(),
                GAS, net.scheduler);
        BigInteger nonce = net.nonce("pending", DevnetAccounts.address(8));
        Execution e = stranger.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(e.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(e.reason()).isEqualTo("simulation: NotOwner(" + DevnetAccounts.address(8) + ")");
        assertThat(e.txHash()).isNull();
        assertThat(net.nonce("pending", DevnetAccounts.address(8))).isEqualTo(nonce);
    }

    @Test
    void readsItsNonceAgainAfterTheNodeRefusesAStaleOne() {
        ChainExecutor executor = executor(ExecutorSettings.defaults());
        assertThat(executor.execute(net.misprice(ether(3))).block(Duration.ofSeconds(60)).execution().status())
                .isEqualTo(Execution.Status.MINED);
        // Someone else spends the searcher's next nonce behind the executor's back.
        String searcher = DevnetAccounts.address(DevnetAccounts.SEARCHER);
        net.client.call("eth_sendTransaction", List.of(Map.of("from", searcher, "to", searcher, "value", "0x1"))).block(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!net.nonce("latest").equals(net.nonce("pending")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Opportunity opportunity = net.misprice(ether(3));
        Execution refused = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(refused.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(refused.reason()).startsWith("node refused the transaction").containsIgnoringCase("nonce");
        Execution retried = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(retried.status()).as("reason: %s", retried.reason()).isEqualTo(Execution.Status.MINED);
    }

    @Test
    void reportsATimeoutWhenNoBlockIsMinedAndCarriesOnOnceOneIs() {
        Opportunity opportunity = net.misprice(ether(3));
        // Long enough for a transaction sent just after a head to make the next block, once blocks resume.
        ChainExecutor executor = executor(ExecutorSettings.defaults().withReceiptTimeout(Duration.ofSeconds(3), Duration.ofMillis(50)));
        net.client.call("evm_setIntervalMining", List.of(0)).block(Duration.ofSeconds(10));
        Execution e;
        try {
            e = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        } finally {
            net.client.call("evm_setIntervalMining", List.of(1)).block(Duration.ofSeconds(10));
        }
        assertThat(e.status()).isEqualTo(Execution.Status.TIMED_OUT);
        assertThat(e.txHash()).isNotNull();
        assertThat(e.reason()).startsWith("no receipt within");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (net.receipt(e.txHash()).isNull()) {
            assertThat(System.nanoTime()).as("the timed-out transaction is mined once blocks resume").isLessThan(deadline);
            Thread.onSpinWait();
        }
        Execution next = executor.execute(net.misprice(ether(3))).block(Duration.ofSeconds(60)).execution();
        assertThat(next.status()).as("reason: %s", next.reason()).isEqualTo(Execution.Status.MINED);
    }

    private static void assertWhereEveryWeiWent(ExecutorFixture.Ledger before, ExecutorFixture.Ledger after, Execution e,
                                                ExecutorFixture.FlashLoan loan) {
        BigInteger fee = ExactRoute.flashFee(e.amountIn(), ExecutorFixture.FLASH_FEE_BPS);
        assertThat(loan.amount()).isEqualTo(e.amountIn());
        assertThat(loan.fee()).isEqualTo(fee);
        assertThat(after.lpWeth()).as("every LP's WETH is back in its wallet").isEqualTo(before.lpWeth());
        BigInteger shares = BigInteger.ZERO;
        for (String lp : before.profitOf().keySet()) {
            BigInteger grew = after.profitOf().get(lp).subtract(before.profitOf().get(lp));
            int index = loan.providers().indexOf(lp);
            assertThat(grew).as("fee share of %s", lp).isEqualTo(index < 0 ? BigInteger.ZERO : loan.feeShares().get(index));
            shares = shares.add(grew);
        }
        assertThat(shares).as("the fee shares add up to the fee").isEqualTo(fee);
        assertThat(after.searcherWeth().subtract(before.searcherWeth())).isEqualTo(e.realizedProfit());
    }

    /** The same first hop, then a leg on another chain: ranked, never executed. */
    private static Opportunity crossChain(Opportunity cyclic) {
        long chainId = net.chain.chainId();
        List<RouteHop> route = List.of(cyclic.route().get(0), new RouteHop(chainId + 1, net.dear, net.tka, net.chain.weth()));
        return new Opportunity(Opportunity.idOf(Opportunity.Kind.CROSS_CHAIN, route), Opportunity.Kind.CROSS_CHAIN,
                List.of(chainId, chainId + 1), route, cyclic.amountIn(), cyclic.expectedProfit(), cyclic.flashFee(), BigInteger.ZERO,
                cyclic.netProfit(), Map.of(chainId, cyclic.blockNumbers().get(chainId), chainId + 1, 1L), Instant.now(), net.chain.weth());
    }

    private static ChainExecutor executor(ExecutorSettings settings) {
        return net.executor(settings, GAS);
    }

    private static BigInteger ether(long n) {
        return ETHER.multiply(BigInteger.valueOf(n));
    }
}
