package io.flashbank.scan;

import java.util.Optional;

/**
 * The start-up check a device passes before it scans: a fixed batch of awkward candidates (2 and 3 hops, reserves from
 * 1e3 to 1e30, fee tiers, empty and non-finite reserves, 300 rows so the launch spans work-groups) answered as the JVM
 * kernel answers it.
 */
final class OpenClAgreement {
    /** The largest relative difference in an amount that still counts as the same answer. */
    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int ROWS = 300;
    private static final double FLASH_FEE_RATE = 0.0002;

    private OpenClAgreement() {
    }

    /** Why {@code kernel} does not answer the check batch as the JVM kernel does, or empty when it does. */
    static Optional<String> disagreement(ScanKernel kernel) {
        ScanBatch expected = checkBatch();
        ScanBatch actual = checkBatch();
        ScanKernel.jvm().scan(expected);
        try {
            kernel.scan(actual);
        } catch (RuntimeException e) {
            return Optional.of("the check batch failed: " + e.getMessage());
        }
        for (int row = 0; row < ROWS; row++) {
            double wantedProfit = expected.profit()[row];
            double gotProfit = actual.profit()[row];
            if ((wantedProfit > 0) != (gotProfit > 0)
                    || !close(wantedProfit, gotProfit)
                    || !close(expected.amountIn()[row], actual.amountIn()[row])) {
                return Optional.of("check row " + row + " gives profit " + gotProfit + " for input "
                        + actual.amountIn()[row] + " where the JVM kernel gives " + wantedProfit + " for "
                        + expected.amountIn()[row]);
            }
        }
        return Optional.empty();
    }

    /** Whether two amounts agree within {@link #RELATIVE_TOLERANCE} of the larger. */
    static boolean close(double a, double b) {
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static ScanBatch checkBatch() {
        ScanBatch batch = new ScanBatch(ROWS, FLASH_FEE_RATE);
        double[] gammas = {0.997, 0.9975, 0.999, 0.99};
        for (int r = 0; r < ROWS; r++) {
            int hops = 2 + r % 2;
            int row = batch.add(r, hops);
            // Scales 1e3 .. 1e30 and mispricings from -3 % to +3 %, fixed so that every run checks the same rows.
            double scale = Math.pow(10, 3 + (r * 7) % 28);
            double mispricing = 1 + ((r * 13) % 61 - 30) / 1000.0;
            for (int h = 0; h < hops; h++) {
                double tilt = h == 0 ? mispricing : 1 + h * 1e-4;
                batch.setHop(row, h, scale * (1 + h), scale * (1 + h) * tilt, gammas[(r + h) % gammas.length]);
            }
        }
        batch.setHop(0, 0, 0, 1e21, 0.997);
        batch.setHop(1, 1, Double.NaN, 1e21, 0.997);
        batch.setHop(2, 0, Double.POSITIVE_INFINITY, 1e21, 0.997);
        batch.setHop(3, 1, 1e21, 0, 0.997);
        return batch;
    }
}
