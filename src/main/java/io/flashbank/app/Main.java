package io.flashbank.app;

import io.flashbank.bench.BenchCommand;
import io.flashbank.config.ConfigException;
import io.flashbank.scan.KernelChoice;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point: {@code flashbank demo | run --config FILE | bench [WHICH]}, parsed by picocli. A usage error names
 * the flag and exits 2, as does a bad configuration; {@code --help} works on every command.
 */
@Command(name = "flashbank", mixinStandardHelpOptions = true, version = "flashbank 0.1.0",
        description = "Just-in-time flash liquidity and the multi-chain arbitrage engine that uses it.",
        subcommands = {DemoCommand.class, RunCommand.class, BenchCommand.class, HelpCommand.class})
public final class Main implements Runnable {
    /** The exit status of a usage error or a bad configuration. */
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    /** Without a command: the usage, status 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int status = commandLine().execute(args);
        // Also after a benchmark: web3j's shared executor keeps non-daemon threads alive for a minute after the last
        // connection. demo and run return here only once their shutdown hook has stopped everything.
        System.exit(status);
    }

    /** The whole command line with FlashBank's error handling: usage errors and bad configuration exit 2. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setParameterExceptionHandler(Main::usageError);
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof ConfigException) {
                failed.getErr().println("flashbank: bad configuration: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof IllegalArgumentException) {
                failed.getErr().println("flashbank: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        return line;
    }

    /** One line naming what was wrong, suggestions for a mistyped name, and where the help is; status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        java.io.PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the usage.");
        return USAGE;
    }

    /** The scan kernel from {@code --kernel} (already checked); the choice and its reason are printed. */
    static KernelChoice chooseKernel(String preference) {
        KernelChoice choice = KernelChoice.choose(preference);
        System.out.println("  scan kernel: " + choice.kernel().name() + " on " + choice.device() + " (" + choice.reason() + ")");
        return choice;
    }

    /** How a client on this machine reaches a server bound to {@code host}: a wildcard on loopback, IPv6 in brackets. */
    static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    /** The URLs of a started engine; {@code host} is the one it bound. */
    static void printUrls(Engine engine, String host) {
        String reach = reachable(host);
        String base = "http://" + reach + ":" + engine.port();
        System.out.println("FlashBank is running" + (reach.equals(host) ? ":" : " (listening on " + host + "):"));
        System.out.println("  dashboard      " + base + "/");
        System.out.println("  opportunities  ws://" + reach + ":" + engine.port() + "/ws/opportunities");
        System.out.println("  JSON           " + base + "/api/v1/opportunities?limit=10");
        System.out.println("  monitor (SSE)  " + base + "/events");
        System.out.println("  health         " + base + "/health");
        System.out.println("Ctrl-C stops everything.");
    }

    /** Runs {@code stop} when the process is asked to end; the latch opens once it has run. */
    static CountDownLatch onShutdown(Runnable stop) {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            done.countDown();
        }, "engine-stop"));
        return done;
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
