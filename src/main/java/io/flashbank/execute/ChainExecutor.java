package io.flashbank.execute;

import io.flashbank.chain.ChainClient;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import org.web3j.crypto.Credentials;

/**
 * Executes one chain's cyclic opportunities through FlashBank flash loans and reports each outcome.
 *
 * <p>Each attempt re-quotes exactly at the latest reserves, plans the pulls, simulates, signs an EIP-1559 transaction,
 * sends it and decodes its receipt. Attempts run one at a time (the searcher's nonces are sequential). Nothing here blocks; RPC answers, signing and
 * timers run on the scheduler given to {@link #create}.
 */
public interface ChainExecutor {

    /** The chain this executor sends to. */
    long chainId();

    /**
     * Attempts the opportunities of {@code opportunities} that are on this chain, {@link Opportunity.Kind#CYCLIC} (a
     * cross-chain one is never executed) and at least {@link ExecutorSettings#minNetProfit()} net, one at a time.
     *
     * <p>Backpressure: latest-wins. While an attempt is in flight the input is never stalled; only the newest
     * arrival is kept and attempted next (the scan is never slowed down by execution). An opportunity already sent
     * at the same source block is dropped silently; one that was only skipped (nothing sent: a re-quote that no
     * longer paid, no liquidity yet, an RPC failure) is attempted again when it arrives after a backoff of 1 s,
     * doubled per skip at the same block up to 30 s.
     *
     * <p>Errors: an attempt that fails for any reason (RPC error or timeout, revert in simulation, rejection by the
     * node) is reported as an {@link Execution} and the stream goes on; the stream errors only when
     * {@code opportunities} does. Emits on this executor's scheduler.
     */
    Flux<Execution> executions(Flux<Opportunity> opportunities);

    /** As {@link #executions}, with the timings of each attempt (for the block → receipt latency benchmark). */
    Flux<ExecutionReport> reports(Flux<Opportunity> opportunities);

    /**
     * As {@link #reports}, fed by the book's ranked views: from each view, the best-ranked opportunity this executor
     * would attempt and whose backoff allows it (see {@link #executions}). The latest view is looked at again every
     * second while no new one arrives, so a skip on a quiet chain is retried, never final. Prefer this to flattening
     * views into {@link #reports}: latest-wins keeps the last element that arrived, which in a flattened view is the
     * worst.
     */
    Flux<ExecutionReport> reportsFromViews(Flux<RankedView> views);

    /**
     * Attempts {@code opportunity} now, whatever its kind, chain or net profit: a cross-chain or foreign-chain one is
     * reported SKIPPED. Never errors: every failure is an {@link Execution}. Attempts must not overlap (nonces):
     * a call while another attempt of this executor is in flight errors with {@link IllegalStateException}. Emits on
     * this executor's scheduler.
     */
    Mono<ExecutionReport> execute(Opportunity opportunity);

    /**
     * Seeds the {@link PullMode#FAIR} schedule of {@code token} with what the ledger recorded of this executor's past
     * loans, so that a restart does not reset who is owed pulls. Call it before the first attempt: once a loan of
     * {@code token} was recorded the seed is ignored and this returns false. Any thread; other modes never read it.
     */
    boolean seedFairPulls(String token, PullHistory history);

    /**
     * An executor for the chain of {@code contracts}.
     *
     * @param client the chain's shared connection (every call carries its timeout)
     * @param searcher the key of the ArbitrageExecutor's owner; it signs every transaction and is never logged
     * @param gas receives the gas used by every mined execution, so ranking prices gas from real receipts
     * @param scheduler where answers are handled, transactions signed and receipts polled (the chain's bounded one)
     */
    static ChainExecutor create(ExecutorContracts contracts, ChainClient client, Credentials searcher, ExecutorSettings settings,
                                CalibratedGasModel gas, Scheduler scheduler) {
        return new DefaultChainExecutor(contracts, client, searcher, settings, gas, scheduler);
    }
}
