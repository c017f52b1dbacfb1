package io.flashbank.bench.kernel;

import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.LaunchTimes;
import io.flashbank.scan.ScanBatch;
import io.flashbank.scan.ScanKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures the JVM kernel and a chosen kernel side by side on the same random batches, and for an OpenCL kernel
 * splits each scan into device transfers, device compute and host overhead.
 */
public final class OpenClBenchmark {
    /** The batch sizes {@code ./flashbank bench scan} reports: one million and ten million candidates. */
    public static final List<Integer> STANDARD_SIZES = List.of(1_000_000, 10_000_000);
    /** Timed scans per kernel and size. */
    public static final int STANDARD_REPETITIONS = 7;
    /** Warm-up scans cover at least this many candidates (and at least two scans), so the JIT has compiled the loop. */
    private static final long WARM_UP_CANDIDATES = 20_000_000;
    private static final long SEED = 42;

    private OpenClBenchmark() {
    }

    /**
     * The figures of one kernel on one batch size; medians over the repetitions.
     *
     * @param kernel the kernel's name
     * @param device where it ran
     * @param candidates rows per batch
     * @param repetitions timed scans
     * @param medianNanosPerScan median time of one scan as the caller of {@link ScanKernel#scan} sees it
     * @param candidatesPerSecond {@code candidates} over that median
     * @param medianTransferNanos median device time writing inputs and reading outputs (0 for the JVM, and where the
     *     OpenCL device shares host memory; -1 when the device did not report it)
     * @param medianComputeNanos median device time of the kernel itself (the whole scan for the JVM)
     * @param profitable rows with a positive profit in the last scan (the same for every kernel on a batch)
     */
    public record Result(String kernel, String device, int candidates, int repetitions, long medianNanosPerScan,
                         double candidatesPerSecond, long medianTransferNanos, long medianComputeNanos,
                         int profitable) {
        /**
         * One line for a report, e.g. {@code "opencl 10,000,000 candidates 301.2 M candidates/s 33.20 ms per scan
         * (transfer 0.0 ms + compute 32.9 ms + host 0.3 ms; 1,003,366 profitable)"}.
         */
        public String line() {
            String split;
            if (!"opencl".equals(kernel)) {
                split = "one thread";
            } else if (medianTransferNanos < 0) {
                split = "the device did not report transfer and compute times";
            } else {
                split = String.format("transfer %.1f ms + compute %.1f ms + host %.1f ms", medianTransferNanos / 1e6,
                        medianComputeNanos / 1e6,
                        Math.max(0, medianNanosPerScan - medianTransferNanos - medianComputeNanos) / 1e6);
            }
            return String.format("%-6s %,11d candidates %7.1f M candidates/s %8.2f ms per scan (%s; %,d profitable)",
                    kernel, candidates, candidatesPerSecond / 1e6, medianNanosPerScan / 1e6, split, profitable);
        }
    }

    /**
     * Scans a random batch of each size in {@code sizes} (the mix of {@link KernelBenchmark#randomBatch}) with the
     * JVM kernel and then with {@code choice}'s kernel, unless that is the JVM kernel too, and reports both.
     *
     * <p>Blocking and CPU-bound, for seconds per million candidates (building the batch takes longest); run it on the
     * thread that {@code choice}'s kernel is confined to. A batch of n candidates holds about 100·n bytes.
     */
    public static List<Result> compare(KernelChoice choice, List<Integer> sizes, int repetitions) {
        Objects.requireNonNull(choice, "choice");
        if (sizes.isEmpty() || repetitions <= 0) {
            throw new IllegalArgumentException("need at least one size and one repetition");
        }
        List<Result> results = new ArrayList<>();
        for (int candidates : sizes) {
            ScanBatch batch = KernelBenchmark.randomBatch(candidates, SEED);
            results.add(measure(ScanKernel.jvm(), "JVM, one thread", batch, repetitions));
            if (choice.openCl()) {
                results.add(measure(choice.kernel(), choice.device(), batch, repetitions));
            }
        }
        return results;
    }

    /** Warms {@code kernel} up on {@code batch}, then times {@code repetitions} scans of it and reports the medians. */
    public static Result measure(ScanKernel kernel, String device, ScanBatch batch, int repetitions) {
        long warmUpScans = Math.max(2, WARM_UP_CANDIDATES / Math.max(1, batch.size()));
        for (long s = 0; s < warmUpScans; s++) {
            kernel.scan(batch);
        }
        long[] wall = new long[repetitions];
        long[] transfer = new long[repetitions];
        long[] compute = new long[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            kernel.scan(batch);
            wall[r] = Math.max(1, System.nanoTime() - start);
            java.util.Optional<LaunchTimes> times = kernel.launchTimes();
            transfer[r] = times.map(LaunchTimes::transferNanos).orElse(0L);
            compute[r] = times.map(LaunchTimes::computeNanos).orElse(wall[r]);
        }
        int profitable = 0;
        for (int row = 0; row < batch.size(); row++) {
            if (batch.profit()[row] > 0) {
                profitable++;
            }
        }
        long median = median(wall);
        return new Result(kernel.name(), device, batch.size(), repetitions, median, batch.size() * 1e9 / median,
                median(transfer), median(compute), profitable);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
