package io.flashbank.ledger;

import io.flashbank.execute.Execution;
import io.flashbank.execute.PullHistory;
import io.flashbank.rank.Opportunity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes of the ledger that are not the event indexer's: executor outcomes, sampled opportunities, and the
 * queries behind the HTTP API.
 *
 * <p>Every method is non-blocking and may be called from any thread, an event loop included; results are delivered
 * on the database driver's threads (do no blocking work downstream). Every call has the database timeout of
 * {@link DatabaseSettings#timeout()}. Errors: {@link IllegalArgumentException} for a bad argument (report 400), and
 * {@link LedgerUnavailableException} when the database is down, slow or failed (report 503).
 */
public interface Ledger {

    /**
     * Stores one execution attempt. An attempt with a transaction hash is keyed by (chain, hash), so recording the
     * same transaction again (TIMED_OUT, then MINED) updates its row; attempts without one are each a new row.
     */
    Mono<Void> record(Execution execution);

    /**
     * Stores {@code opportunity} if the sampler picks it (at most one per route per sample interval, and at most a
     * few per second overall), and completes at once without touching the database otherwise. Cheap enough to call
     * for every ranked opportunity; callers should still not wait on it in the scan path.
     */
    Mono<Void> sample(Opportunity opportunity);

    /**
     * A provider's positions (per chain and token: commitment, fees earned, withdrawn, latest loans with its pull and
     * fee share), from one consistent snapshot of the ledger. {@code address} is checksummed or lower-case hex.
     */
    Mono<ProviderLedger> provider(String address);

    /**
     * The newest {@code limit} loans (1 to 1000), newest first (block, then log index), on {@code chainId} or on every
     * chain when it is null, each with its shares. They are read in one query (at most 1000 loans) under one timeout and
     * then emitted as the subscriber requests them.
     */
    Flux<LoanRecord> loans(Long chainId, int limit);

    /**
     * What every recorded flash loan of {@code token} on {@code chainId} that {@code initiator} started (the engine's
     * ArbitrageExecutor) pulled from each provider, with the number of loans and the largest: the history a restarted
     * fair pull schedule is rebuilt from. One consistent snapshot under one timeout; loans the indexer has not reached
     * yet (the last confirmations) are not in it.
     */
    Mono<PullHistory> pullHistory(long chainId, String token, String initiator);

    /** Completes when the database answers a trivial query within the timeout; errors with LedgerUnavailableException. */
    Mono<Void> ping();
}
