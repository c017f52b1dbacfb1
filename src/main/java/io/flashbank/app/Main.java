package io.flashbank.app;

import io.flashbank.config.ConfigException;
import io.flashbank.config.ConfigLoader;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.scan.KernelBenchmark;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.execute.SearcherKey;
import io.flashbank.ledger.DatabaseSettings;
import io.flashbank.ledger.LedgerBenchmark;
import io.flashbank.ledger.LedgerBenchmarkResult;
import io.flashbank.ledger.LedgerDatabase;
import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.OpenClBenchmark;
import io.flashbank.scan.ScanKernel;
import org.web3j.crypto.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The command line: {@code demo} (local chains + the engine), {@code run --config FILE}, {@code bench [WHICH]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "demo" -> demo(rest);
                case "run" -> run(rest);
                case "bench" -> {
                    bench(rest);
                    // web3j's shared executor keeps non-daemon threads alive for a minute after the last connection.
                    System.exit(0);
                }
                default -> {
                    System.out.println("usage: flashbank demo [--port N] [--chains N] [--kernel auto|gpu|cpu|jvm]\n"
                            + "       flashbank run --config FILE [--kernel auto|gpu|cpu|jvm]\n"
                            + "       flashbank bench [all|scan|snapshot|latency|ledger|api|fairness|soak] [--runs N] [--seconds N] [--messages N] [--concurrency N] [--loans N] [--seed N] [--clients N] [--silent N] [--sse N]");
                    System.exit("help".equals(command) ? 0 : 2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("flashbank: bad configuration: " + e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("flashbank: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(List<String> rest) throws InterruptedException {
        CommandLine args = CommandLine.parse("run", rest, Set.of("--config", "--kernel"), 0);
        String file = args.string("--config", null);
        if (file == null) {
            throw new IllegalArgumentException("run needs --config FILE");
        }
        EngineConfig config = ConfigLoader.load(fromCallersDirectory(file));
        Credentials searcher = null;
        if (config.execution().enabled()) {
            if (System.getenv(SearcherKey.DEFAULT_VARIABLE) == null) {
                System.out.println("Execution is off: set " + SearcherKey.DEFAULT_VARIABLE + " to the executor owner's key to turn it on.");
            } else {
                searcher = SearcherKey.fromEnvironment(SearcherKey.DEFAULT_VARIABLE);
            }
        }
        Engine engine = new Engine(config, chooseKernel(args), searcher).startNow("127.0.0.1");
        printUrls(engine);
        awaitShutdown(engine::close);
    }

    private static void demo(List<String> rest) throws InterruptedException {
        CommandLine args = CommandLine.parse("demo", rest, Set.of("--port", "--chains", "--kernel"), 0);
        int port = (int) args.integer("--port", 8080, 0, 65535);
        int chains = (int) args.integer("--chains", 2, 1, 4);
        Path work = Path.of(".flashbank", "demo");
        // Each demo starts new chains, so the previous demo's chain state and ledger are meaningless: start clean.
        deleteRecursively(work);
        Scheduler devnetScheduler = Schedulers.newBoundedElastic(4, 1000, "devnet", 60, true);
        System.out.println("Starting " + chains + " local anvil chains and deploying the demo market...");
        Devnet devnet = Devnet.start(work, chains, Artifacts.locate(), devnetScheduler, Duration.ofSeconds(1), true, false)
                .block(Duration.ofMinutes(3));
        Thread devnetStop = new Thread(devnet::close, "devnet-stop");
        Runtime.getRuntime().addShutdownHook(devnetStop);
        devnet.chains().forEach(c -> System.out.println("  chain " + c.chainId() + " at " + c.wsUrl() + ": FlashBank " + c.flashBank()
                + ", " + c.pairs().size() + " pairs on " + c.factories().size() + " Uniswap V2 factories"));
        EngineConfig config = devnet.writeConfig(work.resolve("config.yaml"), port);
        System.out.println("  configuration written to " + work.resolve("config.yaml") + " (the same file `run --config` takes)");
        // The searcher is anvil's public test account 9, which owns the demo's ArbitrageExecutors.
        Engine engine = new Engine(config, chooseKernel(args), DevnetAccounts.credentials(DevnetAccounts.SEARCHER)).startNow("127.0.0.1");
        System.out.println("  LPs commit through the HTTP API (prepare -> sign with their own key -> broadcast)...");
        try {
            List<String> hashes = new DemoLiquidity("http://127.0.0.1:" + engine.port()).commitAllNow(devnet.chains());
            System.out.println("  " + hashes.size() + " LP transactions broadcast and mined; FlashBank shows every commitment");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Disposable noise = devnet.noise(System.nanoTime(), 2).subscribe();
        // A chain killed under the demo comes back from its state file (dumped every 2 s); the engine reconnects.
        Disposable supervisor = devnet.supervise(Duration.ofSeconds(1), Duration.ofSeconds(1)).subscribe(System.out::println);
        printUrls(engine);
        // From here one hook stops everything in order: the chains last, once the engine and the traders let go.
        CountDownLatch stopped = onShutdown(() -> {
            supervisor.dispose();
            noise.dispose();
            engine.close();
            // Closing sockets drain their eth_unsubscribe with one round trip (under a second): killing the nodes
            // first made each of them log ERROR "Failed to unsubscribe".
            try {
                Thread.sleep(1_200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            devnet.close();
            devnetScheduler.dispose();
        });
        Runtime.getRuntime().removeShutdownHook(devnetStop);
        stopped.await();
    }

    private static void bench(List<String> rest) {
        CommandLine args = CommandLine.parse("bench", rest,
                Set.of("--runs", "--seconds", "--messages", "--concurrency", "--loans", "--seed", "--kernel", "--clients", "--silent",
                        "--sse"), 1);
        String which = args.word(0, "all");
        if (!List.of("all", "scan", "snapshot", "latency", "ledger", "api", "fairness", "soak").contains(which)) {
            throw new IllegalArgumentException("bench takes all, scan, snapshot, latency, ledger, api, fairness or soak, got '" + which + "'");
        }
        if (which.equals("soak")) {
            // not part of `all`: it runs for ten minutes by default
            int seconds = (int) args.integer("--seconds", 600, 180, 86_400);
            int clients = (int) args.integer("--clients", 500, 0, 1800);
            int silent = (int) args.integer("--silent", 100, 0, clients);
            int sse = (int) args.integer("--sse", 100, 0, 450);
            try {
                SoakBenchmark.runNow(Path.of(".flashbank", "bench", "soak"), Duration.ofSeconds(seconds), clients, silent, sse, System.out);
            } catch (Exception e) {
                throw new IllegalStateException("soak benchmark failed: " + e.getMessage(), e);
            }
            return;
        }
        Path work = Path.of(".flashbank", "bench");
        if (which.equals("all") || which.equals("scan")) {
            benchScan(args.string("--kernel", "auto"));
        }
        if (which.equals("all") || which.equals("snapshot")) {
            int runs = (int) args.integer("--runs", 7, 1, 1000);
            System.out.println("Start-up snapshot of " + SnapshotBenchmark.LAYOUT.pairs() + " pairs (PoolQuery pages over WebSocket), "
                    + runs + " runs, a new ChainIngest each:");
            printSnapshot(SnapshotBenchmark.runNow(work, runs));
        }
        if (which.equals("all") || which.equals("ledger")) {
            benchLedger(work);
        }
        if (which.equals("all") || which.equals("api")) {
            int concurrency = (int) args.integer("--concurrency", 64, 1, 10_000);
            int seconds = (int) args.integer("--seconds", 15, 1, 3600);
            System.out.println("POST /api/v1/commitments/prepare on loopback, one anvil chain behind it:");
            System.out.println(ApiLoadBenchmark.runNow(work, concurrency, Duration.ofSeconds(seconds)).line());
        }
        if (which.equals("all") || which.equals("fairness")) {
            int loans = (int) args.integer("--loans", FairnessBenchmark.DEFAULT_LOANS, 1, 100_000);
            long seed = args.integer("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
            System.out.println("Who earns the fees: flash-loan arbitrages on the demo devnet (one anvil chain, real Uniswap V2 pairs, "
                    + "the executor's plans, gas from receipts, fees from FlashBank.profitOf), per pull mode:");
            // The devnet keeps its chain state in its directory: a new chain each run.
            Path dir = work.resolve("fairness");
            deleteRecursively(dir);
            FairnessBenchmark.print(FairnessBenchmark.runNow(dir, loans, seed), System.out);
        }
                if (which.equals("all") || which.equals("latency")) {
            int seconds = (int) args.integer("--seconds", 60, 1, 3600);
            int messages = (int) args.integer("--messages", 100, 1, 1_000_000);
            System.out.println("Window close -> WebSocket message, two anvil chains of " + LatencyBenchmark.LAYOUT.pairs()
                    + " pools each, noise swaps on " + LatencyBenchmark.SWAPS_PER_BLOCK + " pools per chain per block:");
            LatencyBenchmark.runNow(work, Duration.ofSeconds(seconds), messages).print(System.out);
        }
    }

    private static void benchScan(String kernel) {
        System.out.println("JVM scan kernel (single thread), candidates per second:");
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            KernelBenchmark.Result r = KernelBenchmark.measureJvm(n);
            System.out.printf("  %,10d candidates: %7.1f M candidates/s  (median of %d scans, %.3f ms each)%n",
                    r.candidates(), r.candidatesPerSecond() / 1e6, r.repetitions(), r.medianNanosPerScan() / 1e6);
        }
        try (KernelChoice choice = KernelChoice.choose(kernel)) {
            System.out.println("Scan kernels on 1M and 10M candidates (" + choice.kernel().name() + " on " + choice.device() + "):");
            OpenClBenchmark.compare(choice, OpenClBenchmark.STANDARD_SIZES, OpenClBenchmark.STANDARD_REPETITIONS)
                    .forEach(r -> System.out.println("  " + r.line()));
        }
    }

    private static void benchLedger(Path work) {
        Path dir = work.resolve("ledger-postgres");
        deleteRecursively(dir);
        try (LedgerDatabase db = LedgerDatabase.startNow(DatabaseSettings.embedded(dir))) {
            db.migrate().block(Duration.ofMinutes(2));
            LedgerBenchmarkResult r = LedgerBenchmark.measure(db).block(Duration.ofMinutes(10));
            System.out.printf("Ledger ingestion (embedded PostgreSQL, %d loans x %d providers, %d loans per transaction):%n"
                            + "  %,.0f fee-share rows/s, %,.0f loans/s, %.1f ms per transaction%n",
                    r.loans(), r.feeShareRows() / Math.max(1, r.loans()), r.loans() / Math.max(1, r.batches()),
                    r.feeShareRows() / (r.nanos() / 1e9), r.loans() / (r.nanos() / 1e9), r.nanos() / 1e6 / Math.max(1, r.batches()));
        }
    }

    private static void printSnapshot(List<SnapshotBenchmark.Repetition> runs) {
        long[] signal = runs.stream().mapToLong(SnapshotBenchmark.Repetition::snapshotMillis).sorted().toArray();
        long[] wall = runs.stream().mapToLong(SnapshotBenchmark.Repetition::wallMillis).sorted().toArray();
        System.out.printf("  snapshot: median %,d ms, max %,d ms, first (cold JVM) %,d ms over %d runs; from subscribe: "
                        + "median %,d ms, max %,d ms%n", signal[signal.length / 2], signal[signal.length - 1],
                runs.get(0).snapshotMillis(), runs.size(), wall[wall.length / 2], wall[wall.length - 1]);
    }

    private static void printUrls(Engine engine) {
        String base = "http://127.0.0.1:" + engine.port();
        System.out.println("FlashBank is running:");
        System.out.println("  dashboard      " + base + "/");
        System.out.println("  opportunities  ws://127.0.0.1:" + engine.port() + "/ws/opportunities");
        System.out.println("  JSON           " + base + "/api/v1/opportunities?limit=10");
        System.out.println("  monitor (SSE)  " + base + "/events");
        System.out.println("  health         " + base + "/health");
        System.out.println("Ctrl-C stops everything.");
    }

    private static void awaitShutdown(Runnable stop) throws InterruptedException {
        onShutdown(stop).await();
    }

    /** Runs {@code stop} when the process is asked to end; the latch opens once it has run. */
    private static CountDownLatch onShutdown(Runnable stop) {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            done.countDown();
        }, "engine-stop"));
        return done;
    }

    /** The scan kernel from {@code --kernel auto|gpu|cpu|jvm} (default auto); the choice and its reason are printed. */
    private static KernelChoice chooseKernel(CommandLine args) {
        KernelChoice choice = KernelChoice.choose(args.string("--kernel", "auto"));
        System.out.println("  scan kernel: " + choice.kernel().name() + " on " + choice.device() + " (" + choice.reason() + ")");
        return choice;
    }

    static void deleteRecursively(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir, e);
        }
    }

    /**
     * {@code file} as the caller meant it: a relative path is taken from the directory {@code ./flashbank} was called
     * from (the script passes it as {@code flashbank.callerDir}, since it changes into the repository), else as is.
     */
    static Path fromCallersDirectory(String file) {
        Path path = Path.of(file);
        String caller = System.getProperty("flashbank.callerDir");
        return path.isAbsolute() || caller == null || caller.isEmpty() ? path : Path.of(caller).resolve(path);
    }
}
