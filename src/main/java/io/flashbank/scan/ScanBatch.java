package io.flashbank.scan;

import io.flashbank.market.Candidate;
import java.util.Arrays;

/**
 * The input and output of one kernel call as flat primitive arrays (struct of arrays), sized once and grown only when
 * the market grows, so a window reuses them. A device kernel consumes the same arrays.
 *
 * <p>Row {@code r} describes one candidate: {@code hopCount[r]} hops (2 or 3, at most {@link #MAX_HOPS}), hop
 * {@code h} at index {@code r * MAX_HOPS + h} of {@code reserveIn}, {@code reserveOut} and {@code gamma}; the kernel
 * writes {@code amountIn[r]} and {@code profit[r]} in the base token's smallest unit. {@code candidate[r]} is the
 * market's index of the candidate (the kernel ignores it). Not thread-safe: owned by the scan scheduler.
 */
public final class ScanBatch {
    /** The fixed hop stride. */
    public static final int MAX_HOPS = Candidate.MAX_HOPS;

    private final double flashFeeRate;
    private int size;
    private int[] candidate;
    private int[] hopCount;
    private double[] reserveIn;
    private double[] reserveOut;
    private double[] gamma;
    private double[] amountIn;
    private double[] profit;

    /** An empty batch for {@code capacity} rows whose flash loans cost {@code flashFeeRate} (0.0002 for 2 bps). */
    public ScanBatch(int capacity, double flashFeeRate) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        if (!(flashFeeRate >= 0 && flashFeeRate < 1)) {
            throw new IllegalArgumentException("flashFeeRate must be in [0, 1), got " + flashFeeRate);
        }
        this.flashFeeRate = flashFeeRate;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        candidate = new int[capacity];
        hopCount = new int[capacity];
        reserveIn = new double[capacity * MAX_HOPS];
        reserveOut = new double[capacity * MAX_HOPS];
        gamma = new double[capacity * MAX_HOPS];
        amountIn = new double[capacity];
        profit = new double[capacity];
    }

    /** Grows the arrays to hold at least {@code rows} rows (by at least half again), keeping the rows filled so far. */
    public void ensureCapacity(int rows) {
        if (rows > capacity()) {
            int grown = Math.max(rows, capacity() + capacity() / 2);
            candidate = Arrays.copyOf(candidate, grown);
            hopCount = Arrays.copyOf(hopCount, grown);
            reserveIn = Arrays.copyOf(reserveIn, grown * MAX_HOPS);
            reserveOut = Arrays.copyOf(reserveOut, grown * MAX_HOPS);
            gamma = Arrays.copyOf(gamma, grown * MAX_HOPS);
            amountIn = Arrays.copyOf(amountIn, grown);
            profit = Arrays.copyOf(profit, grown);
        }
    }

    /** Empties the batch without releasing its arrays. */
    public void clear() {
        size = 0;
    }

    /**
     * Appends a row for candidate {@code candidateIndex} with {@code hops} hops to be set by {@link #setHop}.
     *
     * @return the row
     * @throws IllegalStateException when the batch is full (call {@link #ensureCapacity} first)
     */
    public int add(int candidateIndex, int hops) {
        if (hops < 1 || hops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must be in [1, " + MAX_HOPS + "], got " + hops);
        }
        if (size == capacity()) {
            throw new IllegalStateException("batch is full at " + size + " rows");
        }
        int row = size++;
        candidate[row] = candidateIndex;
        hopCount[row] = hops;
        amountIn[row] = 0;
        profit[row] = 0;
        return row;
    }

    /** Sets hop {@code hop} of row {@code row}. */
    public void setHop(int row, int hop, double hopReserveIn, double hopReserveOut, double hopGamma) {
        int i = row * MAX_HOPS + hop;
        reserveIn[i] = hopReserveIn;
        reserveOut[i] = hopReserveOut;
        gamma[i] = hopGamma;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return hopCount.length;
    }

    public double flashFeeRate() {
        return flashFeeRate;
    }

    /** The live array of market candidate indices per row (not a copy). */
    public int[] candidate() {
        return candidate;
    }

    /** The live array of hop counts per row (not a copy). */
    public int[] hopCount() {
        return hopCount;
    }

    /** The live array of input reserves, {@code MAX_HOPS} per row (not a copy). */
    public double[] reserveIn() {
        return reserveIn;
    }

    /** The live array of output reserves, {@code MAX_HOPS} per row (not a copy). */
    public double[] reserveOut() {
        return reserveOut;
    }

    /** The live array of fee factors {@code (10000 - feeBps)/10000}, {@code MAX_HOPS} per row (not a copy). */
    public double[] gamma() {
        return gamma;
    }

    /** The live output array of optimal inputs per row (not a copy). */
    public double[] amountIn() {
        return amountIn;
    }

    /** The live output array of profits net of the flash fee per row, 0 when nothing pays (not a copy). */
    public double[] profit() {
        return profit;
    }
}
