package io.flashbank.bench.kernel;

import io.flashbank.scan.PricingSettings;
import io.flashbank.scan.ScanBatch;
import io.flashbank.scan.ScanKernel;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Measures a scan kernel's throughput on random but realistic candidates (an even mix of 2- and 3-hop cycles over
 * pools of 1e18 to 1e25 units of liquidity, mispriced by a few tenths of a percent), after a warm-up.
 */
public final class KernelBenchmark {
    /** Each timed repetition scans at least this many candidates, so small batches are not timed one call at a time. */
    private static final long CANDIDATES_PER_REPETITION = 4_000_000;
    private static final long WARM_UP_CANDIDATES = 40_000_000;

    private KernelBenchmark() {
    }

    /**
     * The figures of one measurement.
     *
     * @param kernel the kernel's name
     * @param candidates rows per batch
     * @param repetitions timed repetitions (each scans the batch one or more times)
     * @param medianNanosPerScan median time of one scan of the batch
     * @param candidatesPerSecond median throughput
     * @param profitable rows with a positive profit in the last scan (shows the kernel did work)
     */
    public record Result(String kernel, int candidates, int repetitions, long medianNanosPerScan,
                         double candidatesPerSecond, int profitable) {
    }

    /** Measures the JVM kernel on {@code candidates} rows with 7 repetitions. */
    public static Result measureJvm(int candidates) {
        return measure(ScanKernel.jvm(), candidates, 7, 42);
    }

    /**
     * Warms {@code kernel} up, then times {@code repetitions} repetitions of scanning a random batch of
     * {@code candidates} rows built from {@code seed}, and reports the median. Blocks for about a second per million
     * candidates; run it on a thread that may block.
     */
    public static Result measure(ScanKernel kernel, int candidates, int repetitions, long seed) {
        Objects.requireNonNull(kernel, "kernel");
        if (candidates <= 0 || repetitions <= 0) {
            throw new IllegalArgumentException("candidates and repetitions must be positive");
        }
        ScanBatch batch = randomBatch(candidates, seed);
        long scansPerRepetition = Math.max(1, CANDIDATES_PER_REPETITION / candidates);
        for (long scanned = 0; scanned < WARM_UP_CANDIDATES; scanned += candidates) {
            kernel.scan(batch);
        }
        long[] nanosPerScan = new long[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            for (long s = 0; s < scansPerRepetition; s++) {
                kernel.scan(batch);
            }
            nanosPerScan[r] = (System.nanoTime() - start) / scansPerRepetition;
        }
        Arrays.sort(nanosPerScan);
        long median = Math.max(1, nanosPerScan[repetitions / 2]);
        int profitable = 0;
        for (int row = 0; row < batch.size(); row++) {
            if (batch.profit()[row] > 0) {
                profitable++;
            }
        }
        return new Result(kernel.name(), candidates, repetitions, median, candidates * 1e9 / median, profitable);
    }

    /** A full batch of {@code candidates} random cycles: tokens priced at random, each pool off its price a little. */
    public static ScanBatch randomBatch(int candidates, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ScanBatch batch = new ScanBatch(candidates, PricingSettings.DEFAULT_FLASH_FEE_BPS / 10_000.0);
        double[] price = new double[ScanBatch.MAX_HOPS];
        for (int c = 0; c < candidates; c++) {
            int hops = random.nextBoolean() ? 2 : 3;
            price[0] = 1;
            for (int t = 1; t < hops; t++) {
                price[t] = Math.pow(10, random.nextDouble(-3, 3));
            }
            int row = batch.add(c, hops);
            for (int h = 0; h < hops; h++) {
                double liquidity = Math.pow(10, random.nextDouble(18, 25));
                double priceIn = price[h];
                double priceOut = price[(h + 1) % hops];
                double mispricing = 1 + random.nextDouble(-0.006, 0.006);
                double gamma = random.nextInt(4) == 0 ? 0.9975 : 0.997;
                batch.setHop(row, h, liquidity / priceIn, liquidity / priceOut * mispricing, gamma);
            }
        }
        return batch;
    }
}
