package io.flashbank.execute;

import io.flashbank.rank.GasModel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** An exponentially weighted moving average of gas used, one per route shape (2 hops, 3 hops). */
final class EwmaGasModel implements CalibratedGasModel {
    private final double weight;
    /** Index 0: routes of up to two swaps (one-swap legs are charged as two, as the fixed model does); 1: three. */
    private final AtomicLong[] estimateBits = new AtomicLong[2];
    private final AtomicLong[] counts = {new AtomicLong(), new AtomicLong()};

    EwmaGasModel(GasModel prior, double weight) {
        Objects.requireNonNull(prior, "prior");
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be in (0, 1], got " + weight);
        }
        this.weight = weight;
        estimateBits[0] = new AtomicLong(Double.doubleToRawLongBits(prior.gasUnits(2)));
        estimateBits[1] = new AtomicLong(Double.doubleToRawLongBits(prior.gasUnits(3)));
    }

    @Override
    public long gasUnits(int hops) {
        return (long) Math.ceil(Double.longBitsToDouble(estimateBits[slot(hops)].get()));
    }

    @Override
    public void observe(int hops, long gasUsed) {
        if (gasUsed <= 0) {
            return;
        }
        int slot = slot(hops);
        // The count goes first so that concurrent first receipts both blend rather than both replace.
        boolean first = counts[slot].getAndIncrement() == 0;
        estimateBits[slot].updateAndGet(bits -> {
            double old = Double.longBitsToDouble(bits);
            double next = first ? gasUsed : old + weight * (gasUsed - old);
            return Double.doubleToRawLongBits(next);
        });
    }

    @Override
    public long observations(int hops) {
        return counts[slot(hops)].get();
    }

    private static int slot(int hops) {
        return hops <= 2 ? 0 : 1;
    }

    @Override
    public String toString() {
        return "EwmaGasModel[2 hops: " + gasUnits(2) + " (" + observations(2) + " receipts), 3 hops: " + gasUnits(3)
                + " (" + observations(3) + " receipts)]";
    }
}
