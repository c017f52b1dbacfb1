package io.flashbank.devnet;

import io.flashbank.chain.ChainRpc;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deploys a seeded market on one devnet chain: WETH, three tokens, two real Uniswap V2 factories with overlapping
 * pairs priced slightly apart, FlashBank, the executor, PoolQuery, committed LP wallets and a funded noise trader.
 */
public final class DevnetMarket {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger MAX_UINT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    /** Token symbol → units per WETH at the reference price. */
    static final Map<String, Integer> PRICES = prices();
    /** WETH each LP wraps and what it commits (whole ether), LP i being account FIRST_LP + i. */
    static final int[] LP_WRAPS = {200, 120, 80, 40, 20};
    public static final int[] LP_COMMITS = {150, 100, 80, 40, 20};
    /** Pool depth in WETH per factory. */
    private static final int[] DEPTH = {100, 60};

    private final ChainRpc rpc;
    private final DevnetSender sender;
    private final Artifacts artifacts;
    private final double[] skews;
    private final String deployer = DevnetAccounts.address(DevnetAccounts.DEPLOYER);
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> factories = new ArrayList<>();
    private final List<String> pairs = new ArrayList<>();
    private String flashBank;
    private String executor;
    private String poolQuery;
    private String noiseTrader;

    private final boolean commitLps;

    /**
     * @param skews relative price offset per factory (e.g. +0.008 and -0.008): what makes the first mispricings
     * @param commitLps whether the LPs approve and commit here; if not they only wrap ETH, and commit later (the demo
     *     does it through the HTTP API, as real LPs do)
     */
    DevnetMarket(ChainRpc rpc, Artifacts artifacts, double[] skews, boolean commitLps) {
        this.commitLps = commitLps;
        this.rpc = rpc;
        this.sender = new DevnetSender(rpc);
        this.artifacts = artifacts;
        this.skews = skews.clone();
    }

    private static Map<String, Integer> prices() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("TKA", 2000);
        p.put("TKB", 1000);
        p.put("TKC", 100);
        return p;
    }

    /** Runs the whole deployment, one transaction after another (anvil automines each). */
    Mono<DeployedChain> deploy(String name, long chainId, String wsUrl) {
        List<Supplier<Mono<?>>> steps = new ArrayList<>();
        steps.add(() -> sender.deploy(deployer, artifacts.forge("WETH9"), List.of()).doOnNext(a -> tokens.put("WETH", a)));
        PRICES.keySet().forEach(symbol -> steps.add(() -> sender.deploy(deployer, artifacts.forge("DevnetToken"),
                        List.of(new Utf8String("Devnet " + symbol), new Utf8String(symbol), new Uint256(ETHER.multiply(BigInteger.TEN.pow(9)))))
                .doOnNext(a -> tokens.put(symbol, a))));
        for (int f = 0; f < 2; f++) {
            steps.add(() -> sender.deploy(deployer, artifacts.uniswap("UniswapV2Factory"), List.of(new Address(deployer)))
                    .doOnNext(factories::add));
        }
        steps.add(() -> sender.deploy(deployer, artifacts.forge("PoolQuery"), List.of()).doOnNext(a -> poolQuery = a));
        steps.add(() -> sender.deploy(deployer, artifacts.forge("FlashBank"), List.of(new Address(deployer))).doOnNext(a -> flashBank = a));
        steps.add(() -> sender.deploy(deployer, artifacts.forge("ArbitrageExecutor"),
                List.of(new Address(DevnetAccounts.address(DevnetAccounts.SEARCHER)))).doOnNext(a -> executor = a));
        steps.add(() -> sender.deploy(deployer, artifacts.forge("NoiseTrader"), List.of()).doOnNext(a -> noiseTrader = a));
        steps.add(() -> sender.send(deployer, tokens.get("WETH"), FunctionEncoder.encode(fn("deposit")), ETHER.multiply(BigInteger.valueOf(1000))));
        for (int f = 0; f < 2; f++) {
            int factory = f;
            for (String[] pair : pairList()) {
                steps.add(() -> seedPair(factory, pair[0], pair[1]));
            }
        }
        steps.add(() -> sender.call(deployer, flashBank, fn("listToken", new Address(tokens.get("WETH")), new Uint256(ETHER.divide(BigInteger.valueOf(100))))));
        for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
            int lp = i;
            steps.add(() -> fundLp(lp));
        }
        steps.add(this::fundTrader);
        return Flux.fromIterable(steps).concatMap(Supplier::get).then(Mono.fromSupplier(() -> new DeployedChain(name, chainId, wsUrl,
                tokens.get("WETH"), tokens, factories, pairs, flashBank, executor, poolQuery, noiseTrader)));
    }

    /** The pairs created on both factories: WETH against each token, and two token-token pairs. */
    static List<String[]> pairList() {
        List<String[]> list = new ArrayList<>();
        PRICES.keySet().forEach(symbol -> list.add(new String[] {"WETH", symbol}));
        list.add(new String[] {"TKA", "TKB"});
        list.add(new String[] {"TKB", "TKC"});
        return list;
    }

    private Mono<?> seedPair(int factory, String a, String b) {
        String factoryAddress = factories.get(factory);
        double skew = skews[factory];
        BigInteger wethDepth = ETHER.multiply(BigInteger.valueOf(DEPTH[factory]));
        BigInteger amountA = worth(a, wethDepth, skew);
        BigInteger amountB = worth(b, wethDepth, -skew);
        Function create = new Function("createPair", List.of(new Address(tokens.get(a)), new Address(tokens.get(b))),
                List.of(new TypeReference<Address>() { }));
        return sender.call(deployer, factoryAddress, create)
                .then(rpc.call("eth_call", List.of(Map.of("to", factoryAddress, "data", FunctionEncoder.encode(
                        fn("getPair", new Address(tokens.get(a)), new Address(tokens.get(b))))), "latest")))
                .map(word -> "0x" + word.asText().substring(word.asText().length() - 40))
                .flatMap(pair -> {
                    pairs.add(pair);
                    return sender.call(deployer, tokens.get(a), fn("transfer", new Address(pair), new Uint256(amountA)))
                            .then(sender.call(deployer, tokens.get(b), fn("transfer", new Address(pair), new Uint256(amountB))))
                            .then(sender.call(deployer, pair, fn("mint", new Address(deployer))));
                });
    }

    /** {@code wethValue} of WETH expressed in {@code symbol}, moved by {@code skew}. */
    private static BigInteger worth(String symbol, BigInteger wethValue, double skew) {
        if ("WETH".equals(symbol)) {
            return wethValue;
        }
        BigDecimal units = new BigDecimal(wethValue).multiply(BigDecimal.valueOf(PRICES.get(symbol) * (1 + skew)));
        return units.toBigInteger();
    }

    private Mono<?> fundLp(int i) {
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP + i);
        String weth = tokens.get("WETH");
        Mono<?> wrap = sender.send(lp, weth, FunctionEncoder.encode(fn("deposit")), ETHER.multiply(BigInteger.valueOf(LP_WRAPS[i])));
        if (!commitLps) {
            return wrap;
        }
        return wrap.then(sender.call(lp, weth, fn("approve", new Address(flashBank), new Uint256(MAX_UINT))))
                .then(sender.call(lp, flashBank, fn("commit", new Address(weth), new Uint256(ETHER.multiply(BigInteger.valueOf(LP_COMMITS[i]))))));
    }

    private Mono<?> fundTrader() {
        String trader = DevnetAccounts.address(DevnetAccounts.TRADER);
        Mono<?> chain = sender.send(trader, tokens.get("WETH"), FunctionEncoder.encode(fn("deposit")), ETHER.multiply(BigInteger.valueOf(3000)));
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            if (!"WETH".equals(token.getKey())) {
                chain = chain.then(sender.call(deployer, token.getValue(),
                        fn("transfer", new Address(trader), new Uint256(ETHER.multiply(BigInteger.valueOf(50_000_000))))));
            }
            chain = chain.then(sender.call(trader, token.getValue(), fn("approve", new Address(noiseTrader), new Uint256(MAX_UINT))));
        }
        return chain;
    }

    @SuppressWarnings("rawtypes")
    static Function fn(String name, Type... args) {
        return new Function(name, List.of(args), List.of());
    }
}
