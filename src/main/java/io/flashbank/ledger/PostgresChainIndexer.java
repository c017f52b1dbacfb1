package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainLog;
import io.flashbank.chain.ChainSignal;
import io.flashbank.chain.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The {@link ChainIndexer} over PostgreSQL, fed by the engine's one canonical block stream: its heads say how far the
 * chain is, its reorgs say what to roll back. Each step writes the next confirmed range of blocks as one batch; steps
 * repeat until caught up, whenever a head arrives (and on a retry tick after a failure). The stored cursor is checked
 * against the node once when the indexer (re)starts, for reorgs that happened while nothing was listening.
 */
final class PostgresChainIndexer implements ChainIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChainIndexer.class);
    private static final int SIGNAL_BUFFER = 256;
    /** Steps per poll tick at most, so that a long catch-up still yields to cancellation between ticks. */
    private static final int MAX_STEPS_PER_TICK = 100;

    /** Canonical head hashes remembered, for checking the cursor and a batch's last block without asking the node. */
    private static final int HASHES = 256;

    private final IndexerSettings settings;
    private final Flux<ChainSignal> canonical;
    private final ChainReader chain;
    private final LedgerStore store;
    private final EventDecoder decoder;
    private final Duration dbTimeout;
    private final Scheduler timer;

    PostgresChainIndexer(IndexerSettings settings, Flux<ChainSignal> canonical, ChainReader chain, LedgerStore store, Duration dbTimeout,
                         Scheduler timer) {
        this.settings = settings;
        this.canonical = canonical;
        this.chain = chain;
        this.store = store;
        this.decoder = new EventDecoder(settings.chainId(), settings.flashBank(), settings.executor());
        this.dbTimeout = dbTimeout;
        this.timer = timer;
    }

    /**
     * What one subscription remembers. The step fields are touched by one step at a time (concatMap); the canonical
     * fields are written as the stream's signals arrive, on its thread, and read by the steps.
     */
    private static final class State {
        Cursor cursor;
        boolean chainChecked;
        boolean cursorVerified;
        volatile boolean more;
        volatile int failures;
        long nextAttemptAt;
        volatile long head = -1;
        final ConcurrentSkipListMap<Long, String> hashes = new ConcurrentSkipListMap<>();
        final AtomicLong reorgAncestor = new AtomicLong(Long.MAX_VALUE);

        void observe(ChainSignal signal, long chainId) {
            if (signal.chainId() != chainId) {
                return;
            }
            if (signal instanceof ChainSignal.Head h) {
                hashes.put(h.number(), h.hash());
                hashes.tailMap(h.number(), false).clear();
                while (hashes.size() > HASHES) {
                    hashes.pollFirstEntry();
                }
                head = h.number();
            } else if (signal instanceof ChainSignal.Reorg r) {
                hashes.tailMap(r.ancestor(), false).clear();
                reorgAncestor.accumulateAndGet(r.ancestor(), Math::min);
            }
        }
    }

    @Override
    public Flux<LedgerSignal> run() {
        return Flux.defer(() -> {
            State state = new State();
            // Every head or reorg triggers a step; the retry tick lets a failed step run again after its backoff. The
            // signals update the state as they arrive (none is lost); triggers that pile up behind a step collapse
            // into one.
            Flux<Long> heads = canonical.doOnNext(signal -> state.observe(signal, settings.chainId())).map(signal -> 0L);
            Flux<Long> retries = Flux.interval(Duration.ZERO, settings.pollInterval(), timer).filter(tick -> state.failures > 0 || state.more);
            return Flux.merge(heads, retries)
                    .onBackpressureLatest()
                    .concatMap(tick -> poll(state), 0);
        }).onBackpressureBuffer(SIGNAL_BUFFER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST);
    }

    private Flux<LedgerSignal> poll(State state) {
        if (timer.now(TimeUnit.MILLISECONDS) < state.nextAttemptAt) {
            return Flux.empty();
        }
        return steps(state, 0)
                .doOnComplete(() -> state.failures = 0)
                .onErrorResume(e -> Flux.just(failed(state, e)));
    }

    private Flux<LedgerSignal> steps(State state, int done) {
        return step(state).concatWith(Flux.defer(() -> state.more && done + 1 < MAX_STEPS_PER_TICK ? steps(state, done + 1) : Flux.empty()));
    }

    /**
     * One step: verify the chain, load the cursor, then either roll back what a reorg orphaned or write the next
     * batch up to the canonical head less the confirmations.
     */
    private Flux<LedgerSignal> step(State state) {
        state.more = false;
        long head = state.head;
        if (head < 0) {
            return Flux.empty();
        }
        Mono<Boolean> checked = state.chainChecked ? Mono.just(true) : chain.chainId().map(id -> {
            if (id != settings.chainId()) {
                throw new IllegalStateException("the node's chain id is " + id + ", configured " + settings.chainId());
            }
            state.chainChecked = true;
            return true;
        });
        Mono<Cursor> cursor = state.cursor != null ? Mono.just(state.cursor)
                : db(store.cursor(settings.chainId(), settings.startBlock() - 1)).doOnNext(c -> state.cursor = c);
        return checked.then(cursor).flatMapMany(at -> {
            long ancestor = state.reorgAncestor.getAndSet(Long.MAX_VALUE);
            if (!at.sentinel() && ancestor < at.blockNumber()) {
                return rollbackTo(state, at, ancestor);
            }
            String known = at.sentinel() ? null : state.hashes.get(at.blockNumber());
            if (known != null && !known.equals(at.blockHash())) {
                return rollback(state, at);
            }
            if (at.sentinel() || known != null || state.cursorVerified) {
                state.cursorVerified = true;
                return batch(state, at, head);
            }
            // Not seen on the stream (a restart, or the cursor is older than the remembered heads): ask the node once.
            return chain.header(at.blockNumber()).map(h -> h.map(x -> x.hash().equals(at.blockHash())).orElse(false))
                    .flatMapMany(ok -> {
                        if (!ok) {
                            return rollback(state, at);
                        }
                        state.cursorVerified = true;
                        return batch(state, at, head);
                    });
        });
    }

    private Flux<LedgerSignal> batch(State state, Cursor at, long head) {
        long safe = head - settings.confirmations();
        long from = at.blockNumber() + 1;
        if (safe < from) {
            return Flux.empty();
        }
        long to = Math.min(safe, at.blockNumber() + settings.maxBlocksPerBatch());
        long started = System.nanoTime();
        String streamed = state.hashes.get(to);
        Mono<Optional<ChainReader.Header>> before = streamed != null
                ? Mono.just(Optional.of(new ChainReader.Header(to, streamed, null))) : chain.header(to);
        return before
                .flatMap(first -> chain.logs(from, to).zipWith(chain.header(to), (logs, second) -> {
                    // The same hash before and after eth_getLogs: the logs are of the chain that ends in that block.
                    if (first.isEmpty() || second.isEmpty() || !first.get().hash().equals(second.get().hash())) {
                        throw new RpcException("block " + to + " changed while its logs were read; retrying");
                    }
                    return logs;
                }).map(logs -> decode(logs, first.get().hash())))
                .flatMapMany(decoded -> {
                    Cursor next = new Cursor(to, decoded.blockHash);
                    return db(store.writeBatch(settings.chainId(), at, next, decoded.events)).flatMapMany(counts -> {
                        state.cursor = next;
                        state.more = to < safe;
                        List<LedgerSignal> signals = new ArrayList<>(decoded.malformed);
                        signals.add(new LedgerSignal.BatchWritten(settings.chainId(), from, to, counts.rows(), counts.loans(),
                                counts.feeShares(), (System.nanoTime() - started) / 1_000_000));
                        return Flux.fromIterable(signals);
                    });
                });
    }

    /** The events of a batch, and the logs that were skipped as malformed. */
    private record Decoded(String blockHash, List<LedgerEvent> events, List<LedgerSignal> malformed) {
    }

    private Decoded decode(List<JsonNode> logs, String toHash) {
        List<LedgerEvent> events = new ArrayList<>();
        List<LedgerSignal> malformed = new ArrayList<>();
        for (JsonNode node : logs) {
            try {
                ChainLog log = ChainReader.parseLog(node);
                decoder.decode(log).ifPresent(events::add);
            } catch (MalformedLogException e) {
                LOG.warn("chain {}: skipping a malformed log: {}", settings.chainId(), e.getMessage());
                malformed.add(new LedgerSignal.MalformedLog(settings.chainId(), quantityOr(node.get("blockNumber"), -1),
                        node.path("transactionHash").asText("?"), quantityOr(node.get("logIndex"), -1), e.getMessage()));
            }
        }
        return new Decoded(toHash, events, malformed);
    }

    /** A hex quantity field for a report, or {@code fallback} when it is missing or not one. */
    private static long quantityOr(JsonNode value, long fallback) {
        String text = value == null ? "" : value.asText("");
        return text.matches("0x[0-9a-fA-F]{1,15}") ? Long.parseLong(text.substring(2), 16) : fallback;
    }

    /**
     * Rolls back to the newest checkpoint at or below {@code ancestor}, the block the canonical stream says the
     * chain was reorganised above: what was written after it is of orphaned blocks.
     */
    private Flux<LedgerSignal> rollbackTo(State state, Cursor at, long ancestor) {
        return db(store.checkpoints(settings.chainId()))
                .flatMapMany(Flux::fromIterable)
                .filter(cp -> cp.sentinel() || cp.blockNumber() <= ancestor)
                .next()
                .switchIfEmpty(Mono.fromSupplier(() -> new Cursor(settings.startBlock() - 1, null)))
                .flatMapMany(to -> rolledBack(state, at, to));
    }

    /** Walks the checkpoints back to the newest block still canonical and deletes what came after it. */
    private Flux<LedgerSignal> rollback(State state, Cursor at) {
        return db(store.checkpoints(settings.chainId()))
                .flatMapMany(Flux::fromIterable)
                .concatMap(cp -> cp.sentinel() ? Mono.just(cp)
                        : chain.header(cp.blockNumber()).flatMap(h -> h.filter(x -> x.hash().equals(cp.blockHash())).map(x -> cp)
                                .map(Mono::just).orElseGet(Mono::empty)), 0)
                .next()
                .switchIfEmpty(Mono.fromSupplier(() -> new Cursor(settings.startBlock() - 1, null)))
                .flatMapMany(ancestor -> rolledBack(state, at, ancestor));
    }

    private Flux<LedgerSignal> rolledBack(State state, Cursor at, Cursor ancestor) {
        return db(store.rollback(settings.chainId(), at, ancestor)).map(deleted -> {
                    LOG.warn("chain {}: reorg below block {}; rolled back to block {} ({} rows deleted)", settings.chainId(),
                            at.blockNumber(), ancestor.blockNumber(), deleted);
                    state.cursor = ancestor;
                    state.cursorVerified = true;
                    state.more = true;
                    return (LedgerSignal) new LedgerSignal.RolledBack(settings.chainId(), ancestor.blockNumber(), at.blockNumber(), deleted);
                }).flux();
    }

    private LedgerSignal failed(State state, Throwable e) {
        state.failures++;
        state.cursor = null;
        state.cursorVerified = false;
        long base = settings.pollInterval().toMillis();
        long delay = Math.min(settings.maxBackoff().toMillis(), base << Math.min(20, state.failures - 1));
        state.nextAttemptAt = timer.now(TimeUnit.MILLISECONDS) + delay;
        String stage = e instanceof RpcException ? "chain" : e instanceof CursorMovedException ? "cursor"
                : e instanceof IllegalStateException ? "config" : "database";
        if (state.failures == 1 || state.failures % 10 == 0) {
            LOG.warn("chain {}: ledger indexer {} failure #{} ({}); retrying in {} ms", settings.chainId(), stage, state.failures,
                    e.toString(), delay);
        }
        return new LedgerSignal.Failed(settings.chainId(), stage, String.valueOf(e.getMessage()), state.failures, delay);
    }

    private <T> Mono<T> db(Mono<T> call) {
        return call.timeout(dbTimeout.multipliedBy(4), timer);
    }
}
