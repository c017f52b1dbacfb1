package io.flashbank.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OpenCL kernel against the JVM kernel. Without an OpenCL device these tests skip, unless
 * {@value #REQUIRE_OPENCL}=1 (as in CI), where they fail.
 */
public class OpenClScanKernelTest {
    static final String REQUIRE_OPENCL = "FLASHBANK_REQUIRE_OPENCL";
    private static final double[] FEE_TIERS_BPS = {0, 1, 5, 25, 30, 100};
    private static KernelChoice shared;

    /** The OpenCL kernel of the best device, shared by the tests of this JVM; skips or fails when there is none. */
    public static synchronized KernelChoice openClOrSkip() {
        if (shared == null) {
            shared = KernelChoice.choose("auto");
        }
        if (!shared.openCl()) {
            String message = "no OpenCL device runs the scan kernel: " + shared.reason();
            if ("1".equals(System.getenv(REQUIRE_OPENCL))) {
                fail(message + " (" + REQUIRE_OPENCL + "=1 makes that a failure)");
            }
            Assumptions.abort(message);
        }
        return shared;
    }

    private static OpenClScanKernel kernel() {
        return (OpenClScanKernel) openClOrSkip().kernel();
    }

    @Test
    void runsTheKernelSourceKeptInTheRepository() throws IOException {
        String reviewed = Files.readString(Path.of("opencl", "scan.cl"), StandardCharsets.UTF_8);

        assertThat(OpenClScanKernel.source()).isEqualTo(reviewed);
    }

    @ParameterizedTest(name = "seed {0}: {1} rows, flash fee {2} bps")
    @CsvSource({"1, 1, 2", "2, 255, 0", "3, 257, 9", "4, 100003, 2", "5, 250000, 30"})
    void agreesWithTheJvmKernelOnRandomSnapshots(long seed, int rows, int flashFeeBps) {
        ScanBatch onDevice = randomSnapshot(new SplittableRandom(seed), rows, flashFeeBps / 10_000.0);
        ScanBatch onJvm = copyOf(onDevice);

        kernel().scan(onDevice);
        ScanKernel.jvm().scan(onJvm);

        assertAgree(onDevice, onJvm);
        if (rows > 1_000) {
            int profitable = profitable(onJvm);
            assertThat(profitable).as("profitable rows").isBetween(rows / 10, rows - rows / 10);
        }
    }

    @Test
    void agreesOnEmptyNonFiniteAndSingleHopRows() {
        ScanBatch onDevice = new ScanBatch(8, 0.0002);
        twoHops(onDevice, 0, 1e21, 1e21, 1e21, 0.997);
        twoHops(onDevice, 1e21, 2e21, 0, 1e21, 0.997);
        twoHops(onDevice, Double.NaN, 1e21, 1e21, 1.1e21, 0.997);
        twoHops(onDevice, Double.POSITIVE_INFINITY, 1e21, 1e21, 1.1e21, 0.997);
        twoHops(onDevice, 1e21, 1.1e21, 1e21, 1e21, 0);
        twoHops(onDevice, 1e3, 1.2e3, 1e3, 1e3, 0.997);
        twoHops(onDevice, 1e30, 1.03e30, 1e30, 1e30, 1.0);
        int single = onDevice.add(7, 1);
        onDevice.setHop(single, 0, 1e21, 1.1e21, 0.997);
        ScanBatch onJvm = copyOf(onDevice);

        kernel().scan(onDevice);
        ScanKernel.jvm().scan(onJvm);

        assertAgree(onDevice, onJvm);
        assertThat(onDevice.profit()).startsWith(0, 0, 0, 0, 0);
        assertThat(onDevice.profit()[5]).isPositive().isFinite();
        assertThat(onDevice.profit()[6]).isPositive().isFinite();
    }

    @Test
    void keepsAgreeingAcrossWindowsAsReservesChangeAndTheBatchGrows() {
        SplittableRandom random = new SplittableRandom(11);
        OpenClScanKernel kernel = kernel();
        ScanBatch batch = randomSnapshot(random, 5_000, 0.0002);
        double[] reserveIn = batch.reserveIn();

        for (int window = 0; window < 4; window++) {
            ScanBatch expected = copyOf(batch);
            kernel.scan(batch);
            ScanKernel.jvm().scan(expected);
            assertAgree(batch, expected);
            // The next window: some pools moved, and the collector may have moved the arrays.
            for (int i = 0; i < 500; i++) {
                int row = random.nextInt(batch.size());
                batch.reserveOut()[row * ScanBatch.MAX_HOPS] *= 1 + random.nextDouble(-0.02, 0.02);
            }
            System.gc();
        }
        assertThat(batch.reserveIn()).as("the batch keeps its arrays across windows").isSameAs(reserveIn);

        batch.ensureCapacity(20_000);
        ScanBatch more = randomSnapshot(random, 15_000, 0.0002);
        for (int row = 0; row < more.size(); row++) {
            int added = batch.add(batch.size(), more.hopCount()[row]);
            for (int h = 0; h < more.hopCount()[row]; h++) {
                int i = row * ScanBatch.MAX_HOPS + h;
                batch.setHop(added, h, more.reserveIn()[i], more.reserveOut()[i], more.gamma()[i]);
            }
        }
        ScanBatch expected = copyOf(batch);
        kernel.scan(batch);
        ScanKernel.jvm().scan(expected);

        assertThat(batch.reserveIn()).as("growing replaced the arrays").isNotSameAs(reserveIn);
        assertAgree(batch, expected);
    }

    @Test
    void reportsDeviceTimesOfTheLastLaunch() {
        OpenClScanKernel kernel = kernel();
        ScanBatch batch = randomSnapshot(new SplittableRandom(12), 100_000, 0.0002);

        kernel.scan(batch);

        LaunchTimes times = kernel.lastLaunch();
        assertThat(times.computeNanos()).isPositive();
        assertThat(times.transferNanos()).isNotNegative();
        assertThat(times.wallNanos()).isGreaterThanOrEqualTo(times.computeNanos());
    }

    @Test
    void scansAnEmptyBatchWithoutALaunch() {
        OpenClScanKernel kernel = kernel();
        ScanBatch empty = new ScanBatch(16, 0.0002);
        LaunchTimes before = kernel.lastLaunch();

        kernel.scan(empty);

        assertThat(kernel.lastLaunch()).isSameAs(before);
    }

    @Test
    void refusesToScanOnceClosed() {
        openClOrSkip();
        KernelChoice own = KernelChoice.choose("auto");
        ScanBatch batch = randomSnapshot(new SplittableRandom(13), 10, 0.0002);

        own.close();
        own.close();

        assertThatThrownBy(() -> own.kernel().scan(batch)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * Cycles whose hops hold 1e3 to 1e30 units, on fee tiers from 0 to 100 bps, priced consistently around the cycle
     * and then each pool off by up to 3 %, so that about half of them pay.
     */
    static ScanBatch randomSnapshot(SplittableRandom random, int rows, double flashFeeRate) {
        ScanBatch batch = new ScanBatch(rows, flashFeeRate);
        double[] rate = new double[ScanBatch.MAX_HOPS];
        for (int c = 0; c < rows; c++) {
            int hops = random.nextBoolean() ? 2 : 3;
            double product = 1;
            for (int h = 0; h < hops - 1; h++) {
                rate[h] = Math.pow(10, random.nextDouble(-4, 4));
                product *= rate[h];
            }
            rate[hops - 1] = 1 / product;
            int row = batch.add(c, hops);
            for (int h = 0; h < hops; h++) {
                double reserveIn = Math.pow(10, random.nextDouble(3, 30));
                double reserveOut = reserveIn * rate[h] * (1 + random.nextDouble(-0.03, 0.03));
                double gamma = (10_000 - FEE_TIERS_BPS[random.nextInt(FEE_TIERS_BPS.length)]) / 10_000;
                batch.setHop(row, h, reserveIn, reserveOut, gamma);
            }
        }
        return batch;
    }

    static ScanBatch copyOf(ScanBatch batch) {
        ScanBatch copy = new ScanBatch(batch.capacity(), batch.flashFeeRate());
        for (int row = 0; row < batch.size(); row++) {
            int hops = batch.hopCount()[row];
            copy.add(batch.candidate()[row], hops);
            for (int h = 0; h < hops; h++) {
                int i = row * ScanBatch.MAX_HOPS + h;
                copy.setHop(row, h, batch.reserveIn()[i], batch.reserveOut()[i], batch.gamma()[i]);
            }
        }
        return copy;
    }

    static int profitable(ScanBatch batch) {
        int profitable = 0;
        for (int row = 0; row < batch.size(); row++) {
            if (batch.profit()[row] > 0) {
                profitable++;
            }
        }
        return profitable;
    }

    /** The same rows pay in both batches, with amounts and profits within 1e-9 of each other, relatively. */
    static void assertAgree(ScanBatch actual, ScanBatch expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        List<String> differences = new ArrayList<>();
        for (int row = 0; row < expected.size() && differences.size() < 10; row++) {
            double profit = actual.profit()[row];
            double amountIn = actual.amountIn()[row];
            double wantedProfit = expected.profit()[row];
            double wantedAmountIn = expected.amountIn()[row];
            boolean samePaying = (profit > 0) == (wantedProfit > 0) && (amountIn > 0) == (wantedAmountIn > 0);
            if (!samePaying || !relativelyClose(profit, wantedProfit) || !relativelyClose(amountIn, wantedAmountIn)) {
                differences.add("row " + row + ": profit " + profit + " for " + amountIn + ", JVM " + wantedProfit
                        + " for " + wantedAmountIn);
            }
        }
        assertThat(differences).as("rows where the OpenCL and JVM kernels differ").isEmpty();
    }

    private static boolean relativelyClose(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    private static void twoHops(ScanBatch batch, double aIn, double aOut, double bIn, double bOut, double gamma) {
        int row = batch.add(batch.size(), 2);
        batch.setHop(row, 0, aIn, aOut, gamma);
        batch.setHop(row, 1, bIn, bOut, gamma);
    }
}
