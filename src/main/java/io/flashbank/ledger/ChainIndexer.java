package io.flashbank.ledger;

import reactor.core.publisher.Flux;

/**
 * Builds the ledger of one chain from FlashBank's and the ArbitrageExecutor's events: follows the chain's canonical
 * block stream (heads and reorgs, detected once, by the engine's block follower), fetches confirmed blocks' logs in
 * batches, writes each batch and the cursor in one transaction, rolls back the blocks a reorg orphaned.
 */
public interface ChainIndexer {

    /**
     * Runs the indexer for as long as the returned Flux is subscribed; cancelling stops it between steps (a batch
     * in flight is either committed or rolled back, never half-written). Resumes from the stored cursor.
     *
     * <p>Never errors and never completes: a failed step (chain or database down, a timeout) is emitted as
     * {@link LedgerSignal.Failed} and retried with backoff without moving the cursor. Work runs on the chain client's
     * and the database driver's threads, timers on the scheduler given at creation. Backpressure: the indexer never
     * waits for the subscriber; if it falls more than 256 signals behind, the oldest are dropped. Subscribe once per
     * chain and process: two indexers of one chain would each see the other's writes as a moved cursor and retry.
     */
    Flux<LedgerSignal> run();
}
