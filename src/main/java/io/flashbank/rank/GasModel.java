package io.flashbank.rank;

/**
 * Estimates the gas units one transaction of a route uses, so opportunities can be priced net of gas; an executor may
 * supply an implementation calibrated from receipts.
 *
 * <p>Implementations must be thread-safe and must not block: the scanner calls them on its scan thread.
 */
public interface GasModel {
    /** Units for 2-hop routes when nothing better is known. */
    long DEFAULT_TWO_HOP_UNITS = 180_000;
    /** Units for 3-hop routes when nothing better is known. */
    long DEFAULT_THREE_HOP_UNITS = 240_000;

    /**
     * The gas units of one transaction that makes {@code hops} swaps on one chain: the whole route of a cyclic
     * opportunity, or one leg (1 swap) of a cross-chain one.
     */
    long gasUnits(int hops);

    /** A fixed estimate per route shape; a single swap is charged as two, which errs on the side of cost. */
    static GasModel fixed(long twoHopUnits, long threeHopUnits) {
        return new FixedGasModel(twoHopUnits, threeHopUnits);
    }

    /** The fixed defaults: 180 000 units for 2 hops, 240 000 for 3. */
    static GasModel defaults() {
        return fixed(DEFAULT_TWO_HOP_UNITS, DEFAULT_THREE_HOP_UNITS);
    }
}
