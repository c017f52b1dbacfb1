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
