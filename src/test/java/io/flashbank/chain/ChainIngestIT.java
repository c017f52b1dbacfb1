package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.market.MarketEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Follows real anvil chains with seeded Uniswap V2 markets: snapshot, Sync-driven reserves, restart resumption. */
class ChainIngestIT {
    private static Scheduler scheduler;
    private static Devnet devnet;
    private static EngineConfig config;

    @BeforeAll
    static void startDevnet() throws Exception {
        scheduler = Schedulers.newBoundedElastic(8, 1000, "it-chain");
        Path work = Files.createTempDirectory("flashbank-it");
        devnet = Devnet.start(work, 2, Artifacts.locate(), scheduler, Duration.ofSeconds(1)).block(Duration.ofMinutes(2));
        config = devnet.writeConfig(work.resolve("config.yaml"), 0);
    }

    @AfterAll
    static void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
        scheduler.dispose();
    }

    @Test
    void snapshotsEveryPoolThenFollowsSyncLogsBlockByBlock() {
        ChainIngest ingest = new ChainIngest(config.chains().get(0), scheduler, Duration.ofSeconds(10), Clock.systemUTC());
        List<MarketEvent> events = new ArrayList<>();
        List<ChainSignal.SnapshotProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable progressed = ingest.signals().ofType(ChainSignal.SnapshotProgress.class).subscribe(progress::add);
        Disposable noise = devnet.noise(7, 2).subscribe();
        try {
            ingest.marketEvents()
                    .doOnNext(events::add)
                    .filter(e -> e instanceof MarketEvent.ReservesChanged)
                    .take(3)
                    .blockLast(Duration.ofSeconds(60));
        } finally {
            noise.dispose();
        }
        int discovered = events.stream().filter(e -> e instanceof MarketEvent.PoolsDiscovered)
                .mapToInt(e -> ((MarketEvent.PoolsDiscovered) e).pools().size()).sum();
        assertThat(discovered).as("two factories x five pairs").isEqualTo(10);
        List<Long> blocks = events.stream().filter(e -> e instanceof MarketEvent.GasPriceChanged)
                .map(e -> ((MarketEvent.GasPriceChanged) e).blockNumber()).toList();
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i)).as("consecutive blocks, none skipped or repeated").isEqualTo(blocks.get(i - 1) + 1);
        }
        assertThat(ingest.status().pools()).isEqualTo(10);
        assertThat(ingest.status().connected()).isTrue();
        progressed.dispose();
        assertThat(progress).as("snapshot progress, one per page").extracting(p -> p.factory() + " " + p.read() + "/" + p.total())
                .containsExactlyInAnyOrderElementsOf(config.chains().get(0).factories().stream().map(f -> f.address() + " 5/5").toList());
    }

    @Test
    void aConfiguredContractWithoutCodeIsNamedAndNothingIsSnapshotted() throws Exception {
        io.flashbank.config.ChainConfig good = config.chains().get(0);
        String account = "0x" + "7".repeat(40);
        io.flashbank.config.ChainConfig wrong = new io.flashbank.config.ChainConfig(good.name(), good.chainId(), good.rpc(),
                good.factories(), good.tokens(), good.baseTokens(), good.wrappedNative(), account, good.executor(), good.poolQuery(),
                good.priorityFeeWei(), good.staleAfter());
        ChainIngest ingest = new ChainIngest(wrong, scheduler, Duration.ofSeconds(5), Clock.systemUTC());
        List<MarketEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable running = ingest.marketEvents().subscribe(events::add);
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (ingest.status().lastError() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ingest.status().lastError()).as("the status names the field and the address")
                    .contains("flashBank").contains(account).contains("no contract code");
            assertThat(events).as("no snapshot of a misconfigured chain").isEmpty();
        } finally {
            running.dispose();
        }
    }

    @Test
    void aChainDownAtStartLogsOneLinePerRetryWithoutStackTraces() throws Exception {
        io.flashbank.config.ChainConfig good = config.chains().get(0);
        io.flashbank.config.ChainConfig down = new io.flashbank.config.ChainConfig(good.name(), good.chainId(),
                java.net.URI.create("ws://127.0.0.1:" + io.flashbank.devnet.AnvilProcess.freePort()), good.factories(), good.tokens(),
                good.baseTokens(), good.wrappedNative(), good.flashBank(), good.executor(), good.poolQuery(), good.priorityFeeWei(),
                good.staleAfter());
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        Disposable running = new ChainIngest(down, scheduler, Duration.ofSeconds(2), Clock.systemUTC()).marketEvents().subscribe();
        try {
            Thread.sleep(4_000);
        } finally {
            running.dispose();
            System.setErr(original);
        }
        List<String> lines = captured.toString().lines().toList();
        assertThat(lines).as("log of a chain down for 4 s").isNotEmpty()
                .allMatch(l -> l.contains("WARN ChainIngest") && l.contains("reconnecting (attempt"));
        assertThat(lines.size()).as("retries back off (250 ms doubling to 5 s): %s", lines).isBetween(2, 6);
    }

    @Test
    void resumesAfterTheNodeRestartsWithoutDuplicateOrMissedBlocks() throws Exception {
        ChainIngest ingest = new ChainIngest(config.chains().get(1), scheduler, Duration.ofSeconds(5), Clock.systemUTC());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        Disposable following = ingest.marketEvents()
                .filter(e -> e instanceof MarketEvent.GasPriceChanged)
                .subscribe(e -> {
                    if (!seen.add(((MarketEvent.GasPriceChanged) e).blockNumber())) {
                        duplicates.add(((MarketEvent.GasPriceChanged) e).blockNumber());
                    }
                });
        List<ChainSignal> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable watching = ingest.signals().subscribe(signals::add);
        try {
            waitFor(() -> seen.size() >= 3);
            devnet.restartNow(1, Duration.ofSeconds(1));
            long before = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
            waitFor(() -> seen.stream().mapToLong(Long::longValue).max().orElse(0) >= before + 3);
        } finally {
            following.dispose();
            watching.dispose();
        }
        assertThat(signals).anyMatch(s -> s instanceof ChainSignal.Disconnected);
        assertThat(signals.stream().filter(s -> s instanceof ChainSignal.Connected).count()).isGreaterThanOrEqualTo(1);
        TreeSet<Long> ordered = new TreeSet<>(seen);
        assertThat(duplicates).isEmpty();
        assertThat(ordered.last() - ordered.first() + 1).as("no gap").isEqualTo(ordered.size());
    }

    @Test
    void rollsBackReservesTheOrphanedBlocksTouchedWhenTheChainReorganises() throws Exception {
        ChainIngest ingest = new ChainIngest(config.chains().get(0), scheduler, Duration.ofSeconds(10), Clock.systemUTC());
        List<MarketEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<ChainSignal> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable watching = ingest.signals().subscribe(signals::add);
        Disposable following = ingest.marketEvents().subscribe(events::add);
        io.flashbank.devnet.DeployedChain chain = devnet.chains().get(0);
        String pool = chain.pairs().get(0);
        ChainRpc rpc = ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
        try {
            waitFor(() -> ingest.status().headNumber() > 0 && events.stream().anyMatch(e -> e instanceof MarketEvent.GasPriceChanged));
            long ancestor = ingest.status().headNumber();
            waitFor(() -> ingest.status().headNumber() > ancestor);
            String snapshot = rpc.call("evm_snapshot", List.of()).block(Duration.ofSeconds(10)).asText();
            PoolQueryClient.Reserves before = new PoolQueryClient(rpc, chain.poolQuery()).reserves(List.of(pool),
                    Quantities.bareQuantity(rpc.call("eth_blockNumber", List.of()).block(Duration.ofSeconds(10)), "n").longValue())
                    .block(Duration.ofSeconds(10));
            devnet.swap(0, pool, chain.weth(), java.math.BigInteger.TEN.pow(19)).block(Duration.ofSeconds(30));
            waitFor(() -> events.stream().anyMatch(e -> e instanceof MarketEvent.ReservesChanged r
                    && r.changed().stream().anyMatch(st -> st.pool().address().equals(pool))));
            long swapHead = ingest.status().headNumber();
            rpc.call("evm_revert", List.of(snapshot)).block(Duration.ofSeconds(10));
            waitFor(() -> signals.stream().anyMatch(sig -> sig instanceof ChainSignal.Reorg));
            ChainSignal.Reorg reorg = (ChainSignal.Reorg) signals.stream().filter(sig -> sig instanceof ChainSignal.Reorg).findFirst().orElseThrow();
            assertThat(reorg.ancestor()).isLessThan(swapHead);
            assertThat(reorg.poolsReread()).as("the swapped pool is re-read").isGreaterThanOrEqualTo(1);
            MarketEvent.ReservesChanged reread = events.stream()
                    .filter(e -> e instanceof MarketEvent.ReservesChanged r && r.blockNumber() == reorg.ancestor())
                    .map(e -> (MarketEvent.ReservesChanged) e).reduce((a, b) -> b).orElseThrow();
            io.flashbank.market.PoolState state = reread.changed().stream().filter(st -> st.pool().address().equals(pool)).findFirst().orElseThrow();
            assertThat(state.reserve0()).as("reserve0 back to before the orphaned swap").isEqualTo(before.reserve0().get(0));
            assertThat(state.reserve1()).isEqualTo(before.reserve1().get(0));
        } finally {
            following.dispose();
            watching.dispose();
            rpc.close();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
