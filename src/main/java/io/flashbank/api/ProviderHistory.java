package io.flashbank.api;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What the ledger knows about providers and loans, in wire form, for the LP endpoints. Implementations never block
 * and fail with an exception when the database is unreachable (the route answers 503).
 */
public interface ProviderHistory {
    /** Per chain and token: fees earned in total, withdrawn, and the provider's latest loans with its shares. */
    Mono<List<ProviderLedgerJson>> provider(String address);

    /** The latest loans, newest first, each with its per-provider pulls and fee shares; all chains when null. */
    Mono<List<LoanJson>> loans(Long chainId, int limit);

    /** Completes when the ledger answers. */
    Mono<Void> ping();
}
