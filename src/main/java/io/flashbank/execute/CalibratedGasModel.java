package io.flashbank.execute;

import io.flashbank.rank.GasModel;

/**
 * A {@link GasModel} that learns each route shape's gas from the receipts of executed transactions.
 *
 * <p>Thread-safe and lock-free: {@link #gasUnits} (the scan thread) and {@link #observe} (the executor's threads) never
 * block each other.
 */
public interface CalibratedGasModel extends GasModel {
    /** The default weight of a new receipt in the running average. */
    double DEFAULT_WEIGHT = 0.2;

    /**
     * Folds the gas a mined transaction of {@code hops} swaps used into the estimate of its shape: the first receipt
     * of a shape replaces the prior, later ones move the estimate by {@code weight} of the difference. Ignores a
     * non-positive {@code gasUsed}.
     */
    void observe(int hops, long gasUsed);

    /** How many receipts of {@code hops} swaps were folded in so far. */
    long observations(int hops);

    /** Starts from {@code prior}'s estimates and weighs each new receipt by {@code weight}, in (0, 1]. */
    static CalibratedGasModel startingFrom(GasModel prior, double weight) {
        return new EwmaGasModel(prior, weight);
    }

    /** Starts from {@link GasModel#defaults()} with the default weight. */
    static CalibratedGasModel create() {
        return startingFrom(GasModel.defaults(), DEFAULT_WEIGHT);
    }
}
