package io.flashbank.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Measures fee-share ingestion: synthetic FlashLoan events written through the indexer's own batch write (one
 * transaction per batch with the cursor move, ON CONFLICT keys, NUMERIC(78,0) amounts) on a chain id reserved for
 * the benchmark, whose rows are deleted afterwards.
 */
public final class LedgerBenchmark {
    /** A chain id no real chain uses, so benchmark rows never mix with a chain's ledger. */
    public static final long BENCH_CHAIN_ID = 999_999_999_001L;
    private static final String[] TABLES = {"loan_shares", "loans", "commitment_events", "commitments", "withdrawals",
        "arbitrage_events", "indexer_checkpoints", "indexer_cursor"};

    /** The standard run: 20,000 loans of 5 providers (100,000 fee-share rows), 500 loans per transaction. */
    public static final int DEFAULT_LOANS = 20_000;
    public static final int DEFAULT_PROVIDERS_PER_LOAN = 5;
    public static final int DEFAULT_LOANS_PER_BATCH = 500;

    private LedgerBenchmark() {
    }

    /** {@link #measure(LedgerDatabase, int, int, int)} with the standard sizes. */
    public static Mono<LedgerBenchmarkResult> measure(LedgerDatabase db) {
        return measure(db, DEFAULT_LOANS, DEFAULT_PROVIDERS_PER_LOAN, DEFAULT_LOANS_PER_BATCH);
    }

    /**
     * Writes {@code loans} loans of {@code providersPerLoan} shares each, {@code loansPerBatch} loans per transaction
     * (one synthetic block per batch), then deletes them. Run it on a migrated database; nothing else should index
     * {@link #BENCH_CHAIN_ID}. Sequential, like an indexer: the figure is one chain's ingestion rate.
     */
    public static Mono<LedgerBenchmarkResult> measure(LedgerDatabase db, int loans, int providersPerLoan, int loansPerBatch) {
        if (loans < 1 || providersPerLoan < 1 || providersPerLoan > 1_024 || loansPerBatch < 1) {
            throw new IllegalArgumentException("loans and loansPerBatch must be positive, providersPerLoan 1 to 1024");
        }
        LedgerStore store = new LedgerStore(db.pool());
        int batches = (loans + loansPerBatch - 1) / loansPerBatch;
        return clean(db).then(store.cursor(BENCH_CHAIN_ID, -1)).flatMap(start -> {
            long began = System.nanoTime();
            return Flux.range(0, batches)
                    .concatMap(b -> {
                        int count = Math.min(loansPerBatch, loans - b * loansPerBatch);
                        Cursor from = b == 0 ? start : new Cursor(b - 1, hash(1, b - 1));
                        Cursor to = new Cursor(b, hash(1, b));
                        return store.writeBatch(BENCH_CHAIN_ID, from, to, batch(b, count, providersPerLoan, to.blockHash()));
                    }, 0)
                    .reduce(0, (sum, counts) -> sum + counts.feeShares())
                    .map(shares -> new LedgerBenchmarkResult(loans, shares, batches, System.nanoTime() - began));
        }).flatMap(result -> clean(db).thenReturn(result));
    }

    private static List<LedgerEvent> batch(int block, int count, int providers, String blockHash) {
        List<LedgerEvent> events = new ArrayList<>(count);
        String token = address(0xeeee);
        for (int i = 0; i < count; i++) {
            List<LoanShare> shares = new ArrayList<>(providers);
            BigInteger amount = BigInteger.ZERO;
            BigInteger fee = BigInteger.ZERO;
            for (int p = 0; p < providers; p++) {
                BigInteger pulled = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(p + 1));
                BigInteger share = pulled.divide(BigInteger.valueOf(5_000));
                shares.add(new LoanShare(address(p + 1), pulled, share));
                amount = amount.add(pulled);
                fee = fee.add(share);
            }
            LogPosition at = new LogPosition(BENCH_CHAIN_ID, hash(2, (long) block << 20 | i), i, block, blockHash);
            events.add(new LedgerEvent.FlashLoan(at, token, address(0xb0), address(0xa0), amount, fee, shares));
        }
        return events;
    }

    private static Mono<Void> clean(LedgerDatabase db) {
        return Sql.inTransaction(db.pool(), c -> Flux.fromArray(TABLES)
                .concatMap(table -> Sql.update(c, "DELETE FROM " + table + " WHERE chain_id = $1", BENCH_CHAIN_ID))
                .then(Mono.just(true))).then();
    }

    private static String hash(int kind, long n) {
        return String.format(Locale.ROOT, "0x%02x%062x", kind, n);
    }

    private static String address(long n) {
        return String.format(Locale.ROOT, "0x%040x", n);
    }
}
