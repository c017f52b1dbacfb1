package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line through picocli, as {@code ./flashbank} calls it: per-command help, flags read, and every usage
 * error named and answered with status 2 before anything starts.
 */
class CommandLineTest {
    /** What one invocation printed and returned. */
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int status = line.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    private static <T> T parsed(Class<T> command, String... args) {
        ParseResult result = Main.commandLine().parseArgs(args);
        ParseResult last = result;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return command.cast(last.commandSpec().userObject());
    }

    @Test
    void readsTheFlagsOfDemoAndRunAsSpelledInTheReadme() {
        DemoCommand demo = parsed(DemoCommand.class, "demo", "--port", "9090", "--chains", "3", "--kernel", "jvm");
        assertThat(demo.port()).isEqualTo(9090);
        assertThat(demo.chains()).isEqualTo(3);
        assertThat(demo.kernel()).isEqualTo("jvm");
        assertThat(demo.host()).isEqualTo("127.0.0.1");
        assertThat(parsed(DemoCommand.class, "demo", "--host", "0.0.0.0").host()).isEqualTo("0.0.0.0");
        DemoCommand defaults = parsed(DemoCommand.class, "demo");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.chains()).isEqualTo(2);
        assertThat(defaults.kernel()).isEqualTo("auto");
        RunCommand run = parsed(RunCommand.class, "run", "--config", "conf/engine.yaml", "--kernel", "cpu");
        assertThat(run.config()).isEqualTo("conf/engine.yaml");
        assertThat(run.kernel()).isEqualTo("cpu");
    }

    @Test
    void printsHelpForEveryCommandAndBenchmarkWithStatusZero() {
        for (String[] command : new String[][] {{}, {"--help"}, {"help", "demo"}, {"demo", "--help"}, {"run", "--help"},
            {"bench", "--help"}, {"bench", "all", "--help"}, {"bench", "scan", "--help"}, {"bench", "snapshot", "--help"},
            {"bench", "latency", "--help"}, {"bench", "ledger", "--help"}, {"bench", "api", "--help"},
            {"bench", "fairness", "--help"}, {"bench", "soak", "--help"}, {"bench", "jmh", "--help"}}) {
            Outcome o = execute(command);
            assertThat(o.status()).as("status of %s", String.join(" ", command)).isZero();
            assertThat(o.out()).as("help of %s", String.join(" ", command)).contains("Usage: flashbank");
            assertThat(o.err()).as("errors of %s", String.join(" ", command)).isEmpty();
        }
        assertThat(execute("demo", "--help").out()).contains("--port=N", "--chains=N", "--kernel=auto|gpu|cpu|jvm");
        assertThat(execute("bench", "soak", "--help").out()).contains("--seconds=N", "--clients=N", "--silent=N", "--sse=N");
        assertThat(execute().out()).contains("demo", "run", "bench");
    }

    @Test
    void refusesAnUnknownFlagNamingItWithStatusTwo() {
        Outcome o = execute("run", "--config", "f.yaml", "--prot", "9");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).startsWith("flashbank run: Unknown options: '--prot', '9'").contains("Try 'flashbank run --help'");
        Outcome bench = execute("bench", "scan", "--runs", "3");
        assertThat(bench.status()).isEqualTo(2);
        assertThat(bench.err()).startsWith("flashbank bench scan: Unknown options: '--runs', '3'");
        assertThat(execute("demo", "--prot", "9").err()).startsWith("flashbank demo: Unknown options: '--prot', '9'");
        assertThat(execute("bench", "snapshots").err()).contains("Unmatched argument at index 1: 'snapshots'").contains("snapshot");
        assertThat(execute("serve").status()).isEqualTo(2);
        assertThat(execute("bench", "--runs", "3", "snapshot").err())
                .startsWith("flashbank bench snapshot: --runs must come after the benchmark's name: flashbank bench snapshot --runs …");
    }

    @Test
    void refusesAFlagWithoutValueGivenTwiceOrAStrayWord() {
        assertThat(execute("run", "--config")).satisfies(o -> {
            assertThat(o.status()).isEqualTo(2);
            assertThat(o.err()).contains("Missing required parameter for option '--config' (FILE)");
        });
        assertThat(execute("run", "--config", "--kernel", "jvm").err()).contains("'--config'").contains("--kernel");
        assertThat(execute("run", "--config", "a.yaml", "--config", "b.yaml").err())
                .contains("option '--config' (FILE) should be specified only once");
        assertThat(execute("run", "--config", "a.yaml", "extra").err()).contains("Unmatched argument at index 3: 'extra'");
        assertThat(execute("run").err()).contains("Missing required option: '--config=FILE'");
        assertThat(execute("run", "--config", "a.yaml", "extra").status()).isEqualTo(2);
    }

    @Test
    void namesTheFlagOfABadOrOutOfRangeNumberBeforeStartingAnything() {
        Outcome notANumber = execute("demo", "--port", "x");
        assertThat(notANumber.status()).isEqualTo(2);
        assertThat(notANumber.err()).contains("Invalid value for option '--port': 'x' is not an int");
        assertThat(execute("demo", "--chains", "9").err()).startsWith("flashbank demo: --chains must be in [1, 4], got 9");
        assertThat(execute("demo", "--port", "70000").err()).startsWith("flashbank demo: --port must be in [0, 65535], got 70000");
        assertThat(execute("demo", "--kernel", "tpu").err()).startsWith("flashbank demo: --kernel must be one of auto, gpu, cpu, jvm, got 'tpu'");
        assertThat(execute("demo", "--host", "0.0.0.0:8080").err())
                .startsWith("flashbank demo: --host must be an IP address or a host name (no port, scheme or brackets), got '0.0.0.0:8080'");
        assertThat(execute("bench", "snapshot", "--runs", "0").err()).startsWith("flashbank bench snapshot: --runs must be in [1, 1000], got 0");
        assertThat(execute("bench", "soak", "--clients", "50", "--silent", "60").err())
                .startsWith("flashbank bench soak: --silent must be in [0, 50], got 60");
        assertThat(execute("bench", "--messages", "0").err()).startsWith("flashbank bench: --messages must be in [1, 1000000], got 0");
        assertThat(execute("bench", "all", "--seconds", "0").status()).isEqualTo(2);
        assertThat(execute("bench", "jmh", "-f", "x").err()).startsWith("flashbank bench jmh: JMH:");
    }

    @Test
    void aConfigurationThatCannotBeReadOrIsInvalidExitsTwoNamingTheProblem(@TempDir Path dir) throws java.io.IOException {
        Outcome missing = execute("run", "--config", dir.resolve("absent.yaml").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("flashbank: bad configuration: " + dir.resolve("absent.yaml") + ": cannot read");
        String a = "\"0x" + "a".repeat(40) + "\"";
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                http: { host: "0.0.0.0:8080" }
                chains:
                  - { name: one, chainId: 1, rpc: "ws://127.0.0.1:8545", factories: [ { address: %1$s, feeBps: 30 } ],
                      baseTokens: [%1$s], wrappedNative: %1$s, flashBank: %1$s, executor: %1$s, poolQuery: %1$s }
                """.formatted(a));
        Outcome invalid = execute("run", "--config", bad.toString());
        assertThat(invalid.status()).isEqualTo(2);
        assertThat(invalid.err()).startsWith("flashbank: bad configuration: http.host:");
    }

    @Test
    void takesARelativeConfigFromTheCallersDirectory() {
        String previous = System.getProperty("flashbank.callerDir");
        try {
            System.setProperty("flashbank.callerDir", "/home/lp/work");
            assertThat(Main.fromCallersDirectory("conf/engine.yaml")).isEqualTo(Path.of("/home/lp/work/conf/engine.yaml"));
            assertThat(Main.fromCallersDirectory("/etc/flashbank.yaml")).isEqualTo(Path.of("/etc/flashbank.yaml"));
            System.clearProperty("flashbank.callerDir");
            assertThat(Main.fromCallersDirectory("conf/engine.yaml")).isEqualTo(Path.of("conf/engine.yaml"));
        } finally {
            if (previous == null) {
                System.clearProperty("flashbank.callerDir");
            } else {
                System.setProperty("flashbank.callerDir", previous);
            }
        }
    }
}
