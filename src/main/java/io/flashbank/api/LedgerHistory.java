package io.flashbank.api;

import io.flashbank.ledger.Ledger;
import java.util.List;
import reactor.core.publisher.Mono;

/** The LP endpoints' view of the ledger: its records in wire form. */
public final class LedgerHistory implements ProviderHistory {
    private final Ledger ledger;

    public LedgerHistory(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Mono<List<ProviderLedgerJson>> provider(String address) {
        return ledger.provider(address).map(p -> p.positions().stream().map(ProviderLedgerJson::of).toList());
    }

    @Override
    public Mono<List<LoanJson>> loans(Long chainId, int limit) {
        return ledger.loans(chainId, limit).map(LoanJson::of).collectList();
    }

    @Override
    public Mono<Void> ping() {
        return ledger.ping();
    }
}
