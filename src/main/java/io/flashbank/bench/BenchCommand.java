package io.flashbank.bench;

import io.flashbank.app.Flags;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code flashbank bench [WHICH] [flags]}: every benchmark is a subcommand with its own flags; without one, all of them
 * but the soak and JMH run, in the order of {@link All}. The only way product code reaches this package.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "flashbank bench",
        description = {"Scan throughput, latency, snapshot, ledger, API load and fee-fairness figures (README: Benchmarks).",
            "Without a benchmark it runs `all` with the flags given here."},
        subcommands = {BenchCommand.All.class, BenchRuns.Scan.class, BenchRuns.Snapshot.class, BenchRuns.Latency.class,
            BenchRuns.Ledger.class, BenchRuns.Api.class, BenchRuns.Fairness.class, BenchRuns.Soak.class, BenchRuns.Jmh.class})
public final class BenchCommand implements Callable<Integer> {
    /** Where the benchmarks keep their chains, databases and logs. */
    static final Path WORK = Path.of(".flashbank", "bench");

    @Mixin
    private AllFlags flags;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        flags.run(spec);
        return 0;
    }

    /**
     * Refuses flags given to {@code bench} before a benchmark's name ({@code bench --runs 3 snapshot}): they belong to
     * {@code bench} alone, and the benchmark would otherwise run with its defaults as if they were not there.
     */
    static void refuseFlagsBeforeTheName(CommandSpec benchmark) {
        CommandLine parent = benchmark.commandLine().getParent();
        ParseResult parsed = parent == null ? null : parent.getParseResult();
        if (parsed != null && !parsed.matchedOptions().isEmpty()) {
            List<String> flags = parsed.matchedOptions().stream().map(OptionSpec::longestName).toList();
            throw new ParameterException(benchmark.commandLine(), String.join(", ", flags) + " must come after the benchmark's name: "
                    + benchmark.qualifiedName() + " " + flags.get(0) + " …");
        }
    }

    /** {@code bench all}: what {@code bench} alone runs. */
    @Command(name = "all", mixinStandardHelpOptions = true,
            description = "scan, snapshot, ledger, api, fairness and latency, one after another (not the soak, not jmh).")
    static final class All implements Callable<Integer> {
        @Mixin
        private AllFlags flags;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            refuseFlagsBeforeTheName(spec);
            flags.run(spec);
            return 0;
        }
    }

    /** The flags of {@code bench} and {@code bench all}: those of each benchmark it runs. */
    static final class AllFlags {
        @Option(names = "--kernel", paramLabel = "auto|gpu|cpu|jvm", defaultValue = "auto",
                description = "scan: the kernel compared with the JVM's (default: ${DEFAULT-VALUE})")
        private String kernel;
        @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "snapshot: repetitions, 1-1000 (default: ${DEFAULT-VALUE})")
        private int runs;
        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
                description = "api: requests in flight, 1-10000 (default: ${DEFAULT-VALUE})")
        private int concurrency;
        @Option(names = "--seconds", paramLabel = "N", description = "api and latency: how long each measures, 1-3600 (default: 15 and 60)")
        private Integer seconds;
        @Option(names = "--messages", paramLabel = "N", defaultValue = "100",
                description = "latency: at least this many feed messages, 1-1000000 (default: ${DEFAULT-VALUE})")
        private int messages;
        @Option(names = "--loans", paramLabel = "N", defaultValue = "300",
                description = "fairness: loans per pull mode, 1-100000 (default: ${DEFAULT-VALUE})")
        private int loans;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "fairness: the swaps' random seed (default: ${DEFAULT-VALUE})")
        private long seed;

        /** Checks every flag first, so a bad one fails before minutes of benchmarks, then runs them in order. */
        void run(CommandSpec spec) {
            BenchRuns.Scan scan = new BenchRuns.Scan(Flags.kernel(spec, kernel));
            BenchRuns.Snapshot snapshot = new BenchRuns.Snapshot(Flags.inRange(spec, "--runs", runs, 1, 1000));
            BenchRuns.Api api = new BenchRuns.Api(Flags.inRange(spec, "--concurrency", concurrency, 1, 10_000),
                    Flags.inRange(spec, "--seconds", seconds == null ? 15 : seconds, 1, 3600));
            BenchRuns.Fairness fairness = new BenchRuns.Fairness(Flags.inRange(spec, "--loans", loans, 1, 100_000), seed);
            BenchRuns.Latency latency = new BenchRuns.Latency(Flags.inRange(spec, "--seconds", seconds == null ? 60 : seconds, 1, 3600),
                    Flags.inRange(spec, "--messages", messages, 1, 1_000_000));
            scan.run();
            snapshot.run();
            new BenchRuns.Ledger().run();
            api.run();
            fairness.run();
            latency.run();
        }
    }
}
