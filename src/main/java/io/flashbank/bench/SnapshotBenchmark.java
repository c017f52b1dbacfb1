package io.flashbank.bench;

import io.flashbank.chain.ChainIngest;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.ChainSignal;
import io.flashbank.config.ChainConfig;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.bench.farm.FarmConfig;
import io.flashbank.bench.farm.FarmedChain;
import io.flashbank.bench.farm.PairFarmMarket;
import io.flashbank.market.MarketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Times the engine's start-up snapshot of 10k real Uniswap V2 pairs on a fresh anvil chain, several times over. */
final class SnapshotBenchmark {
    /** 250 tokens besides the base token, two factories of 5,000 pairs each: 10,000 pairs. */
    static final PairFarmMarket.Layout LAYOUT = new PairFarmMarket.Layout(250, 2, 5_000);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One repetition: {@code snapshotMillis} is what the ingest's Snapshot signal reports (first page request to
     * the last page applied); {@code wallMillis} runs from subscribing, so it also holds the WebSocket connect and the
     * chain-id check.
     */
    record Repetition(int pools, long snapshotMillis, long wallMillis) {
    }

    private SnapshotBenchmark() {
    }

    /** Builds the farm, then runs {@code repetitions} snapshots, each with a new ChainIngest; prints as it goes. Blocking. */
    static List<Repetition> runNow(Path workDir, int repetitions) {
        Scheduler io = Schedulers.newBoundedElastic(4, 10_000, "chain-" + Devnet.FIRST_CHAIN_ID, 60, true);
        Artifacts artifacts = Artifacts.locate();
        AnvilProcess node = new AnvilProcess(artifacts.foundryTool("anvil"), Devnet.FIRST_CHAIN_ID,
                AnvilProcess.freePort(), null, logFile(workDir, "snapshot-anvil.log"), PairFarmMarket.BLOCK_GAS_LIMIT);
        try {
            node.startNow(null);
            long started = System.nanoTime();
            FarmedChain chain = Mono.usingWhen(ChainRpc.connect(node.wsUrl(), io, Duration.ofSeconds(60)),
                            rpc -> new PairFarmMarket(rpc, artifacts, LAYOUT).deploy("bench-snapshot", node.chainId(), node.wsUrl(), 1),
                            rpc -> Mono.fromRunnable(rpc::close))
                    .block(Duration.ofMinutes(10));
            System.out.printf("  built %,d pairs on %d Uniswap V2 factories in %.1f s (anvil at %s)%n", chain.pairs().size(),
                    chain.factories().size(), (System.nanoTime() - started) / 1e9, node.wsUrl());
            ChainConfig config = FarmConfig.writeAndLoad(workDir.resolve("snapshot-config.yaml"), List.of(chain), false,
                    workDir.resolve("snapshot-postgres")).chains().get(0);
            List<Repetition> results = new ArrayList<>();
            CpuShare cpu = CpuShare.read();
            for (int i = 0; i < repetitions; i++) {
                Repetition r = onceNow(config, io);
                results.add(r);
                System.out.printf("  run %d: %,d pools, snapshot %,d ms (signal), %,d ms from subscribe (connect included)%n",
                        i + 1, r.pools(), r.snapshotMillis(), r.wallMillis());
            }
            System.out.println("  CPU during the runs: " + CpuShare.since(cpu));
            return results;
        } finally {
            node.stopNow();
            io.dispose();
        }
    }

    private static Repetition onceNow(ChainConfig config, Scheduler io) {
        ChainIngest ingest = new ChainIngest(config, io, RPC_TIMEOUT, Clock.systemUTC());
        AtomicInteger pools = new AtomicInteger();
        AtomicLong signalMillis = new AtomicLong(-1);
        long started = System.nanoTime();
        Mono<ChainSignal.Snapshot> snapshot = ingest.signals().ofType(ChainSignal.Snapshot.class).next().cache();
        Disposable watching = snapshot.subscribe(s -> signalMillis.set(s.millis()));
        Disposable following = ingest.marketEvents()
                .ofType(MarketEvent.PoolsDiscovered.class)
                .subscribe(e -> pools.addAndGet(e.pools().size()));
        try {
            snapshot.block(Duration.ofSeconds(120));
            long wall = (System.nanoTime() - started) / 1_000_000;
            // Closing the connection while the ingest is still subscribing to newHeads makes web3j's executor reject
            // the pending task, which Reactor logs as a dropped error: let the session settle first (not timed).
            sleep(Duration.ofMillis(300));
            return new Repetition(pools.get(), signalMillis.get(), wall);
        } finally {
            following.dispose();
            watching.dispose();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Path logFile(Path workDir, String name) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        return workDir.resolve(name);
    }
}
