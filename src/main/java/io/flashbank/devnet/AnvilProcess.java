package io.flashbank.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One local anvil node, started from the pinned npm package and stopped with its process tree. */
public final class AnvilProcess implements AutoCloseable {
    private final long chainId;
    private final int port;
    private final Path stateFile;
    private final Path anvil;
    private final Path logFile;
    private final long blockGasLimit;
    private volatile java.time.Duration stateInterval;
    private Process process;

    /**
     * @param anvil the anvil binary (the native binary, {@link Artifacts#foundryTool})
     * @param stateFile where anvil dumps its state on exit and loads it on start (null: none), so a restart resumes
     */
    public AnvilProcess(Path anvil, long chainId, int port, Path stateFile, Path logFile) {
        this(anvil, chainId, port, stateFile, logFile, 0);
    }

    /**
     * As {@link #AnvilProcess(Path, long, int, Path, Path)}, with a block gas limit of {@code blockGasLimit} (0 keeps
     * anvil's default of 30M): benchmarks build thousands of pairs in a few transactions of hundreds of millions of gas.
     */
    public AnvilProcess(Path anvil, long chainId, int port, Path stateFile, Path logFile, long blockGasLimit) {
        if (blockGasLimit < 0) {
            throw new IllegalArgumentException("blockGasLimit must not be negative, got " + blockGasLimit);
        }
        this.anvil = anvil;
        this.chainId = chainId;
        this.port = port;
        this.stateFile = stateFile;
        this.logFile = logFile;
        this.blockGasLimit = blockGasLimit;
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the node and waits until it accepts connections.
     *
     * @param blockTime one block per this interval; null for automine (every transaction mines a block at once)
     */
    public synchronized AnvilProcess startNow(java.time.Duration blockTime) {
        List<String> command = new ArrayList<>(List.of(anvil.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--chain-id", String.valueOf(chainId), "--accounts", "10", "--silent"));
        if (blockTime != null) {
            command.addAll(List.of("--block-time", String.valueOf(blockTime.toSeconds())));
        }
        if (blockGasLimit > 0) {
            command.addAll(List.of("--gas-limit", String.valueOf(blockGasLimit)));
        }
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString()));
            if (stateInterval != null) {
                command.addAll(List.of("--state-interval", String.valueOf(Math.max(1, stateInterval.toSeconds()))));
            }
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + anvil + " (run `npm install` in contracts/)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                sleepBriefly();
            }
        }
        throw new IllegalStateException("anvil did not open port " + port + " within 30 s");
    }

    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    public long chainId() {
        return chainId;
    }

    public int port() {
        return port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    /**
     * Dump the state file every {@code interval} as well as on exit, so a node that is killed (SIGKILL dumps nothing)
     * restarts from at most {@code interval} before; takes effect at the next start.
     */
    public AnvilProcess dumpStateEvery(java.time.Duration interval) {
        this.stateInterval = interval;
        return this;
    }

    /**
     * Starts the node again from its state file if its process has exited (killed, crashed); blocking. True when
     * it restarted it; false while it is running or when it was never started or was stopped on purpose.
     */
    public synchronized boolean restartIfDead(java.time.Duration blockTime) {
        if (process == null || process.isAlive()) {
            return false;
        }
        process = null;
        startNow(blockTime);
        return true;
    }

    /** The node's process id, for fault tests and the demo's supervisor; fails when it is not running. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("anvil on port " + port + " is not running");
        }
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the node (SIGTERM, so it dumps its state file) and waits for it to exit. */
    public synchronized void stopNow() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stopNow();
    }
}
