package io.flashbank.ledger;

import java.math.BigInteger;
import java.util.List;

/** A FlashBank or ArbitrageExecutor event, decoded and validated, as the indexer writes it. */
sealed interface LedgerEvent {
    LogPosition at();

    /** {@code Committed(token, provider, amount)}: the provider's cap is now {@code amount}. */
    record Committed(LogPosition at, String token, String provider, BigInteger amount) implements LedgerEvent {
    }

    /** {@code ProviderPruned(token, provider, by)}: the provider's cap is now 0. */
    record Pruned(LogPosition at, String token, String provider, String by) implements LedgerEvent {
    }

    /** {@code FlashLoan(...)}: {@code shares} in the event's order; their pulls sum to amount, fee shares to fee. */
    record FlashLoan(LogPosition at, String token, String receiver, String initiator, BigInteger amount, BigInteger fee,
                     List<LoanShare> shares) implements LedgerEvent {
        public FlashLoan {
            shares = List.copyOf(shares);
        }
    }

    /** {@code ProfitsWithdrawn(token, provider, amount)}. */
    record Withdrawn(LogPosition at, String token, String provider, BigInteger amount) implements LedgerEvent {
    }

    /** The executor's {@code Executed(lender, token, amount, fee, profit)}. */
    record Executed(LogPosition at, String executor, String lender, String token, BigInteger amount, BigInteger fee,
                    BigInteger profit) implements LedgerEvent {
    }
}
