package io.flashbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.execute.CalibratedGasModel;
import io.flashbank.execute.ChainExecutor;
import io.flashbank.execute.Execution;
import io.flashbank.execute.ExecutorContracts;
import io.flashbank.execute.ExecutorSettings;
import io.flashbank.execute.LoanPulls;
import io.flashbank.execute.PullMode;
import io.flashbank.market.ExactRoute;
import io.flashbank.market.HopReserves;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Who earns the fees under each pull mode: hundreds of real flash-loan arbitrages on the demo devnet, each planned,
 * simulated, signed and sent by the product's executor, with gas from the receipts and fees from FlashBank itself.
 */
final class FairnessBenchmark {
    static final int DEFAULT_LOANS = 300;
    static final List<PullMode> MODES = List.of(PullMode.FAIR, PullMode.GREEDY, PullMode.PRO_RATA);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    /** The three WETH pairs of each factory: pairs k and PAIRS_PER_FACTORY + k of the demo market. */
    private static final int WETH_PAIRS = 3;
    private static final int PAIRS_PER_FACTORY = 5;
    private static final int PAIR_FEE_BPS = 30;

    /**
     * One pull mode's run.
     *
     * @param available what each LP could lend (constant: every loan returns its principal)
     * @param fees the fee shares FlashBank credited each LP over the run ({@code profitOf} after minus before)
     * @param amounts every loan's amount
     * @param providers the providers pulled, summed over the loans
     * @param gas the gas used, summed over the loans' receipts
     * @param skipped why each attempt that was not mined was not (the exact re-quote, the simulation or the chain said no)
     */
    record ModeRun(PullMode mode, List<String> lps, List<BigInteger> available, List<BigInteger> fees, List<BigInteger> amounts,
                   long providers, long gas, List<String> skipped, Duration took) {
        int loans() {
            return amounts.size();
        }

        double lendableShare(int lp) {
            return ratio(available.get(lp), sum(available));
        }

        double feeShare(int lp) {
            return ratio(fees.get(lp), sum(fees));
        }

        /** (fee share − lendable share) / lendable share. */
        double deviation(int lp) {
            return (feeShare(lp) - lendableShare(lp)) / lendableShare(lp);
        }

        double worstDeviation() {
            double worst = 0;
            for (int i = 0; i < lps.size(); i++) {
                worst = Math.max(worst, Math.abs(deviation(i)));
            }
            return worst;
        }

        double providersPerLoan() {
            return (double) providers / loans();
        }

        double gasPerLoan() {
            return (double) gas / loans();
        }
    }

    private record Net(Devnet devnet, DeployedChain chain, ChainClient client) {
    }

    private FairnessBenchmark() {
    }

    /**
     * Starts one demo chain (fair prices, the five LPs committed), switches it to mine each transaction at once, one
     * second apart, and for each mode runs {@code loans} arbitrages, each after a random swap of 0.5 to 4 WETH's worth
     * on a random WETH pair. Each mode starts from the same snapshot and makes the same swaps ({@code seed}), so all of
     * them make the same loans. {@code workDir} holds the chain's state and logs: pass an empty one. Blocking; stops every
     * process it started.
     */
    static List<ModeRun> runNow(Path workDir, int loans, long seed) {
        Scheduler io = Schedulers.newBoundedElastic(8, 10_000, "bench-fairness", 60, true);
        Devnet devnet = null;
        ChainClient client = null;
        try {
            devnet = Devnet.start(workDir, 1, Artifacts.locate(), io, Duration.ofSeconds(1), false, true)
                    .block(Duration.ofMinutes(3));
            DeployedChain chain = devnet.chains().get(0);
            client = new ChainClient(chain.chainId(), chain.wsUrl(), io, Duration.ofSeconds(10));
            // Each transaction mines its own block at once, and every block is a second after the last: no waiting for
            // block times, and no two trades of a pair in one second (an estimate would leave out its oracle writes).
            for (List<?> call : List.of(List.of("evm_setIntervalMining", 0), List.of("evm_setAutomine", true),
                    List.of("anvil_setBlockTimestampInterval", 1))) {
                client.call((String) call.get(0), List.of(call.get(1))).block(WAIT);
            }
            Net net = new Net(devnet, chain, client);
            List<ModeRun> runs = new ArrayList<>();
            for (PullMode mode : MODES) {
                // Every mode starts from the same chain state (no LP has a fee credited yet) and makes the same swaps.
                JsonNode snapshot = client.call("evm_snapshot", List.of()).block(WAIT);
                runs.add(run(net, mode, loans, new SplittableRandom(seed), io));
                client.call("evm_revert", List.of(snapshot.asText())).block(WAIT);
            }
            return runs;
        } finally {
            if (client != null) {
                client.close();
            }
            if (devnet != null) {
                devnet.close();
            }
            io.dispose();
        }
    }

    private static ModeRun run(Net net, PullMode mode, int loans, SplittableRandom random, Scheduler io) {
        DeployedChain chain = net.chain();
        List<String> lps = new ArrayList<>();
        for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
            lps.add(DevnetAccounts.address(DevnetAccounts.FIRST_LP + i));
        }
        List<BigInteger> available = lps.stream().map(lp -> view(net, chain.flashBank(), "available", chain.weth(), lp)).toList();
        List<BigInteger> before = lps.stream().map(lp -> view(net, chain.flashBank(), "profitOf", chain.weth(), lp)).toList();
        ExecutorSettings settings = ExecutorSettings.defaults().withPullMode(mode).withReceiptTimeout(Duration.ofSeconds(30), Duration.ofMillis(20));
        ChainExecutor executor = ChainExecutor.create(new ExecutorContracts(chain.chainId(), chain.flashBank(), chain.executor(),
                chain.poolQuery(), chain.weth()), net.client(), DevnetAccounts.credentials(DevnetAccounts.SEARCHER), settings,
                CalibratedGasModel.create(), io);
        int flashFeeBps = view(net, chain.flashBank(), "feeBps").intValueExact();
        List<BigInteger> amounts = new ArrayList<>();
        long providers = 0;
        long gas = 0;
        List<String> skipped = new ArrayList<>();
        int swaps = 0;
        long started = System.nanoTime();
        while (amounts.size() < loans) {
            if (swaps++ >= 3 * loans) {
                throw new IllegalStateException(mode.wireName() + ": " + swaps + " swaps made only " + amounts.size() + " loans; "
                        + skipped.size() + " attempts were not mined, e.g. " + skipped.get(0));
            }
            Optional<Opportunity> opportunity = misprice(net, random, flashFeeBps);
            if (opportunity.isEmpty()) {
                continue;
            }
            Execution e = executor.execute(opportunity.get()).block(WAIT).execution();
            if (e.status() != Execution.Status.MINED) {
                skipped.add(e.status() + ": " + e.reason());
                continue;
            }
            io.flashbank.chain.TransactionReceipt receipt = net.client().receipt(e.txHash()).block(WAIT)
                    .orElseThrow(() -> new IllegalStateException(e.txHash() + " has no receipt"));
            LoanPulls loan = LoanPulls.in(receipt, chain.flashBank()).orElseThrow(() -> new IllegalStateException(e.txHash() + " lent nothing"));
            amounts.add(loan.amount());
            providers += loan.providers().size();
            gas += e.gasUsed();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<BigInteger> fees = new ArrayList<>();
        for (int i = 0; i < lps.size(); i++) {
            fees.add(view(net, chain.flashBank(), "profitOf", chain.weth(), lps.get(i)).subtract(before.get(i)));
        }
        return new ModeRun(mode, lps, available, fees, amounts, providers, gas, skipped, took);
    }

    /**
     * The noise trader swaps 0.5 to 4 WETH's worth, in or out, on one of the six WETH pairs; returns the arbitrage
     * back across the two factories' pairs of that token at its exact optimum, if one pays more than the flash fee.
     */
    private static Optional<Opportunity> misprice(Net net, SplittableRandom random, int flashFeeBps) {
        DeployedChain chain = net.chain();
        int token = random.nextInt(WETH_PAIRS);
        String[] pairs = {chain.pairs().get(token), chain.pairs().get(PAIRS_PER_FACTORY + token)};
        int side = random.nextInt(2);
        boolean wethIn = random.nextBoolean();
        BigInteger worth = new BigDecimal(ETHER).multiply(BigDecimal.valueOf(0.5 + 3.5 * random.nextDouble())).toBigInteger();
        String other = otherToken(net, pairs[side]);
        BigInteger[] reserves = wethAndToken(net, pairs[side], other, block(net));
        BigInteger amount = wethIn ? worth : worth.multiply(reserves[1]).divide(reserves[0]);
        // The devnet sender takes the node's estimate as the gas limit, and the estimate runs at the latest block's time:
        // an empty block first, so a pair the last arbitrage touched is not estimated without its price-accumulator writes.
        net.client().call("evm_mine", List.of()).block(WAIT);
        net.devnet().swap(0, pairs[side], wethIn ? chain.weth() : other, amount).block(WAIT);
        long block = block(net);
        Optional<Opportunity> best = Optional.empty();
        for (int first = 0; first < 2; first++) {
            String buy = pairs[first];
            String sell = pairs[1 - first];
            BigInteger[] a = wethAndToken(net, buy, other, block);
            BigInteger[] b = wethAndToken(net, sell, other, block);
            ExactRoute route = new ExactRoute(List.of(new HopReserves(a[0], a[1], PAIR_FEE_BPS), new HopReserves(b[1], b[0], PAIR_FEE_BPS)),
                    flashFeeBps);
            Optional<RouteQuote> quote = route.optimum();
            if (quote.isPresent() && (best.isEmpty() || quote.get().profitAfterFee().compareTo(best.get().netProfit()) > 0)) {
                List<RouteHop> hops = List.of(new RouteHop(chain.chainId(), buy, chain.weth(), other),
                        new RouteHop(chain.chainId(), sell, other, chain.weth()));
                RouteQuote q = quote.get();
                best = Optional.of(new Opportunity(Opportunity.idOf(Opportunity.Kind.CYCLIC, hops), Opportunity.Kind.CYCLIC,
                        List.of(chain.chainId()), hops, q.amountIn(), q.grossProfit(), q.flashFee(), BigInteger.ZERO, q.profitAfterFee(),
                        Map.of(chain.chainId(), block), Instant.now(), chain.weth()));
            }
        }
        return best;
    }

    /** The token of a WETH pair that is not WETH. */
    private static String otherToken(Net net, String pair) {
        String token0 = address(call(net, pair, new Function("token0", List.of(), List.of())));
        return token0.equals(net.chain().weth()) ? address(call(net, pair, new Function("token1", List.of(), List.of()))) : token0;
    }

    /** {WETH reserve, token reserve} of a WETH pair at {@code block}. */
    private static BigInteger[] wethAndToken(Net net, String pair, String token, long block) {
        PoolQueryClient.Reserves r = net.client().poolQuery(net.chain().poolQuery())
                .flatMap(q -> q.reserves(List.of(pair), block)).block(WAIT);
        boolean wethIsToken0 = net.chain().weth().compareTo(token) < 0;
        BigInteger r0 = r.reserve0().get(0);
        BigInteger r1 = r.reserve1().get(0);
        return wethIsToken0 ? new BigInteger[] {r0, r1} : new BigInteger[] {r1, r0};
    }

    private static long block(Net net) {
        return Quantities.bareQuantity(net.client().call("eth_blockNumber", List.of()).block(WAIT), "eth_blockNumber").longValueExact();
    }

    private static BigInteger view(Net net, String to, String name, String... addresses) {
        List<org.web3j.abi.datatypes.Type> args = new ArrayList<>();
        for (String a : addresses) {
            args.add(new Address(a));
        }
        String hex = call(net, to, new Function(name, args, List.of()));
        return new BigInteger(hex.substring(2), 16);
    }

    private static String call(Net net, String to, Function function) {
        return net.client().call("eth_call", List.of(Map.of("to", to, "data", FunctionEncoder.encode(function)), "latest"))
                .block(WAIT).asText();
    }

    private static String address(String word) {
        return "0x" + word.substring(word.length() - 40);
    }

    /** Per LP its share of lendable liquidity and of the fees under each mode, then providers and gas per loan. */
    static void print(List<ModeRun> runs, PrintStream out) {
        ModeRun first = runs.get(0);
        List<BigInteger> sizes = new ArrayList<>(first.amounts());
        sizes.sort(Comparator.naturalOrder());
        out.printf("  %d loans per mode, %s to %s WETH, median %s; five LPs able to lend %s WETH%n", first.loans(),
                weth(sizes.get(0)), weth(sizes.get(sizes.size() - 1)), weth(sizes.get(sizes.size() / 2)),
                String.join(" / ", first.available().stream().map(FairnessBenchmark::weth).toList()));
        StringBuilder header = new StringBuilder(String.format("  %-22s %9s", "fee share (deviation)", "lendable"));
        runs.forEach(r -> header.append(String.format("  %-20s", r.mode().wireName())));
        out.println(header);
        for (int i = 0; i < first.lps().size(); i++) {
            String lp = first.lps().get(i);
            StringBuilder row = new StringBuilder(String.format("  LP %d %s  %8.2f %%", i + 1, lp.substring(0, 6) + "…" + lp.substring(38),
                    100 * first.lendableShare(i)));
            for (ModeRun r : runs) {
                row.append(String.format("  %6.2f %% (%+7.1f %%)", 100 * r.feeShare(i), 100 * r.deviation(i)));
            }
            out.println(row);
        }
        out.println(line("worst |deviation|", runs, r -> String.format("%.1f %%", 100 * r.worstDeviation())));
        out.println(line("providers per loan", runs, r -> String.format("%.2f", r.providersPerLoan())));
        out.println(line("gas per loan", runs, r -> String.format("%,.0f", r.gasPerLoan())));
        out.println(line("same loans as " + first.mode().wireName(), runs, r -> r.amounts().equals(first.amounts()) ? "yes" : "no"));
        out.println(line("attempts not mined", runs, r -> String.valueOf(r.skipped().size())));
        out.println(line("wall time", runs, r -> String.format("%.1f s", r.took().toMillis() / 1e3)));
        runs.forEach(r -> r.skipped().stream().distinct().limit(3).forEach(why -> out.println("  " + r.mode().wireName() + " not mined: " + why)));
    }

    private static String line(String label, List<ModeRun> runs, java.util.function.Function<ModeRun, String> cell) {
        StringBuilder row = new StringBuilder(String.format("  %-22s %9s", label, ""));
        runs.forEach(r -> row.append(String.format("  %-20s", cell.apply(r))));
        return row.toString();
    }

    private static String weth(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static BigInteger sum(List<BigInteger> values) {
        return values.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static double ratio(BigInteger part, BigInteger whole) {
        return whole.signum() == 0 ? 0 : new BigDecimal(part).divide(new BigDecimal(whole), java.math.MathContext.DECIMAL64).doubleValue();
    }
}
