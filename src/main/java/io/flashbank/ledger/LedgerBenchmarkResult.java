package io.flashbank.ledger;

/**
 * What {@link LedgerBenchmark} measured.
 *
 * @param loans FlashLoan events written
 * @param feeShareRows loan_shares rows written (loans × providers per loan)
 * @param batches transactions committed (each also moved the cursor, as the indexer's do)
 * @param nanos wall time of all batches, from the first statement to the last commit
 */
public record LedgerBenchmarkResult(int loans, int feeShareRows, int batches, long nanos) {
    public LedgerBenchmarkResult {
        if (loans < 0 || feeShareRows < 0 || batches < 0 || nanos <= 0) {
            throw new IllegalArgumentException("counts must not be negative and the time must be positive");
        }
    }

    public double feeShareRowsPerSecond() {
        return feeShareRows * 1e9 / nanos;
    }

    public double loansPerSecond() {
        return loans * 1e9 / nanos;
    }

    /** Mean time per batch transaction in milliseconds. */
    public double millisPerBatch() {
        return batches == 0 ? 0 : nanos / 1e6 / batches;
    }
}
