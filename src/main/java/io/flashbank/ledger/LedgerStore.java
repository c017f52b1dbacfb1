package io.flashbank.ledger;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The indexer's writes: a batch of events together with the cursor in one transaction, the cursor itself, and the
 * rollback of orphaned blocks. The cursor only moves by compare-and-set from the value the indexer last read, so a
 * batch whose commit was lost in an outage is replayed, never skipped, and a replay inserts nothing twice.
 */
final class LedgerStore {
    /** Checkpoints older than this many blocks behind the cursor are dropped (a deeper reorg re-indexes from the start). */
    static final long CHECKPOINT_WINDOW = 4_096;

    /** What a batch inserted. */
    record BatchCounts(int rows, int loans, int feeShares) {
    }

    private final ConnectionFactory pool;

    LedgerStore(ConnectionFactory pool) {
        this.pool = pool;
    }

    /** The chain's cursor, created at {@code sentinel} (startBlock − 1, no hash) the first time. */
    Mono<Cursor> cursor(long chainId, long sentinel) {
        return Sql.inTransaction(pool, c -> Sql.update(c,
                        "INSERT INTO indexer_cursor (chain_id, block_number, block_hash) VALUES ($1, $2, NULL) ON CONFLICT DO NOTHING",
                        chainId, sentinel)
                .then(Sql.update(c, "INSERT INTO indexer_checkpoints (chain_id, block_number, block_hash) VALUES ($1, $2, NULL) "
                        + "ON CONFLICT DO NOTHING", chainId, sentinel))
                .then(Flux.from(Sql.bind(c.createStatement("SELECT block_number, block_hash FROM indexer_cursor WHERE chain_id = $1"),
                                chainId).execute())
                        .flatMap(r -> r.map((row, meta) -> new Cursor(row.get("block_number", Long.class), row.get("block_hash", String.class))))
                        .single()));
    }

    /** The chain's checkpoints, newest first (the start sentinel, with a null hash, last). */
    Mono<List<Cursor>> checkpoints(long chainId) {
        return Sql.withConnection(pool, c -> Flux.from(Sql.bind(c.createStatement(
                                "SELECT block_number, block_hash FROM indexer_checkpoints WHERE chain_id = $1 ORDER BY block_number DESC"), chainId)
                        .execute())
                .flatMap(r -> r.map((row, meta) -> new Cursor(row.get("block_number", Long.class), row.get("block_hash", String.class)))))
                .collectList();
    }

    /**
     * Writes {@code events} (all from blocks after {@code expected}, up to {@code next}) and moves the cursor from
     * {@code expected} to {@code next}, in one transaction; fails with CursorMovedException, writing nothing, when
     * the stored cursor is no longer {@code expected}.
     */
    Mono<BatchCounts> writeBatch(long chainId, Cursor expected, Cursor next, List<LedgerEvent> events) {
        EventRows rows = EventRows.of(events);
        return Sql.inTransaction(pool, c -> {
            long[] n = new long[3];
            return rows.commitments().insert(c, chainId).doOnNext(k -> n[0] += k)
                    .then(rows.loans().insert(c, chainId).doOnNext(k -> {
                        n[0] += k;
                        n[1] = k;
                    }))
                    .then(rows.shares().insert(c, chainId).doOnNext(k -> {
                        n[0] += k;
                        n[2] = k;
                    }))
                    .then(rows.withdrawals().insert(c, chainId).doOnNext(k -> n[0] += k))
                    .then(rows.executed().insert(c, chainId).doOnNext(k -> n[0] += k))
                    .then(rows.commitments().size() == 0 ? Mono.empty()
                            : refreshCommitments(c, chainId, expected.blockNumber() + 1, next.blockNumber()))
                    .then(checkpoint(c, chainId, next))
                    .then(moveCursor(c, chainId, expected, next))
                    .then(Mono.fromSupplier(() -> new BatchCounts((int) n[0], (int) n[1], (int) n[2])));
        });
    }

    /**
     * Deletes every row of blocks after {@code ancestor.blockNumber()}, recomputes the current commitments they
     * touched and moves the cursor back from {@code expected} to {@code ancestor}; emits the rows deleted.
     */
    Mono<Integer> rollback(long chainId, Cursor expected, Cursor ancestor) {
        long after = ancestor.blockNumber();
        return Sql.inTransaction(pool, c -> Flux.concat(
                        Sql.update(c, "DELETE FROM loan_shares WHERE chain_id = $1 AND block_number > $2", chainId, after),
                        Sql.update(c, "DELETE FROM loans WHERE chain_id = $1 AND block_number > $2", chainId, after),
                        Sql.update(c, "DELETE FROM commitment_events WHERE chain_id = $1 AND block_number > $2", chainId, after),
                        Sql.update(c, "DELETE FROM withdrawals WHERE chain_id = $1 AND block_number > $2", chainId, after),
                        Sql.update(c, "DELETE FROM arbitrage_events WHERE chain_id = $1 AND block_number > $2", chainId, after))
                .reduce(0L, Long::sum)
                .flatMap(deleted -> Sql.update(c, "DELETE FROM commitments WHERE chain_id = $1 AND block_number > $2", chainId, after)
                        .then(Sql.update(c, "INSERT INTO commitments (chain_id, token, provider, amount, block_number, log_index, tx_hash) "
                                + "SELECT DISTINCT ON (token, provider) chain_id, token, provider, amount, block_number, log_index, tx_hash "
                                + "FROM commitment_events e WHERE chain_id = $1 AND NOT EXISTS (SELECT 1 FROM commitments x "
                                + "WHERE x.chain_id = e.chain_id AND x.token = e.token AND x.provider = e.provider) "
                                + "ORDER BY token, provider, block_number DESC, log_index DESC", chainId))
                        .then(Sql.update(c, "DELETE FROM indexer_checkpoints WHERE chain_id = $1 AND block_number > $2", chainId, after))
                        .then(moveCursor(c, chainId, expected, ancestor))
                        .thenReturn(deleted.intValue())));
    }

    /** Brings the current commitment of every (token, provider) with an event in blocks {@code from..to} up to date. */
    private static Mono<Long> refreshCommitments(Connection c, long chainId, long from, long to) {
        return Sql.update(c, "INSERT INTO commitments (chain_id, token, provider, amount, block_number, log_index, tx_hash) "
                + "SELECT DISTINCT ON (token, provider) chain_id, token, provider, amount, block_number, log_index, tx_hash "
                + "FROM commitment_events WHERE chain_id = $1 AND block_number BETWEEN $2 AND $3 "
                + "ORDER BY token, provider, block_number DESC, log_index DESC "
                + "ON CONFLICT (chain_id, token, provider) DO UPDATE SET amount = EXCLUDED.amount, block_number = EXCLUDED.block_number, "
                + "log_index = EXCLUDED.log_index, tx_hash = EXCLUDED.tx_hash "
                + "WHERE (commitments.block_number, commitments.log_index) < (EXCLUDED.block_number, EXCLUDED.log_index)",
                chainId, from, to);
    }

    private static Mono<Long> checkpoint(Connection c, long chainId, Cursor next) {
        return Sql.update(c, "INSERT INTO indexer_checkpoints (chain_id, block_number, block_hash) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (chain_id, block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash",
                        chainId, next.blockNumber(), Sql.nullable(next.blockHash(), String.class))
                .then(Sql.update(c, "DELETE FROM indexer_checkpoints WHERE chain_id = $1 AND block_number < $2 AND block_hash IS NOT NULL",
                        chainId, next.blockNumber() - CHECKPOINT_WINDOW));
    }

    private static Mono<Void> moveCursor(Connection c, long chainId, Cursor expected, Cursor next) {
        return Sql.update(c, "UPDATE indexer_cursor SET block_number = $2, block_hash = $3, updated_at = now() "
                                + "WHERE chain_id = $1 AND block_number = $4 AND block_hash IS NOT DISTINCT FROM $5",
                        chainId, next.blockNumber(), Sql.nullable(next.blockHash(), String.class), expected.blockNumber(),
                        Sql.nullable(expected.blockHash(), String.class))
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty()
                        : Mono.error(new CursorMovedException("the cursor of chain " + chainId + " is no longer at block "
                                + expected.blockNumber() + "; another writer moved it, or an earlier commit landed after all")));
    }
}
