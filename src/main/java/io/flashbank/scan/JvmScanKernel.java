package io.flashbank.scan;

/** The scan kernel as one tight single-threaded loop over the batch's arrays. */
final class JvmScanKernel implements ScanKernel {
    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public void scan(ScanBatch batch) {
        final int rows = batch.size();
        final int[] hops = batch.hopCount();
        final double[] reserveIn = batch.reserveIn();
        final double[] reserveOut = batch.reserveOut();
        final double[] gamma = batch.gamma();
        final double[] amountIn = batch.amountIn();
        final double[] profit = batch.profit();
        final double sqrtFee = Math.sqrt(1 + batch.flashFeeRate());
        final double inverseSqrtFee = 1 / sqrtFee;
        for (int row = 0; row < rows; row++) {
            int i = row * ScanBatch.MAX_HOPS;
            double in = reserveIn[i] / gamma[i];
            double out = reserveOut[i];
            int end = i + hops[row];
            for (int h = i + 1; h < end; h++) {
                double hopIn = reserveIn[h];
                double g = gamma[h];
                double scale = 1 / (hopIn + g * out);
                in = in * hopIn * scale;
                out = out * reserveOut[h] * g * scale;
            }
            double rootIn = Math.sqrt(in);
            double edge = Math.sqrt(out) - sqrtFee * rootIn;
            // Written so that empty reserves (in == 0), NaN and a route that does not pay all fail the same test.
            boolean pays = in > 0 && edge > 0;
            amountIn[row] = pays ? rootIn * edge * inverseSqrtFee : 0;
            profit[row] = pays ? edge * edge : 0;
        }
    }
}
