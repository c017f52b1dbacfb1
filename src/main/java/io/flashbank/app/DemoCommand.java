package io.flashbank.app;

import io.flashbank.config.ConfigWriter;
import io.flashbank.config.EngineConfig;
import io.flashbank.config.HttpConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** {@code flashbank demo}: local anvil chains with a seeded market, the LPs' commitments, and the engine against them. */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "flashbank demo",
        description = {"Starts local anvil chains, deploys the demo market, has five LPs commit through the HTTP API and runs "
            + "the engine against it (state under .flashbank/demo/, cleared each time). Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port, 0-65535; 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int port;
    @Option(names = "--chains", paramLabel = "N", defaultValue = "2", description = "local chains, 1-4 (default: ${DEFAULT-VALUE})")
    private int chains;
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = HttpConfig.DEFAULT_HOST,
            description = "the address the HTTP server binds; 0.0.0.0 in a container (default: ${DEFAULT-VALUE})")
    private String host;
    @Option(names = "--kernel", paramLabel = "auto|gpu|cpu|jvm", defaultValue = "auto",
            description = "scan kernel: the best OpenCL device that agrees with the JVM kernel, or one kind (default: ${DEFAULT-VALUE})")
    private String kernel;
    @Spec
    private CommandSpec spec;

    int port() {
        return port;
    }

    int chains() {
        return chains;
    }

    String kernel() {
        return kernel;
    }

    String host() {
        return host;
    }

    @Override
    public Integer call() throws InterruptedException {
        Flags.inRange(spec, "--port", port, 0, 65535);
        Flags.inRange(spec, "--chains", chains, 1, 4);
        Flags.kernel(spec, kernel);
        Flags.host(spec, "--host", host);
        Path work = Path.of(".flashbank", "demo");
        // Each demo starts new chains, so the previous demo's chain state and ledger are meaningless: start clean.
        Main.deleteRecursively(work);
        Scheduler devnetScheduler = Schedulers.newBoundedElastic(4, 1000, "devnet", 60, true);
        System.out.println("Starting " + chains + " local anvil chains and deploying the demo market...");
        Devnet devnet = Devnet.start(work, chains, Artifacts.locate(), devnetScheduler, Duration.ofSeconds(1), true, false)
                .block(Duration.ofMinutes(3));
        Thread devnetStop = new Thread(devnet::close, "devnet-stop");
        Runtime.getRuntime().addShutdownHook(devnetStop);
        devnet.chains().forEach(c -> System.out.println("  chain " + c.chainId() + " at " + c.wsUrl() + ": FlashBank " + c.flashBank()
                + ", " + c.pairs().size() + " pairs on " + c.factories().size() + " Uniswap V2 factories"));
        Path file = work.resolve("config.yaml");
        EngineConfig config = devnet.writeConfig(file, port);
        if (!host.equals(config.http().host())) {
            config = ConfigWriter.writeAndLoad(file, config.withHttp(config.http().withHost(host)),
                    "Written by `flashbank demo --host " + host + "` for its local anvil chains.");
        }
        System.out.println("  configuration written to " + file + " (the same file `run --config` takes)");
        // The searcher is anvil's public test account 9, which owns the demo's ArbitrageExecutors.
        Engine engine = new Engine(config, Main.chooseKernel(kernel), DevnetAccounts.credentials(DevnetAccounts.SEARCHER)).startNow(host);
        System.out.println("  LPs commit through the HTTP API (prepare -> sign with their own key -> broadcast)...");
        try {
            List<String> hashes = new DemoLiquidity("http://" + Main.reachable(host) + ":" + engine.port()).commitAllNow(devnet.chains());
            System.out.println("  " + hashes.size() + " LP transactions broadcast and mined; FlashBank shows every commitment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Disposable noise = devnet.noise(System.nanoTime(), 2).subscribe();
        // A chain killed under the demo comes back from its state file (dumped every 2 s); the engine reconnects.
        Disposable supervisor = devnet.supervise(Duration.ofSeconds(1), Duration.ofSeconds(1)).subscribe(System.out::println);
        Main.printUrls(engine, host);
        // From here one hook stops everything in order: the chains last, once the engine and the traders let go.
        CountDownLatch stopped = Main.onShutdown(() -> {
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
        return 0;
    }
}
