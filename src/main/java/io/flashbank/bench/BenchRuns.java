package io.flashbank.bench;

import io.flashbank.app.Flags;
import io.flashbank.bench.kernel.KernelBenchmark;
import io.flashbank.bench.kernel.OpenClBenchmark;
import io.flashbank.ledger.DatabaseSettings;
import io.flashbank.ledger.LedgerBenchmark;
import io.flashbank.ledger.LedgerBenchmarkResult;
import io.flashbank.ledger.LedgerDatabase;
import io.flashbank.scan.KernelChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** The subcommands of {@code flashbank bench}, one per benchmark: flags checked, then the benchmark run and printed. */
final class BenchRuns {
    private BenchRuns() {
    }

    /** A benchmark subcommand: {@link #check} its flags (usage errors), then {@link #run} it (blocking, prints). */
    abstract static class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        void check() {
        }

        abstract void run();

        @Override
        public final Integer call() {
            BenchCommand.refuseFlagsBeforeTheName(spec);
            check();
            run();
            return 0;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "JVM scan kernel throughput on 10k, 100k and 1M candidates; then the chosen kernel against the JVM's on 1M and 10M.")
    static final class Scan extends Run {
        @Option(names = "--kernel", paramLabel = "auto|gpu|cpu|jvm", defaultValue = "auto",
                description = "the kernel compared with the JVM's (default: ${DEFAULT-VALUE})")
        private String kernel;

        Scan() {
        }

        Scan(String kernel) {
            this.kernel = kernel;
        }

        @Override
        void check() {
            Flags.kernel(spec, kernel);
        }

        @Override
        void run() {
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
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "The start-up snapshot of 10k real Uniswap V2 pairs on a fresh anvil chain, a new connection each run.")
    static final class Snapshot extends Run {
        @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "repetitions, 1-1000 (default: ${DEFAULT-VALUE})")
        private int runs;

        Snapshot() {
        }

        Snapshot(int runs) {
            this.runs = runs;
        }

        @Override
        void check() {
            Flags.inRange(spec, "--runs", runs, 1, 1000);
        }

        @Override
        void run() {
            System.out.println("Start-up snapshot of " + SnapshotBenchmark.LAYOUT.pairs() + " pairs (PoolQuery pages over WebSocket), "
                    + runs + " runs, a new ChainIngest each:");
            List<SnapshotBenchmark.Repetition> results = SnapshotBenchmark.runNow(BenchCommand.WORK, runs);
            long[] signal = results.stream().mapToLong(SnapshotBenchmark.Repetition::snapshotMillis).sorted().toArray();
            long[] wall = results.stream().mapToLong(SnapshotBenchmark.Repetition::wallMillis).sorted().toArray();
            System.out.printf("  snapshot: median %,d ms, max %,d ms, first (cold JVM) %,d ms over %d runs; from subscribe: "
                            + "median %,d ms, max %,d ms%n", signal[signal.length / 2], signal[signal.length - 1],
                    results.get(0).snapshotMillis(), results.size(), wall[wall.length / 2], wall[wall.length - 1]);
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true,
            description = "Fee-share ingestion into an embedded PostgreSQL through the indexer's batch write.")
    static final class Ledger extends Run {
        @Override
        void run() {
            Path dir = BenchCommand.WORK.resolve("ledger-postgres");
            deleteRecursively(dir);
            try (LedgerDatabase db = LedgerDatabase.startNow(DatabaseSettings.embedded(dir))) {
                db.migrate().block(Duration.ofMinutes(2));
                LedgerBenchmarkResult r = LedgerBenchmark.measure(db).block(Duration.ofMinutes(10));
                System.out.printf("Ledger ingestion (embedded PostgreSQL, %d loans x %d providers, %d loans per transaction):%n"
                                + "  %,.0f fee-share rows/s, %,.0f loans/s, %.1f ms per transaction%n",
                        r.loans(), r.feeShareRows() / Math.max(1, r.loans()), r.loans() / Math.max(1, r.batches()),
                        r.feeShareRowsPerSecond(), r.loansPerSecond(), r.millisPerBatch());
            }
        }
    }

    @Command(name = "api", mixinStandardHelpOptions = true,
            description = "Closed-loop load on POST /api/v1/commitments/prepare over loopback, one anvil chain behind the engine.")
    static final class Api extends Run {
        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
                description = "requests in flight, 1-10000 (default: ${DEFAULT-VALUE})")
        private int concurrency;
        @Option(names = "--seconds", paramLabel = "N", defaultValue = "15", description = "how long it measures, 1-3600 (default: ${DEFAULT-VALUE})")
        private int seconds;

        Api() {
        }

        Api(int concurrency, int seconds) {
            this.concurrency = concurrency;
            this.seconds = seconds;
        }

        @Override
        void check() {
            Flags.inRange(spec, "--concurrency", concurrency, 1, 10_000);
            Flags.inRange(spec, "--seconds", seconds, 1, 3600);
        }

        @Override
        void run() {
            System.out.println("POST /api/v1/commitments/prepare on loopback, one anvil chain behind it:");
            System.out.println(ApiLoadBenchmark.runNow(BenchCommand.WORK, concurrency, Duration.ofSeconds(seconds)).line());
        }
    }

    @Command(name = "fairness", mixinStandardHelpOptions = true,
            description = "Who earns the fees under each pull mode: real flash-loan arbitrages on one demo chain.")
    static final class Fairness extends Run {
        @Option(names = "--loans", paramLabel = "N", defaultValue = "300", description = "loans per pull mode, 1-100000 (default: ${DEFAULT-VALUE})")
        private int loans;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "the swaps' random seed (default: ${DEFAULT-VALUE})")
        private long seed;

        Fairness() {
        }

        Fairness(int loans, long seed) {
            this.loans = loans;
            this.seed = seed;
        }

        @Override
        void check() {
            Flags.inRange(spec, "--loans", loans, 1, 100_000);
        }

        @Override
        void run() {
            System.out.println("Who earns the fees: flash-loan arbitrages on the demo devnet (one anvil chain, real Uniswap V2 pairs, "
                    + "the executor's plans, gas from receipts, fees from FlashBank.profitOf), per pull mode:");
            // The devnet keeps its chain state in its directory: a new chain each run.
            Path dir = BenchCommand.WORK.resolve("fairness");
            deleteRecursively(dir);
            FairnessBenchmark.print(FairnessBenchmark.runNow(dir, loans, seed), System.out);
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Window close -> WebSocket message of the real engine over two anvil chains of 5k pools each.")
    static final class Latency extends Run {
        @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", description = "at least this long, 1-3600 (default: ${DEFAULT-VALUE})")
        private int seconds;
        @Option(names = "--messages", paramLabel = "N", defaultValue = "100",
                description = "at least this many messages, 1-1000000 (default: ${DEFAULT-VALUE})")
        private int messages;

        Latency() {
        }

        Latency(int seconds, int messages) {
            this.seconds = seconds;
            this.messages = messages;
        }

        @Override
        void check() {
            Flags.inRange(spec, "--seconds", seconds, 1, 3600);
            Flags.inRange(spec, "--messages", messages, 1, 1_000_000);
        }

        @Override
        void run() {
            System.out.println("Window close -> WebSocket message, two anvil chains of " + LatencyBenchmark.LAYOUT.pairs()
                    + " pools each, noise swaps on " + LatencyBenchmark.SWAPS_PER_BLOCK + " pools per chain per block:");
            LatencyBenchmark.runNow(BenchCommand.WORK, Duration.ofSeconds(seconds), messages).print(System.out);
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "The demo's two chains and engine under hundreds of clients, a chain stall and a database stop (not in `all`).")
    static final class Soak extends Run {
        @Option(names = "--seconds", paramLabel = "N", defaultValue = "600", description = "180-86400 (default: ${DEFAULT-VALUE})")
        private int seconds;
        @Option(names = "--clients", paramLabel = "N", defaultValue = "500", description = "WebSocket clients, 0-1800 (default: ${DEFAULT-VALUE})")
        private int clients;
        @Option(names = "--silent", paramLabel = "N", defaultValue = "100",
                description = "of them never reading, 0 to --clients (default: ${DEFAULT-VALUE})")
        private int silent;
        @Option(names = "--sse", paramLabel = "N", defaultValue = "100", description = "SSE clients, 0-450 (default: ${DEFAULT-VALUE})")
        private int sse;

        @Override
        void check() {
            Flags.inRange(spec, "--seconds", seconds, 180, 86_400);
            Flags.inRange(spec, "--clients", clients, 0, 1800);
            Flags.inRange(spec, "--silent", silent, 0, clients);
            Flags.inRange(spec, "--sse", sse, 0, 450);
        }

        @Override
        void run() {
            try {
                SoakBenchmark.runNow(BenchCommand.WORK.resolve("soak"), Duration.ofSeconds(seconds), clients, silent, sse, System.out);
            } catch (Exception e) {
                throw new IllegalStateException("soak benchmark failed: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "jmh", description = {"The kernel microbenchmarks under JMH: the JVM scan kernel on window batches, the exact route quote.",
        "Every other argument goes to JMH (e.g. `-f 1 -wi 3 -i 5`, a benchmark regex, `-h` for JMH's own help)."})
    static final class Jmh extends Run {
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        private boolean help;
        @Unmatched
        private List<String> jmhArguments = new ArrayList<>();

        @Override
        void run() {
            CommandLineOptions options;
            try {
                options = new CommandLineOptions(jmhArguments.toArray(String[]::new));
            } catch (CommandLineOptionException e) {
                throw new ParameterException(spec.commandLine(), "JMH: " + e.getMessage());
            }
            try {
                Runner runner = new Runner(options);
                if (options.shouldHelp()) {
                    options.showHelp();
                } else if (options.shouldList()) {
                    runner.list();
                } else {
                    runner.run();
                }
            } catch (RunnerException | IOException e) {
                throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
