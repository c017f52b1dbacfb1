package io.flashbank.bench.farm;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainRpc;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.devnet.DevnetSender;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds a benchmark-sized market on one devnet chain through the PairFarm contract: real Uniswap V2 factories with
 * thousands of seeded pairs, made in a few large transactions, and a noise trader that swaps on many of them a block.
 *
 * <p>Every factory gets the same pairs: the base token against each token, then token-token pairs. Each token has a
 * random reference price; factory {@code f} prices its pairs {@link #SKEWS}{@code [f]} apart, so the same pair on two
 * factories is a two-hop opportunity from the start and the noise keeps the ranking moving.
 */
public final class PairFarmMarket {
    /** Pairs a createPairs transaction seeds: about 2.6M gas each, so a batch stays well under a second on anvil. */
    static final int PAIRS_PER_TRANSACTION = 250;
    /** A block gas limit that holds the largest farm transaction; pass it to {@link AnvilProcess}. */
    public static final long BLOCK_GAS_LIMIT = 2_000_000_000L;
    private static final long GAS_PER_PAIR = 3_500_000;
    private static final long GAS_PER_TOKEN = 1_000_000;
    private static final long GAS_PER_SWAP = 150_000;
    private static final double[] SKEWS = {0.006, -0.006, 0.003, -0.003};
    private static final int[] DEPTH_IN_BASE = {100, 60, 80, 40};
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger SUPPLY = BigInteger.TEN.pow(33);
    private static final String TRANSFER = Hash.sha3String("Transfer(address,address,uint256)");
    private static final String PAIR_CREATED = Hash.sha3String("PairCreated(address,address,address,uint256)");

    /**
     * The shape of a farmed market.
     *
     * @param tokens tokens besides the base token
     * @param factories Uniswap V2 factories, each with the same pairs
     * @param pairsPerFactory pairs on each factory: the base token against the first of them, then token-token pairs
     */
    public record Layout(int tokens, int factories, int pairsPerFactory) {
        public Layout {
            if (tokens < 3) {
                throw new IllegalArgumentException("a farm needs at least 3 tokens, got " + tokens);
            }
            if (factories < 1 || factories > SKEWS.length) {
                throw new IllegalArgumentException("a farm has 1 to " + SKEWS.length + " factories, got " + factories);
            }
            long distinct = tokens + (long) tokens * ((tokens - 1) / 2);
            if (pairsPerFactory < 1 || pairsPerFactory > distinct) {
                throw new IllegalArgumentException("pairsPerFactory must be in [1, " + distinct + "] for " + tokens
                        + " tokens, got " + pairsPerFactory);
            }
        }

        /** Pairs over all factories. */
        public int pairs() {
            return factories * pairsPerFactory;
        }
    }

    private final ChainRpc rpc;
    private final DevnetSender sender;
    private final Artifacts artifacts;
    private final Layout layout;
    private final String deployer = DevnetAccounts.address(DevnetAccounts.DEPLOYER);

    public PairFarmMarket(ChainRpc rpc, Artifacts artifacts, Layout layout) {
        this.rpc = rpc;
        this.sender = new DevnetSender(rpc);
        this.artifacts = artifacts;
        this.layout = layout;
    }

    /**
     * Deploys the factories, PoolQuery, FlashBank, the executor and the farm, then makes the tokens and seeds every
     * pair, one transaction after another (the node must automine). Prices come from {@code seed}.
     */
    public Mono<FarmedChain> deploy(String name, long chainId, String wsUrl, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] prices = new double[layout.tokens()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = Math.pow(10, 3 * random.nextDouble());
        }
        List<String> factories = new ArrayList<>();
        String[] contracts = new String[4];
        Mono<Void> deployAll = Flux.range(0, layout.factories())
                .concatMap(f -> sender.deploy(deployer, artifacts.uniswap("UniswapV2Factory"), List.of(new Address(deployer)))
                        .doOnNext(factories::add))
                .then(sender.deploy(deployer, artifacts.forge("PoolQuery"), List.of()).doOnNext(a -> contracts[0] = a))
                .then(sender.deploy(deployer, artifacts.forge("FlashBank"), List.of(new Address(deployer))).doOnNext(a -> contracts[1] = a))
                .then(sender.deploy(deployer, artifacts.forge("ArbitrageExecutor"),
                        List.of(new Address(DevnetAccounts.address(DevnetAccounts.SEARCHER)))).doOnNext(a -> contracts[2] = a))
                .then(sender.deploy(deployer, artifacts.forge("PairFarm"), List.of()).doOnNext(a -> contracts[3] = a))
                .then();
        // One transaction after another from one account: the same layout gets the same addresses on every chain.
        return deployAll.then(Mono.defer(() -> makeTokens(contracts[3]))).flatMap(tokens -> Flux.range(0, factories.size())
                .concatMap(f -> seedFactory(contracts[3], factories.get(f), f, tokens, prices))
                .collectList()
                .map(pairsByFactory -> new FarmedChain(name, chainId, wsUrl, tokens.get(0), tokens.subList(1, tokens.size()),
                        factories, pairsByFactory.stream().flatMap(List::stream).toList(), contracts[3], contracts[0],
                        contracts[1], contracts[2])));
    }

    /** The base token, then the others, in the order the farm made them (read from their mint logs). */
    private Mono<List<String>> makeTokens(String farm) {
        int count = layout.tokens() + 1;
        String data = FunctionEncoder.encode(fn("makeTokens", new Uint256(count), new Uint256(SUPPLY)));
        return sender.send(deployer, farm, data, BigInteger.ZERO, GAS_PER_TOKEN * count).map(receipt -> {
            List<String> tokens = new ArrayList<>(count);
            for (JsonNode log : receipt.path("logs")) {
                if (TRANSFER.equals(log.path("topics").path(0).asText())) {
                    tokens.add(log.path("address").asText().toLowerCase(Locale.ROOT));
                }
            }
            if (tokens.size() != count) {
                throw new IllegalStateException("PairFarm.makeTokens made " + tokens.size() + " tokens, asked for " + count);
            }
            return tokens;
        });
    }

    private Mono<List<String>> seedFactory(String farm, String factory, int f, List<String> tokens, double[] prices) {
        BigInteger depth = ETHER.multiply(BigInteger.valueOf(DEPTH_IN_BASE[f]));
        double skew = SKEWS[f];
        int n = layout.pairsPerFactory();
        return Flux.range(0, (n + PAIRS_PER_TRANSACTION - 1) / PAIRS_PER_TRANSACTION).concatMap(batch -> {
            int from = batch * PAIRS_PER_TRANSACTION;
            int to = Math.min(n, from + PAIRS_PER_TRANSACTION);
            List<Address> a = new ArrayList<>();
            List<Address> b = new ArrayList<>();
            List<Uint256> amountA = new ArrayList<>();
            List<Uint256> amountB = new ArrayList<>();
            for (int k = from; k < to; k++) {
                int[] pair = pair(k);
                a.add(new Address(tokens.get(pair[0])));
                b.add(new Address(tokens.get(pair[1])));
                amountA.add(new Uint256(worth(pair[0], prices, depth, skew)));
                amountB.add(new Uint256(worth(pair[1], prices, depth, -skew)));
            }
            String data = FunctionEncoder.encode(fn("createPairs", new Address(factory),
                    new DynamicArray<>(Address.class, a), new DynamicArray<>(Address.class, b),
                    new DynamicArray<>(Uint256.class, amountA), new DynamicArray<>(Uint256.class, amountB)));
            return sender.send(deployer, farm, data, BigInteger.ZERO, GAS_PER_PAIR * (to - from))
                    .map(receipt -> createdPairs(receipt, factory, to - from));
        }).concatMapIterable(pairs -> pairs).collectList();
    }

    /** Pair {@code k} of every factory as indices into the token list (0 is the base token). */
    private int[] pair(int k) {
        int t = layout.tokens();
        if (k < t) {
            return new int[] {0, 1 + k};
        }
        int m = k - t;
        int i = m % t;
        int j = (i + 1 + m / t) % t;
        return new int[] {1 + i, 1 + j};
    }

    /** {@code depth} of the base token expressed in token {@code index}, moved by {@code skew}. */
    private static BigInteger worth(int index, double[] prices, BigInteger depth, double skew) {
        if (index == 0) {
            return depth;
        }
        return new BigDecimal(depth).multiply(BigDecimal.valueOf(prices[index - 1] * (1 + skew))).toBigInteger();
    }

    private static List<String> createdPairs(JsonNode receipt, String factory, int expected) {
        List<String> pairs = new ArrayList<>(expected);
        for (JsonNode log : receipt.path("logs")) {
            if (PAIR_CREATED.equals(log.path("topics").path(0).asText()) && factory.equalsIgnoreCase(log.path("address").asText())) {
                String data = log.path("data").asText();
                pairs.add(("0x" + data.substring(2 + 24, 2 + 64)).toLowerCase(Locale.ROOT));
            }
        }
        if (pairs.size() != expected) {
            throw new IllegalStateException("PairFarm.createPairs created " + pairs.size() + " pairs, asked for " + expected);
        }
        return pairs;
    }

    /**
     * Swaps on {@code swapsPerBlock} random pairs of {@code chain} in one transaction per new head (0.2–2% of a
     * reserve each, random direction), until cancelled; each element is a sent transaction's hash. A failed send is
     * skipped; the head stream's errors end the flux.
     */
    public static Flux<String> noise(ChainRpc rpc, FarmedChain chain, RandomGenerator random, int swapsPerBlock) {
        String deployer = DevnetAccounts.address(DevnetAccounts.DEPLOYER);
        return rpc.newHeads().concatMap(head -> {
            List<Address> pairs = new ArrayList<>(swapsPerBlock);
            List<Uint256> permille = new ArrayList<>(swapsPerBlock);
            List<Bool> zeroForOne = new ArrayList<>(swapsPerBlock);
            for (int i = 0; i < swapsPerBlock; i++) {
                pairs.add(new Address(chain.pairs().get(random.nextInt(chain.pairs().size()))));
                permille.add(new Uint256(2 + random.nextInt(19)));
                zeroForOne.add(new Bool(random.nextBoolean()));
            }
            String data = FunctionEncoder.encode(fn("swapMany", new DynamicArray<>(Address.class, pairs),
                    new DynamicArray<>(Uint256.class, permille), new DynamicArray<>(Bool.class, zeroForOne)));
            Map<String, Object> tx = Map.of("from", deployer, "to", chain.farm(), "data", data,
                    "gas", "0x" + Long.toHexString(GAS_PER_SWAP * swapsPerBlock));
            return rpc.call("eth_sendTransaction", List.of(tx)).map(JsonNode::asText).onErrorResume(e -> Mono.empty());
        });
    }

    @SuppressWarnings("rawtypes")
    private static Function fn(String name, Type... args) {
        return new Function(name, List.of(args), List.of());
    }
}
