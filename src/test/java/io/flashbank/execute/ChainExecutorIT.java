package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.market.ExactRoute;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The executor against a real anvil chain: fairly priced real Uniswap V2 pairs, five LPs committed to FlashBank, an
 * ArbitrageExecutor owned by the searcher (anvil's public test account 9). The test misprices a pair and checks where
 * every wei went.
 */
class ChainExecutorIT {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final int FLASH_FEE_BPS = 2;
    private static Scheduler scheduler;
    private static Devnet devnet;
    private static DeployedChain chain;
    private static ChainClient client;
    private static ChainRpc heads;
    private static Disposable headWatch;
    private static final Map<Long, Instant> headSeenAt = new ConcurrentHashMap<>();
    private static final CalibratedGasModel GAS = CalibratedGasModel.create();
    private static String cheap;
    private static String dear;
    private static String tka;

    @BeforeAll
    static void start() throws Exception {
        scheduler = Schedulers.newBoundedElastic(8, 1000, "it-execute");
        devnet = Devnet.start(Files.createTempDirectory("flashbank-execute-it"), 1, Artifacts.locate(), scheduler,
                Duration.ofSeconds(1), false).block(Duration.ofMinutes(2));
        chain = devnet.chains().get(0);
        client = new ChainClient(chain.chainId(), chain.wsUrl(), scheduler, Duration.ofSeconds(10));
        heads = ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
        headWatch = heads.newHeads().subscribe(h -> headSeenAt.putIfAbsent(
                Quantities.bareQuantity(h.get("number"), "number").longValueExact(), Instant.now()));
        // Buying TKA with WETH on factory 0's WETH/TKA pair (pairs[0]) makes TKA dear there; factory 1's (pairs[5]) is cheap.
        dear = chain.pairs().get(0);
        cheap = chain.pairs().get(5);
        tka = chain.tokens().get("TKA");
    }

    @AfterAll
    static void stop() {
        if (headWatch != null) {
            headWatch.dispose();
        }
        if (heads != null) {
            heads.close();
        }
        if (client != null) {
            client.close();
        }
        if (devnet != null) {
            devnet.close();
        }
        scheduler.dispose();
    }

    @Test
    void executesAGreedyLoanFromTheFewestProvidersAndPaysEveryWeiWhereItBelongs() {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(4)));
        Ledger before = Ledger.read();
        ExecutionReport report = executor(ExecutorSettings.defaults()).execute(opportunity).block(Duration.ofSeconds(60));
        Execution e = report.execution();
        assertThat(e.status()).as("reason: %s", e.reason()).isEqualTo(Execution.Status.MINED);
        assertThat(e.realizedProfit()).isPositive().isEqualTo(e.expectedProfit());
        JsonNode receipt = receipt(e.txHash());
        FlashLoan loan = FlashLoan.in(receipt, chain.flashBank());
        assertThat(loan.providers()).as("the largest LP (150 WETH available) covers it alone").containsExactly(lp(0));
        assertWhereEveryWeiWent(before, Ledger.read(), e, loan);
        JsonNode tx = client.call("eth_getTransactionByHash", List.of(e.txHash())).block(Duration.ofSeconds(10));
        assertThat(tx.path("type").asText()).isEqualTo("0x2");
        assertThat(tx.path("from").asText()).isEqualTo(DevnetAccounts.address(DevnetAccounts.SEARCHER));
        assertThat(GAS.observations(2)).isPositive();
        printLatency("greedy", report);
    }

    @Test
    void executesAProRataLoanThatPullsFromEveryProviderInProportion() {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(4)));
        Ledger before = Ledger.read();
        ExecutionReport report = executor(ExecutorSettings.defaults().withPullMode(PullMode.PRO_RATA)).execute(opportunity)
                .block(Duration.ofSeconds(60));
        Execution e = report.execution();
        assertThat(e.status()).as("reason: %s", e.reason()).isEqualTo(Execution.Status.MINED);
        FlashLoan loan = FlashLoan.in(receipt(e.txHash()), chain.flashBank());
        assertThat(loan.providers()).hasSize(DevnetAccounts.LP_COUNT);
        BigInteger committed = before.available.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        for (int i = 0; i < loan.providers().size(); i++) {
            BigInteger fair = e.amountIn().multiply(before.available.get(loan.providers().get(i))).divide(committed);
            assertThat(loan.pulls().get(i).subtract(fair).abs()).as("pull of %s", loan.providers().get(i))
                    .isLessThanOrEqualTo(BigInteger.valueOf(DevnetAccounts.LP_COUNT));
        }
        assertWhereEveryWeiWent(before, Ledger.read(), e, loan);
        printLatency("proRata", report);
    }

    @Test
    void skipsAnOpportunityWhosePricesWereFixedBeforeExecutionAndSendsNothing() {
        BigInteger amount = ETHER.multiply(BigInteger.valueOf(4));
        BigInteger tkaBefore = balance(tka, DevnetAccounts.address(DevnetAccounts.TRADER));
        Opportunity stale = misprice(amount);
        BigInteger bought = balance(tka, DevnetAccounts.address(DevnetAccounts.TRADER)).subtract(tkaBefore);
        swap(dear, tka, bought);
        BigInteger nonce = nonce("pending");
        Execution e = executor(ExecutorSettings.defaults()).execute(stale).block(Duration.ofSeconds(60)).execution();
        assertThat(e.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(e.txHash()).isNull();
        assertThat(e.reason()).contains("no longer pays");
        assertThat(nonce("pending")).isEqualTo(nonce);
    }

    @Test
    void recordsARevertWhenAFrontRunnerTakesTheSpreadAndChangesNothingElse() throws Exception {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(4)));
        Ledger before = Ledger.read();
        BigInteger nonce = nonce("pending");
        client.call("evm_setIntervalMining", List.of(0)).block(Duration.ofSeconds(10));
        try {
            CompletableFuture<ExecutionReport> attempt = executor(ExecutorSettings.defaults()).execute(opportunity).toFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (nonce("pending").equals(nonce)) {
                assertThat(System.nanoTime()).as("the executor's transaction reaches the pool").isLessThan(deadline);
                Thread.sleep(20);
            }
            // A trader with a higher tip buys the cheap side first, in the same block.
            Function swap = new Function("swap", List.of(new Address(cheap), new Address(chain.weth()),
                    new Uint256(ETHER.multiply(BigInteger.valueOf(8)))), List.of());
            Map<String, String> tx = new LinkedHashMap<>();
            tx.put("from", DevnetAccounts.address(DevnetAccounts.TRADER));
            tx.put("to", chain.noiseTrader());
            tx.put("data", FunctionEncoder.encode(swap));
            tx.put("gas", "0x" + Long.toHexString(300_000));
            tx.put("maxPriorityFeePerGas", "0x" + BigInteger.valueOf(100_000_000_000L).toString(16));
            tx.put("maxFeePerGas", "0x" + BigInteger.valueOf(300_000_000_000L).toString(16));
            client.call("eth_sendTransaction", List.of(tx)).block(Duration.ofSeconds(10));
            client.call("evm_mine", List.of()).block(Duration.ofSeconds(10));
            Execution e = attempt.get(60, TimeUnit.SECONDS).execution();
            assertThat(e.status()).isEqualTo(Execution.Status.REVERTED);
            assertThat(e.reason()).startsWith("InsufficientProfit(-");
            assertThat(e.gasUsed()).isPositive();
            assertThat(e.realizedProfit()).isZero();
            Ledger after = Ledger.read();
            assertThat(after.lpWeth).isEqualTo(before.lpWeth);
            assertThat(after.profitOf).isEqualTo(before.profitOf);
            assertThat(after.searcherWeth).isEqualTo(before.searcherWeth);
        } finally {
            client.call("evm_setIntervalMining", List.of(1)).block(Duration.ofSeconds(10));
        }
    }

    @Test
    void theStreamExecutesEachCyclicOpportunityOnceAndNeverACrossChainOne() {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(3)));
        RouteHop other = new RouteHop(chain.chainId() + 1, dear, tka, chain.weth());
        List<RouteHop> crossRoute = List.of(opportunity.route().get(0), other);
        Opportunity crossChain = new Opportunity(Opportunity.idOf(Opportunity.Kind.CROSS_CHAIN, crossRoute), Opportunity.Kind.CROSS_CHAIN,
                List.of(chain.chainId(), chain.chainId() + 1), crossRoute, opportunity.amountIn(), opportunity.expectedProfit(),
                opportunity.flashFee(), BigInteger.ZERO, opportunity.netProfit(),
                Map.of(chain.chainId(), opportunity.blockNumbers().get(chain.chainId()), chain.chainId() + 1, 1L), Instant.now(), chain.weth());
        List<Execution> executions = executor(ExecutorSettings.defaults())
                .executions(Flux.just(crossChain, opportunity, opportunity, crossChain))
                .collectList().block(Duration.ofSeconds(60));
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).status()).as("reason: %s", executions.get(0).reason()).isEqualTo(Execution.Status.MINED);
        Execution direct = executor(ExecutorSettings.defaults()).execute(crossChain).block(Duration.ofSeconds(10)).execution();
        assertThat(direct.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(direct.reason()).contains("cross-chain");
    }

    @Test
    void skipsWithTheDecodedReasonWhenTheSimulationRevertsAndSendsNothing() {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(3)));
        // Account 8 does not own the executor: eth_call reverts with NotOwner(account 8).
        ChainExecutor stranger = ChainExecutor.create(contracts(), client, DevnetAccounts.credentials(8), ExecutorSettings.defaults(),
                GAS, scheduler);
        BigInteger nonce = nonce("pending", DevnetAccounts.address(8));
        Execution e = stranger.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(e.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(e.reason()).isEqualTo("simulation: NotOwner(" + DevnetAccounts.address(8) + ")");
        assertThat(e.txHash()).isNull();
        assertThat(nonce("pending", DevnetAccounts.address(8))).isEqualTo(nonce);
    }

    @Test
    void readsItsNonceAgainAfterTheNodeRefusesAStaleOne() {
        ChainExecutor executor = executor(ExecutorSettings.defaults());
        assertThat(executor.execute(misprice(ETHER.multiply(BigInteger.valueOf(3)))).block(Duration.ofSeconds(60)).execution().status())
                .isEqualTo(Execution.Status.MINED);
        // Someone else spends the searcher's next nonce behind the executor's back.
        String searcher = DevnetAccounts.address(DevnetAccounts.SEARCHER);
        client.call("eth_sendTransaction", List.of(Map.of("from", searcher, "to", searcher, "value", "0x1"))).block(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!nonce("latest").equals(nonce("pending")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(3)));
        Execution refused = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(refused.status()).isEqualTo(Execution.Status.SKIPPED);
        assertThat(refused.reason()).startsWith("node refused the transaction").containsIgnoringCase("nonce");
        Execution retried = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        assertThat(retried.status()).as("reason: %s", retried.reason()).isEqualTo(Execution.Status.MINED);
    }

    @Test
    void reportsATimeoutWhenNoBlockIsMinedAndCarriesOnOnceOneIs() {
        Opportunity opportunity = misprice(ETHER.multiply(BigInteger.valueOf(3)));
        ChainExecutor executor = ChainExecutor.create(contracts(), client, DevnetAccounts.credentials(DevnetAccounts.SEARCHER),
                ExecutorSettings.defaults().withReceiptTimeout(Duration.ofSeconds(1), Duration.ofMillis(50)), GAS, scheduler);
        client.call("evm_setIntervalMining", List.of(0)).block(Duration.ofSeconds(10));
        Execution e;
        try {
            e = executor.execute(opportunity).block(Duration.ofSeconds(60)).execution();
        } finally {
            client.call("evm_setIntervalMining", List.of(1)).block(Duration.ofSeconds(10));
        }
        assertThat(e.status()).isEqualTo(Execution.Status.TIMED_OUT);
        assertThat(e.txHash()).isNotNull();
        assertThat(e.reason()).startsWith("no receipt within");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receipt(e.txHash()).isNull()) {
            assertThat(System.nanoTime()).as("the timed-out transaction is mined once blocks resume").isLessThan(deadline);
            Thread.onSpinWait();
        }
        Execution next = executor.execute(misprice(ETHER.multiply(BigInteger.valueOf(3)))).block(Duration.ofSeconds(60)).execution();
        assertThat(next.status()).as("reason: %s", next.reason()).isEqualTo(Execution.Status.MINED);
    }

    private static void assertWhereEveryWeiWent(Ledger before, Ledger after, Execution e, FlashLoan loan) {
        BigInteger fee = ExactRoute.flashFee(e.amountIn(), FLASH_FEE_BPS);
        assertThat(loan.amount()).isEqualTo(e.amountIn());
        assertThat(loan.fee()).isEqualTo(fee);
        assertThat(after.lpWeth).as("every LP's WETH is back in its wallet").isEqualTo(before.lpWeth);
        BigInteger shares = BigInteger.ZERO;
        for (String lp : before.profitOf.keySet()) {
            BigInteger grew = after.profitOf.get(lp).subtract(before.profitOf.get(lp));
            int index = loan.providers().indexOf(lp);
            assertThat(grew).as("fee share of %s", lp).isEqualTo(index < 0 ? BigInteger.ZERO : loan.feeShares().get(index));
            shares = shares.add(grew);
        }
        assertThat(shares).as("the fee shares add up to the fee").isEqualTo(fee);
        assertThat(after.searcherWeth.subtract(before.searcherWeth)).isEqualTo(e.realizedProfit());
    }

    /**
     * Brings the two WETH/TKA pairs back into line, swaps {@code wethIn} into the dear pair and prices the cycle
     * cheap → dear at the block that mined it.
     */
    private static Opportunity misprice(BigInteger wethIn) {
        align();
        swap(dear, chain.weth(), wethIn);
        return opportunity(route(cheap, dear), blockNumber()).orElseThrow();
    }

    /** Trades away whatever spread earlier tests left between the pairs, as an arbitrageur would, with the trader's tokens. */
    private static void align() {
        String trader = DevnetAccounts.address(DevnetAccounts.TRADER);
        for (List<RouteHop> route : List.of(route(cheap, dear), route(dear, cheap))) {
            Optional<Opportunity> spread = opportunity(route, blockNumber());
            if (spread.isPresent()) {
                BigInteger before = balance(tka, trader);
                swap(route.get(0).pool(), chain.weth(), spread.get().amountIn());
                swap(route.get(1).pool(), tka, balance(tka, trader).subtract(before));
            }
        }
    }

    private static List<RouteHop> route(String first, String second) {
        return List.of(new RouteHop(chain.chainId(), first, chain.weth(), tka), new RouteHop(chain.chainId(), second, tka, chain.weth()));
    }

    /** The route at its exact integer optimum at {@code block}, if it pays more than the flash fee. */
    private static Optional<Opportunity> opportunity(List<RouteHop> route, long block) {
        PoolQueryClient.Reserves reserves = client.poolQuery(chain.poolQuery())
                .flatMap(q -> q.reserves(route.stream().map(RouteHop::pool).toList(), block)).block(Duration.ofSeconds(10));
        return Requote.route(route, reserves, FLASH_FEE_BPS).optimum().map(quote -> new Opportunity(
                Opportunity.idOf(Opportunity.Kind.CYCLIC, route), Opportunity.Kind.CYCLIC, List.of(chain.chainId()), route,
                quote.amountIn(), quote.grossProfit(), quote.flashFee(), BigInteger.ZERO, quote.profitAfterFee(),
                Map.of(chain.chainId(), block), Instant.now(), chain.weth()));
    }

    /**
     * The trader's swap, a block after the last one: the devnet sender takes the node's gas estimate as the limit, and
     * an estimate made in the second a pair last traded leaves out its price-accumulator writes (out of gas when mined).
     */
    private static void swap(String pair, String tokenIn, BigInteger amount) {
        long now = blockNumber();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blockNumber() == now && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        devnet.swap(0, pair, tokenIn, amount).block(Duration.ofSeconds(30));
    }

    private static long blockNumber() {
        return Quantities.bareQuantity(client.call("eth_blockNumber", List.of()).block(Duration.ofSeconds(10)), "block").longValueExact();
    }

    private static ExecutorContracts contracts() {
        return new ExecutorContracts(chain.chainId(), chain.flashBank(), chain.executor(), chain.poolQuery(), chain.weth());
    }

    private static ChainExecutor executor(ExecutorSettings settings) {
        return ChainExecutor.create(contracts(), client, DevnetAccounts.credentials(DevnetAccounts.SEARCHER), settings.withReceiptTimeout(Duration.ofSeconds(30), Duration.ofMillis(50)),
                GAS, scheduler);
    }

    /** Block → executed-transaction latency: head of the block the quote came from → receipt known. */
    private static void printLatency(String label, ExecutionReport report) {
        Instant seen = headSeenAt.get(report.sourceBlock());
        System.out.printf("execute-latency %s: block %d -> receipt in block %d: %s ms (taken -> sent %d ms)%n", label, report.sourceBlock(),
                report.execution().blockNumber(), seen == null ? "?" : report.blockToReceipt(seen).toMillis(),
                report.receivedToSent().toMillis());
    }

    private static String lp(int i) {
        return DevnetAccounts.address(DevnetAccounts.FIRST_LP + i);
    }

    private static JsonNode receipt(String hash) {
        return client.call("eth_getTransactionReceipt", List.of(hash)).block(Duration.ofSeconds(10));
    }

    private static BigInteger nonce(String tag) {
        return nonce(tag, DevnetAccounts.address(DevnetAccounts.SEARCHER));
    }

    private static BigInteger nonce(String tag, String account) {
        return Quantities.bareQuantity(client.call("eth_getTransactionCount", List.of(account, tag)).block(Duration.ofSeconds(10)), "nonce");
    }

    private static BigInteger balance(String token, String owner) {
        return view(token, new Function("balanceOf", List.of(new Address(owner)), List.of()));
    }

    private static BigInteger view(String to, Function function) {
        JsonNode result = client.call("eth_call", List.of(Map.of("to", to, "data", FunctionEncoder.encode(function)), "latest"))
                .block(Duration.ofSeconds(10));
        return ExecutorAbi.uint256(result.asText());
    }

    /** Every balance the loan may touch, per LP and for the searcher. */
    private record Ledger(Map<String, BigInteger> lpWeth, Map<String, BigInteger> profitOf, Map<String, BigInteger> available,
                          BigInteger searcherWeth) {
        static Ledger read() {
            Map<String, BigInteger> weth = new LinkedHashMap<>();
            Map<String, BigInteger> profit = new LinkedHashMap<>();
            Map<String, BigInteger> available = new LinkedHashMap<>();
            for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
                String lp = lp(i);
                weth.put(lp, balance(chain.weth(), lp));
                profit.put(lp, view(chain.flashBank(), new Function("profitOf", List.of(new Address(chain.weth()), new Address(lp)), List.of())));
                available.put(lp, view(chain.flashBank(), new Function("available", List.of(new Address(chain.weth()), new Address(lp)), List.of())));
            }
            return new Ledger(weth, profit, available, balance(chain.weth(), DevnetAccounts.address(DevnetAccounts.SEARCHER)));
        }
    }

    /** FlashBank's FlashLoan event: who lent how much and the fee share each was credited. */
    private record FlashLoan(BigInteger amount, BigInteger fee, List<String> providers, List<BigInteger> pulls, List<BigInteger> feeShares) {
        static final String TOPIC = org.web3j.crypto.Hash.sha3String(
                "FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");

        static FlashLoan in(JsonNode receipt, String flashBank) {
            for (JsonNode log : receipt.path("logs")) {
                if (log.path("address").asText().equalsIgnoreCase(flashBank) && log.path("topics").get(0).asText().equals(TOPIC)) {
                    String data = log.path("data").asText().substring(2);
                    return new FlashLoan(word(data, 0), word(data, 1), addresses(data, 2), numbers(data, 3), numbers(data, 4));
                }
            }
            throw new AssertionError("no FlashLoan event in " + receipt);
        }

        private static BigInteger word(String data, int index) {
            return new BigInteger(data.substring(index * 64, index * 64 + 64), 16);
        }

        private static List<BigInteger> numbers(String data, int head) {
            int at = word(data, head).intValueExact() / 32;
            int length = word(data, at).intValueExact();
            List<BigInteger> out = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                out.add(word(data, at + 1 + i));
            }
            return out;
        }

        private static List<String> addresses(String data, int head) {
            return numbers(data, head).stream().map(n -> String.format("0x%040x", n)).toList();
        }
    }
}
