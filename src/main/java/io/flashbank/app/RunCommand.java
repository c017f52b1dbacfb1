package io.flashbank.app;

import io.flashbank.config.ConfigLoader;
import io.flashbank.config.EngineConfig;
import io.flashbank.execute.SearcherKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.web3j.crypto.Credentials;

/** {@code flashbank run --config FILE}: the engine against the chains and database a configuration file names. */
@Command(name = "run", mixinStandardHelpOptions = true, version = "flashbank run",
        description = {"Runs the engine against the chains and database named in a YAML configuration (README: "
            + "configuration). Executes only with " + SearcherKey.DEFAULT_VARIABLE + " set. Ctrl-C stops it."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "the configuration; a relative path is taken from the directory ./flashbank was called from")
    private String config;
    @Option(names = "--kernel", paramLabel = "auto|gpu|cpu|jvm", defaultValue = "auto",
            description = "scan kernel: the best OpenCL device that agrees with the JVM kernel, or one kind (default: ${DEFAULT-VALUE})")
    private String kernel;
    @Spec
    private CommandSpec spec;

    String config() {
        return config;
    }

    String kernel() {
        return kernel;
    }

    @Override
    public Integer call() throws InterruptedException {
        Flags.kernel(spec, kernel);
        EngineConfig loaded = ConfigLoader.load(Main.fromCallersDirectory(config));
        Credentials searcher = null;
        if (loaded.execution().enabled()) {
            if (System.getenv(SearcherKey.DEFAULT_VARIABLE) == null) {
                System.out.println("Execution is off: set " + SearcherKey.DEFAULT_VARIABLE + " to the executor owner's key to turn it on.");
            } else {
                searcher = SearcherKey.fromEnvironment(SearcherKey.DEFAULT_VARIABLE);
            }
        }
        String host = loaded.http().host();
        Engine engine = new Engine(loaded, Main.chooseKernel(kernel), searcher).startNow(host);
        Main.printUrls(engine, host);
        Main.onShutdown(engine::close).await();
        return 0;
    }
}
