package io.flashbank.bench;

import io.flashbank.app.Engine;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.ChainStatus;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.bench.farm.FarmConfig;
import io.flashbank.bench.farm.FarmedChain;
import io.flashbank.bench.farm.PairFarmMarket;
import io.flashbank.rank.WindowReport;
import io.flashbank.scan.ScanKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Measures window close → WebSocket message latency of the real engine over two anvil chains of 5k pools each. */
final class LatencyBenchmark {
    /** Per chain: 250 tokens besides the base token, two factories of 2,500 pairs each: 5,000 pools. */
    static final PairFarmMarket.Layout LAYOUT = new PairFarmMarket.Layout(250, 2, 2_500);
    static final int SWAPS_PER_BLOCK = 250;
    private static final int CHAINS = 2;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** The window FarmConfig writes. */
    private static final Duration WINDOW = Duration.ofSeconds(1);

    /**
     * Where a ranked view came from: the window whose report produced it, and when the book published it.
     *
     * @param publishedAt when the view left the book (on the scan thread), so close → publish is scan + re-quote + rank
     */
    record ViewOrigin(long windowIndex, Instant closedAt, Instant publishedAt, int candidatesScanned, long scanNanos) {
    }

    private LatencyBenchmark() {
    }

    /**
     * Starts the chains and the engine, waits for both snapshots and a warm-up, connects a feed client, lets it warm
     * up, then records feed messages until at least {@code minDuration} passed and {@code minMessages} arrived (at
     * most four times {@code minDuration}).
     * Blocking; stops every process it started.
     */
    static LatencyReport runNow(Path workDir, Duration minDuration, int minMessages) {
        Scheduler devnetIo = Schedulers.newBoundedElastic(4, 10_000, "bench-devnet", 60, true);
        Artifacts artifacts = Artifacts.locate();
        List<AnvilProcess> nodes = new ArrayList<>();
        Disposable noise = null;
        Engine engine = null;
        FeedRecorder feed = null;
        Disposable views = null;
        try {
            for (int i = 0; i < CHAINS; i++) {
                long chainId = Devnet.FIRST_CHAIN_ID + i;
                nodes.add(new AnvilProcess(artifacts.foundryTool("anvil"), chainId, AnvilProcess.freePort(),
                        null, SnapshotBenchmark.logFile(workDir, "latency-anvil-" + chainId + ".log"), PairFarmMarket.BLOCK_GAS_LIMIT)
                        .startNow(null));
            }
            long started = System.nanoTime();
            List<FarmedChain> chains = Flux.fromIterable(nodes).flatMapSequential(node -> Mono.usingWhen(
                    ChainRpc.connect(node.wsUrl(), devnetIo, Duration.ofSeconds(60)),
                    rpc -> new PairFarmMarket(rpc, artifacts, LAYOUT).deploy("bench-" + node.chainId(), node.chainId(), node.wsUrl(), 1)
                            .flatMap(chain -> rpc.call("evm_setIntervalMining", List.of(1)).thenReturn(chain)),
                    rpc -> Mono.fromRunnable(rpc::close))).collectList().block(Duration.ofMinutes(10));
            System.out.printf("  built %d chains of %,d pools in %.1f s; one block a second from now on%n", chains.size(),
                    LAYOUT.pairs(), (System.nanoTime() - started) / 1e9);
            noise = noise(chains, devnetIo).subscribe();
            // The engine's ledger runs too, on an embedded PostgreSQL emptied first: its chains are new every run.
            Path ledgerDir = workDir.resolve("latency-postgres");
            BenchRuns.deleteRecursively(ledgerDir);
            EngineConfig config = FarmConfig.writeAndLoad(workDir.resolve("latency-config.yaml"), chains, true, ledgerDir);
            engine = new Engine(config, ScanKernel.jvm()).startNow("127.0.0.1");
            awaitSnapshots(engine, Duration.ofMinutes(2));
            sleep(WARM_UP);
            Engine running = engine;
            Map<Long, ViewOrigin> origins = new ConcurrentHashMap<>();
            // Views reach the book's subscribers on the scan thread inside accept(report): lastWindow() is that report.
            views = engine.book().views().subscribe(view -> {
                WindowReport w = running.lastWindow();
                if (w != null) {
                    origins.putIfAbsent(view.version(), new ViewOrigin(w.windowIndex(), w.closedAt(), Instant.now(),
                            w.candidatesScanned(), w.scanNanos()));
                }
            });
            feed = FeedRecorder.connectNow(URI.create("ws://127.0.0.1:" + engine.port() + "/ws/opportunities"));
            // The first windows after start still run cold code (the re-quote and the feed, both ends): counted apart.
            sleep(WARM_UP);
            Instant countFrom = Instant.now();
            int warmUpMessages = feed.count();
            CpuShare cpu = CpuShare.read();
            long from = System.nanoTime();
            long least = minDuration.toNanos();
            while ((System.nanoTime() - from < least || feed.count() - warmUpMessages < minMessages)
                    && System.nanoTime() - from < 4 * least && feed.failure() == null) {
                sleep(Duration.ofMillis(200));
            }
            Duration measured = Duration.ofNanos(System.nanoTime() - from);
            if (feed.failure() != null) {
                throw new IllegalStateException(feed.failure());
            }
            return LatencyReport.of(feed.received(), countFrom, origins, WINDOW, measured, CpuShare.since(cpu));
        } finally {
            if (feed != null) {
                feed.close();
            }
            if (views != null) {
                views.dispose();
            }
            if (engine != null) {
                engine.close();
            }
            if (noise != null) {
                noise.dispose();
            }
            nodes.forEach(AnvilProcess::stopNow);
            devnetIo.dispose();
        }
    }

    private static Flux<String> noise(List<FarmedChain> chains, Scheduler io) {
        SplittableRandom root = new SplittableRandom(7);
        return Flux.merge(chains.stream().map(chain -> {
            SplittableRandom random = root.split();
            return Flux.usingWhen(ChainRpc.connect(chain.wsUrl(), io, Duration.ofSeconds(10)),
                    rpc -> PairFarmMarket.noise(rpc, chain, random, SWAPS_PER_BLOCK),
                    rpc -> Mono.fromRunnable(rpc::close));
        }).toList());
    }

    private static void awaitSnapshots(Engine engine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!engine.chains().stream().allMatch(c -> c.pools() >= LAYOUT.pairs() && c.headNumber() > 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snapshots not done within " + timeout + ": "
                        + engine.chains().stream().map(ChainStatus::toString).toList());
            }
            sleep(Duration.ofMillis(100));
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
}
