package io.flashbank.rank;

/** A gas estimate fixed per route shape (2 or 3 hops). */
record FixedGasModel(long twoHopUnits, long threeHopUnits) implements GasModel {
    FixedGasModel {
        if (twoHopUnits <= 0) {
            throw new IllegalArgumentException("twoHopUnits must be positive, got " + twoHopUnits);
        }
        if (threeHopUnits <= 0) {
            throw new IllegalArgumentException("threeHopUnits must be positive, got " + threeHopUnits);
        }
    }

    @Override
    public long gasUnits(int hops) {
        return hops <= 2 ? twoHopUnits : threeHopUnits;
    }
}
