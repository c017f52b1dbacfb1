package io.flashbank.ledger;

import java.util.List;

/** Decoded events sorted into the rows of each event table, one {@link ColumnBatch} insert per table; filled once. */
final class EventRows {
    private final ColumnBatch commitments = new ColumnBatch("commitment_events", "tx_hash text", "log_index bigint",
            "block_number bigint", "block_hash text", "token text", "provider text", "amount numeric", "kind text", "pruned_by text?");
    private final ColumnBatch loans = new ColumnBatch("loans", "tx_hash text", "log_index bigint", "block_number bigint",
            "block_hash text", "token text", "receiver text", "initiator text", "amount numeric", "fee numeric", "providers integer");
    private final ColumnBatch shares = new ColumnBatch("loan_shares", "tx_hash text", "log_index bigint", "position integer",
            "block_number bigint", "token text", "provider text", "pulled numeric", "fee_share numeric");
    private final ColumnBatch withdrawals = new ColumnBatch("withdrawals", "tx_hash text", "log_index bigint", "block_number bigint",
            "block_hash text", "token text", "provider text", "amount numeric");
    private final ColumnBatch executed = new ColumnBatch("arbitrage_events", "tx_hash text", "log_index bigint", "block_number bigint",
            "block_hash text", "executor text", "lender text", "token text", "amount numeric", "fee numeric", "profit numeric");

    private EventRows() {
    }

    /** commitment_events rows: Committed and ProviderPruned. */
    ColumnBatch commitments() {
        return commitments;
    }

    /** loans rows: one per FlashLoan. */
    ColumnBatch loans() {
        return loans;
    }

    /** loan_shares rows: one per provider per FlashLoan. */
    ColumnBatch shares() {
        return shares;
    }

    /** withdrawals rows: ProfitsWithdrawn. */
    ColumnBatch withdrawals() {
        return withdrawals;
    }

    /** arbitrage_events rows: the executor's Executed. */
    ColumnBatch executed() {
        return executed;
    }

    static EventRows of(List<LedgerEvent> events) {
        EventRows rows = new EventRows();
        events.forEach(rows::add);
        return rows;
    }

    private void add(LedgerEvent event) {
        LogPosition at = event.at();
        if (event instanceof LedgerEvent.Committed e) {
            commitments.add(at.txHash(), at.logIndex(), at.blockNumber(), at.blockHash(), e.token(), e.provider(), e.amount(),
                    "committed", null);
        } else if (event instanceof LedgerEvent.Pruned e) {
            commitments.add(at.txHash(), at.logIndex(), at.blockNumber(), at.blockHash(), e.token(), e.provider(), 0, "pruned", e.by());
        } else if (event instanceof LedgerEvent.FlashLoan e) {
            loans.add(at.txHash(), at.logIndex(), at.blockNumber(), at.blockHash(), e.token(), e.receiver(), e.initiator(),
                    e.amount(), e.fee(), e.shares().size());
            for (int i = 0; i < e.shares().size(); i++) {
                LoanShare s = e.shares().get(i);
                shares.add(at.txHash(), at.logIndex(), i, at.blockNumber(), e.token(), s.provider(), s.pulled(), s.feeShare());
            }
        } else if (event instanceof LedgerEvent.Withdrawn e) {
            withdrawals.add(at.txHash(), at.logIndex(), at.blockNumber(), at.blockHash(), e.token(), e.provider(), e.amount());
        } else if (event instanceof LedgerEvent.Executed e) {
            executed.add(at.txHash(), at.logIndex(), at.blockNumber(), at.blockHash(), e.executor(), e.lender(), e.token(),
                    e.amount(), e.fee(), e.profit());
        }
    }
}
