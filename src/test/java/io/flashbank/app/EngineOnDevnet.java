package io.flashbank.app;

import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.ScanKernel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.web3j.crypto.Credentials;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Integration-test fixture: local anvil chains with a seeded market and the real engine (ledger included) on them. */
public final class EngineOnDevnet implements AutoCloseable {
    private final Scheduler scheduler;
    private final Devnet devnet;
    private final Engine engine;
    private final EngineConfig config;

    private EngineOnDevnet(Scheduler scheduler, Devnet devnet, Engine engine, EngineConfig config) {
        this.scheduler = scheduler;
        this.devnet = devnet;
        this.engine = engine;
        this.config = config;
    }

    /**
     * Starts {@code chains} anvil chains (1 s blocks) and the engine on a free port, with the JVM scan kernel.
     *
     * @param mispriced whether the two factories' pools start priced apart
     * @param commitLps whether the five LPs commit at deployment (else they only hold WETH)
     * @param searcher the executors' owner key, or null for an engine that executes nothing
     */
    public static EngineOnDevnet startNow(String name, int chains, boolean mispriced, boolean commitLps, Credentials searcher) {
        return startNow(name, chains, mispriced, commitLps, searcher, devnet -> { });
    }

    /** As {@link #startNow(String, int, boolean, boolean, Credentials)}, running {@code beforeEngine} between the two. */
    public static EngineOnDevnet startNow(String name, int chains, boolean mispriced, boolean commitLps, Credentials searcher,
                                          Consumer<Devnet> beforeEngine) {
        return startNow(name, chains, mispriced, commitLps, searcher, beforeEngine, config -> config);
    }

    /** As above, the engine running with {@code configure} applied to the devnet's configuration. */
    public static EngineOnDevnet startNow(String name, int chains, boolean mispriced, boolean commitLps, Credentials searcher,
                                          Consumer<Devnet> beforeEngine, UnaryOperator<EngineConfig> configure) {
        Scheduler scheduler = Schedulers.newBoundedElastic(8, 1000, "it-" + name);
        Devnet devnet = null;
        try {
            Path work = Files.createTempDirectory("flashbank-" + name);
            devnet = Devnet.start(work, chains, Artifacts.locate(), scheduler, Duration.ofSeconds(1), mispriced, commitLps)
                    .block(Duration.ofMinutes(2));
            beforeEngine.accept(devnet);
            EngineConfig config = configure.apply(devnet.writeConfig(work.resolve("config.yaml"), 0));
            KernelChoice jvm = new KernelChoice(ScanKernel.jvm(), "JVM", "integration tests use the JVM kernel");
            Engine engine = new Engine(config, jvm, searcher).startNow("127.0.0.1");
            return new EngineOnDevnet(scheduler, devnet, engine, config);
        } catch (IOException e) {
            scheduler.dispose();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (devnet != null) {
                devnet.close();
            }
            scheduler.dispose();
            throw e;
        }
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The configuration the engine runs with (its embedded ledger's directory among it). */
    public EngineConfig config() {
        return config;
    }

    public Devnet devnet() {
        return devnet;
    }

    public Engine engine() {
        return engine;
    }

    public DeployedChain chain(int index) {
        return devnet.chains().get(index);
    }

    /** {@code http://127.0.0.1:PORT} of the engine's API. */
    public String baseUrl() {
        return "http://127.0.0.1:" + engine.port();
    }

    @Override
    public void close() {
        engine.close();
        devnet.close();
        scheduler.dispose();
    }
}
