package io.flashbank.scan;

/**
 * Evaluates every candidate of a {@link ScanBatch}: folds its hops into one virtual pool, finds the input that maximises
 * profit net of the flash fee, and writes that input and profit back into the batch (both 0 when nothing pays).
 *
 * <p>The math, per candidate with hops {@code (R_in, R_out, γ)}: start {@code E_in = R_in/γ, E_out = R_out} from the
 * first hop; for each further hop {@code s = 1/(R_in + γ·E_out)}, {@code E_in ← E_in·R_in·s},
 * {@code E_out ← E_out·R_out·γ·s}; then {@code d = √E_out − √((1+f)·E_in)}; when {@code E_in > 0} and {@code d > 0}
 * the optimal input is {@code √E_in·d/√(1+f)} and its profit {@code d²} (see {@link io.flashbank.market.VirtualPool}).
 */
public interface ScanKernel {
    /** A short name for reports and benchmarks, e.g. {@code "jvm"} or {@code "opencl"}. */
    String name();

    /**
     * Evaluates rows {@code 0 .. batch.size() - 1}, writing {@link ScanBatch#amountIn()} and {@link ScanBatch#profit()}.
     *
     * <p>Blocking and CPU-bound: call it only on the dedicated scan scheduler, one call at a time per kernel. Reads
     * nothing outside the batch and signals no error for bad numbers (an empty or non-finite route yields 0).
     */
    void scan(ScanBatch batch);

    /**
     * The device times of the last {@link #scan} where the kernel measures them (OpenCL's event profiling), else
     * empty. Call it on the thread that scans, after the scan.
     */
    default java.util.Optional<LaunchTimes> launchTimes() {
        return java.util.Optional.empty();
    }

    /** The single-threaded JVM kernel. */
    static ScanKernel jvm() {
        return new JvmScanKernel();
    }
}
