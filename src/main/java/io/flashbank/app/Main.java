package io.flashbank.app;

import io.flashbank.bench.BenchCommand;
import io.flashbank.config.ConfigException;
import io.flashbank.config.ConfigLoader;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.execute.SearcherKey;
import io.flashbank.scan.KernelChoice;
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
                    int code = new picocli.CommandLine(new BenchCommand()).execute(rest.toArray(String[]::new));
                    // web3j's shared executor keeps non-daemon threads alive for a minute after the last connection.
                    System.exit(code);
                }
                default -> {
                    System.out.println("usage: flashbank demo [--port N] [--chains N] [--kernel auto|gpu|cpu|jvm]\n"
                            + "       flashbank run --config FILE [--kernel auto|gpu|cpu|jvm]\n"
                            + "       flashbank bench [all|scan|snapshot|latency|ledger|api|fairness|soak|jmh] [flags] (flashbank bench --help)");
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
