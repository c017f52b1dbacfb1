package io.flashbank.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One anvil chain with FlashBank, five committed LPs and an executor owned by the searcher, and the moves and reads
 * the executor's integration test makes on it.
 */
final class ExecutorFixture implements AutoCloseable {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final int FLASH_FEE_BPS = 2;
    final Scheduler scheduler = Schedulers.newBoundedElastic(8, 1000, "it-execute");
    final Devnet devnet;
    final DeployedChain chain;
    final ChainClient client;
    /** Buying TKA with WETH on factory 0's WETH/TKA pair makes TKA dear there; factory 1's pair is then the cheap one. */
    final String dear;
    final String cheap;
    final String tka;
    private final ChainRpc heads;
    private final Disposable headWatch;
    private final Map<Long, Instant> headSeenAt = new ConcurrentHashMap<>();

    /** Starts the chain (one block a second, fair prices) and watches its heads; blocking. */
    ExecutorFixture() throws Exception {
        devnet = Devnet.start(Files.createTempDirectory("flashbank-execute-it"), 1, Artifacts.locate(), scheduler,
                Duration.ofSeconds(1), false).block(Duration.ofMinutes(2));
        chain = devnet.chains().get(0);
        client = new ChainClient(chain.chainId(), chain.wsUrl(), scheduler, Duration.ofSeconds(10));
        heads = ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
        headWatch = heads.newHeads().subscribe(h -> headSeenAt.putIfAbsent(
                Quantities.bareQuantity(h.get("number"), "number").longValueExact(), Instant.now()));
        dear = chain.pairs().get(0);
        cheap = chain.pairs().get(5);
        tka = chain.tokens().get("TKA");
    }

    @Override
    public void close() {
        headWatch.dispose();
        heads.close();
        client.close();
        devnet.close();
        scheduler.dispose();
    }

    /** When this process saw the head of {@code block}, or null. */
    Instant headSeenAt(long block) {
        return headSeenAt.get(block);
    }

    /**
     * Brings the two WETH/TKA pairs back into line, swaps {@code wethIn} into the dear pair and prices the cycle
     * cheap → dear at the block that mined it.
     */
    Opportunity misprice(BigInteger wethIn) {
        align();
        swap(dear, chain.weth(), wethIn);
        return opportunity(route(cheap, dear), blockNumber()).orElseThrow();
    }

    /** Trades away whatever spread earlier tests left between the pairs, as an arbitrageur would, with the trader's tokens. */
    void align() {
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

    List<RouteHop> route(String first, String second) {
        return List.of(new RouteHop(chain.chainId(), first, chain.weth(), tka), new RouteHop(chain.chainId(), second, tka, chain.weth()));
    }

    /** The route at its exact integer optimum at {@code block}, if it pays more than the flash fee. */
    Optional<Opportunity> opportunity(List<RouteHop> route, long block) {
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
    void swap(String pair, String tokenIn, BigInteger amount) {
        long now = blockNumber();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blockNumber() == now && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        devnet.swap(0, pair, tokenIn, amount).block(Duration.ofSeconds(30));
    }

    long blockNumber() {
        return Quantities.bareQuantity(client.call("eth_blockNumber", List.of()).block(Duration.ofSeconds(10)), "block").longValueExact();
    }

    ExecutorContracts contracts() {
        return new ExecutorContracts(chain.chainId(), chain.flashBank(), chain.executor(), chain.poolQuery(), chain.weth());
    }

    /** An executor owned by the searcher that polls for receipts every 50 ms. */
    ChainExecutor executor(ExecutorSettings settings, CalibratedGasModel gas) {
        return ChainExecutor.create(contracts(), client, DevnetAccounts.credentials(DevnetAccounts.SEARCHER),
                settings.withReceiptTimeout(settings.receiptTimeout(), Duration.ofMillis(50)), gas, scheduler);
    }

    /** Block → executed-transaction latency: head of the block the quote came from → receipt known. */
    void printLatency(String label, ExecutionReport report) {
        Instant seen = headSeenAt(report.sourceBlock());
        System.out.printf("execute-latency %s: block %d -> receipt in block %d: %s ms (taken -> sent %d ms)%n", label, report.sourceBlock(),
                report.execution().blockNumber(), seen == null ? "?" : report.blockToReceipt(seen).toMillis(),
                report.receivedToSent().toMillis());
    }

    String lp(int i) {
        return DevnetAccounts.address(DevnetAccounts.FIRST_LP + i);
    }

    JsonNode receipt(String hash) {
        return client.call("eth_getTransactionReceipt", List.of(hash)).block(Duration.ofSeconds(10));
    }

    BigInteger nonce(String tag) {
        return nonce(tag, DevnetAccounts.address(DevnetAccounts.SEARCHER));
    }

    BigInteger nonce(String tag, String account) {
        return Quantities.bareQuantity(client.call("eth_getTransactionCount", List.of(account, tag)).block(Duration.ofSeconds(10)), "nonce");
    }

    BigInteger balance(String token, String owner) {
        return view(token, new Function("balanceOf", List.of(new Address(owner)), List.of()));
    }

    BigInteger view(String to, Function function) {
        JsonNode result = client.call("eth_call", List.of(Map.of("to", to, "data", FunctionEncoder.encode(function)), "latest"))
                .block(Duration.ofSeconds(10));
        return ExecutorAbi.uint256(result.asText());
    }

    /** Every balance a loan may touch, per LP and for the searcher. */
    record Ledger(Map<String, BigInteger> lpWeth, Map<String, BigInteger> profitOf, Map<String, BigInteger> available,
                  BigInteger searcherWeth) {
    }

    Ledger ledger() {
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

    /** FlashBank's FlashLoan event: who lent how much and the fee share each was credited. */
    record FlashLoan(BigInteger amount, BigInteger fee, List<String> providers, List<BigInteger> pulls, List<BigInteger> feeShares) {
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
