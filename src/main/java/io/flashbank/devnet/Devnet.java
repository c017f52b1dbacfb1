package io.flashbank.devnet;

import io.flashbank.chain.ChainRpc;
import io.flashbank.config.ChainConfig;
import io.flashbank.config.ConfigWriter;
import io.flashbank.config.CrossChainAsset;
import io.flashbank.config.DatabaseConfig;
import io.flashbank.config.FactoryConfig;
import io.flashbank.config.EngineConfig;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Local chains for the demo and the tests: anvil nodes with distinct chain ids, each with a seeded market, the
 * engine configuration that points at them, and noise traders that move their prices every block.
 */
public final class Devnet implements AutoCloseable {
    public static final long FIRST_CHAIN_ID = 31337;
    private static final double[][] SKEWS = {{0.006, -0.006}, {-0.004, 0.009}, {0.008, -0.003}, {-0.007, 0.005}};
    /** Ten missed one-second blocks: the devnet chain is stale in /health (and the engine degraded). */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final List<AnvilProcess> nodes;
    private final List<DeployedChain> chains;
    private final Scheduler scheduler;

    private Devnet(List<AnvilProcess> nodes, List<DeployedChain> chains, Scheduler scheduler) {
        this.nodes = List.copyOf(nodes);
        this.chains = List.copyOf(chains);
        this.scheduler = scheduler;
    }

    /**
     * Starts {@code count} anvil nodes (logs and state under {@code workDir}), deploys a market on each with
     * automine, then switches each to one block every {@code blockTime}. Process starts block, so they run on
     * {@code scheduler}.
     */
    public static Mono<Devnet> start(Path workDir, int count, Artifacts artifacts, Scheduler scheduler, Duration blockTime) {
        return start(workDir, count, artifacts, scheduler, blockTime, true);
    }

    /** As {@link #start(Path, int, Artifacts, Scheduler, Duration)}; {@code mispriced == false} prices every pool fairly. */
    public static Mono<Devnet> start(Path workDir, int count, Artifacts artifacts, Scheduler scheduler, Duration blockTime,
                                     boolean mispriced) {
        return start(workDir, count, artifacts, scheduler, blockTime, mispriced, true);
    }

    /**
     * As above; {@code commitLps == false} leaves the five LP wallets holding WETH without approving or committing,
     * for a caller that commits them the way real LPs do (the demo, through the HTTP API).
     */
    public static Mono<Devnet> start(Path workDir, int count, Artifacts artifacts, Scheduler scheduler, Duration blockTime,
                                     boolean mispriced, boolean commitLps) {
        if (count < 1 || count > SKEWS.length) {
            throw new IllegalArgumentException("a devnet has 1 to " + SKEWS.length + " chains, asked for " + count);
        }
        return Mono.fromCallable(() -> {
            Files.createDirectories(workDir);
            List<AnvilProcess> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long chainId = FIRST_CHAIN_ID + i;
                Path anvil = artifacts.foundryTool("anvil");
                nodes.add(new AnvilProcess(anvil, chainId, AnvilProcess.freePort(), workDir.resolve("anvil-" + chainId + ".state.json"),
                        workDir.resolve("anvil-" + chainId + ".log")).dumpStateEvery(STATE_DUMP_EVERY).startNow(null));
            }
            return nodes;
        }).subscribeOn(scheduler).flatMap(nodes -> Flux.range(0, nodes.size()).concatMap(i -> {
            AnvilProcess node = nodes.get(i);
            return ChainRpc.connect(node.wsUrl(), scheduler, Duration.ofSeconds(20)).flatMap(rpc ->
                    new DevnetMarket(rpc, artifacts, mispriced ? SKEWS[i] : new double[] {0, 0}, commitLps).deploy("devnet-" + (i + 1), node.chainId(), node.wsUrl())
                            .flatMap(deployed -> rpc.call("evm_setIntervalMining", List.of(blockTime.toSeconds()))
                                    .thenReturn(deployed))
                            .doFinally(signal -> rpc.close()));
        }).collectList().map(deployed -> new Devnet(nodes, deployed, scheduler)));
    }

    public List<DeployedChain> chains() {
        return chains;
    }

    public List<AnvilProcess> nodes() {
        return nodes;
    }

    /** How often each node dumps its state file, the most a node killed outright loses when it is restarted. */
    public static final Duration STATE_DUMP_EVERY = Duration.ofSeconds(2);

    /**
     * Watches the nodes every {@code every} and starts any that has exited (killed, crashed) again from its state
     * file on the same port, mining one block every {@code blockTime}; emits one line per restart, or per failed
     * attempt (retried at the next check). Runs until cancelled; the checks run on the devnet's scheduler.
     */
    public Flux<String> supervise(Duration blockTime, Duration every) {
        return Flux.interval(every, every, scheduler).onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(nodes).concatMap(node -> Mono.fromCallable(() -> {
                    if (node.isAlive()) {
                        return "";
                    }
                    try {
                        return node.restartIfDead(blockTime)
                                ? "devnet chain " + node.chainId() + " had exited; restarted it from its state file on port " + node.port()
                                : "";
                    } catch (RuntimeException e) {
                        return "devnet chain " + node.chainId() + " had exited and did not restart (retrying): " + e.getMessage();
                    }
                }).subscribeOn(scheduler)))
                .filter(line -> !line.isEmpty());
    }

    /** Noise traders on every chain, merged; each reconnects after its node restarts; runs until cancelled. */
    public Flux<String> noise(long seed, int swapsPerBlock) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Flux<String>> traders = new ArrayList<>();
        for (DeployedChain chain : chains) {
            SplittableRandom random = root.split();
            traders.add(Flux.usingWhen(ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)),
                            rpc -> new NoiseTrader(rpc, chain, random, swapsPerBlock).run(),
                            rpc -> Mono.fromRunnable(rpc::close))
                    .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250))
                            .maxBackoff(Duration.ofSeconds(2)).transientErrors(true).scheduler(scheduler)));
        }
        return Flux.merge(traders);
    }

    /**
     * The engine configuration for these chains (1 s windows, an embedded ledger beside {@code file}, one
     * confirmation, every token mapped across the chains), written as YAML to {@code file} and loaded back.
     */
    public EngineConfig writeConfig(Path file, int httpPort) {
        List<ChainConfig> configs = new ArrayList<>();
        for (DeployedChain c : chains) {
            configs.add(new ChainConfig(c.name(), c.chainId(), URI.create(c.wsUrl()),
                    c.factories().stream().map(f -> new FactoryConfig(f, 30)).toList(), List.copyOf(c.tokens().values()),
                    List.of(c.weth()), c.weth(), c.flashBank(), c.executor(), c.poolQuery(), BigInteger.valueOf(100_000_000L))
                    .withStaleAfter(STALE_AFTER));
        }
        List<CrossChainAsset> assets = new ArrayList<>();
        if (chains.size() > 1) {
            for (String symbol : chains.get(0).tokens().keySet()) {
                Map<Long, String> addresses = new LinkedHashMap<>();
                chains.forEach(c -> addresses.put(c.chainId(), c.tokens().get(symbol)));
                assets.add(new CrossChainAsset(symbol, addresses));
            }
        }
        DatabaseConfig ledger = new DatabaseConfig(null, file.toAbsolutePath().getParent().resolve("postgres"), 1);
        EngineConfig config = new EngineConfig(httpPort, Duration.ofSeconds(1), BigInteger.ONE, 2, 50, configs, assets, ledger);
        return ConfigWriter.writeAndLoad(file, config, "Written by `flashbank demo` for its local anvil chains.");
    }

    /**
     * Has the noise trader account swap {@code amountIn} of {@code tokenIn} through {@code pair} on chain
     * {@code index}; emits the transaction hash once it is mined.
     */
    public Mono<String> swap(int index, String pair, String tokenIn, java.math.BigInteger amountIn) {
        DeployedChain chain = chains.get(index);
        return Flux.usingWhen(ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)),
                rpc -> new DevnetSender(rpc).call(DevnetAccounts.address(DevnetAccounts.TRADER), chain.noiseTrader(),
                        DevnetMarket.fn("swap", new org.web3j.abi.datatypes.Address(pair), new org.web3j.abi.datatypes.Address(tokenIn),
                                new org.web3j.abi.datatypes.generated.Uint256(amountIn))),
                rpc -> Mono.fromRunnable(rpc::close))
                .next().map(receipt -> receipt.path("transactionHash").asText());
    }

    /**
     * Stops node {@code index} (it dumps its state) and starts it again on the same port, mining one block every
     * {@code blockTime}: every connection to it drops, and the chain resumes where it was. Blocking.
     */
    public void restartNow(int index, Duration blockTime) {
        AnvilProcess node = nodes.get(index);
        node.stopNow();
        node.startNow(blockTime);
    }

    /** Closes the connections and stops every node (blocking: it waits for the processes to exit). */
    @Override
    public void close() {
        nodes.forEach(AnvilProcess::stopNow);
    }
}
