package io.flashbank.ledger;

import io.r2dbc.spi.Row;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** One row of a loan joined with one of its shares (null share for a loan without share rows). */
record LoanRow(long chainId, String txHash, long logIndex, long blockNumber, String blockHash, String token, String receiver,
               String initiator, BigInteger amount, BigInteger fee, LoanShare share) {

    static LoanRow of(Row row) {
        String provider = row.get("provider", String.class);
        LoanShare share = provider == null ? null
                : new LoanShare(provider, PostgresLedger.amount(row, "pulled"), PostgresLedger.amount(row, "fee_share"));
        return new LoanRow(row.get("chain_id", Long.class), row.get("tx_hash", String.class), row.get("log_index", Long.class),
                row.get("block_number", Long.class), row.get("block_hash", String.class), row.get("token", String.class),
                row.get("receiver", String.class), row.get("initiator", String.class), PostgresLedger.amount(row, "amount"),
                PostgresLedger.amount(row, "fee"), share);
    }

    /** The loan's idempotency key: rows with equal keys belong to one loan. */
    String key() {
        return chainId + "|" + txHash + "|" + logIndex;
    }

    /** The loan of consecutive rows that share one key. */
    static LoanRecord toRecord(List<LoanRow> rows) {
        LoanRow first = rows.get(0);
        return new LoanRecord(first.chainId, first.txHash, first.logIndex, first.blockNumber, first.blockHash, first.token,
                first.receiver, first.initiator, first.amount, first.fee,
                rows.stream().map(LoanRow::share).filter(Objects::nonNull).toList());
    }
}
