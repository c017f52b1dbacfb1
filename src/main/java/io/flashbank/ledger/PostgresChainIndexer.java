package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainLog;
import io.flashbank.chain.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The {@link ChainIndexer} over PostgreSQL: each step checks the cursor block is still canonical (else rolls back),
 * then writes the next confirmed range of blocks as one batch; steps repeat until caught up, on every poll tick.
 */
final class PostgresChainIndexer implements ChainIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChainIndexer.class);
    private static final int SIGNAL_BUFFER = 256;
    /** Steps per poll tick at most, so that a long catch-up still yields to cancellation between ticks. */
    private static final int MAX_STEPS_PER_TICK = 100;

    private final IndexerSettings settings;
    private final ChainReader chain;
    private final LedgerStore store;
    private final EventDecoder decoder;
    private final Duration dbTimeout;
    private final Scheduler timer;

    PostgresChainIndexer(IndexerSettings settings, ChainReader chain, LedgerStore store, Duration dbTimeout, Scheduler timer) {
        this.settings = settings;
        this.chain = chain;
        this.store = store;
        this.decoder = new EventDecoder(settings.chainId(), settings.flashBank(), settings.executor());
        this.dbTimeout = dbTimeout;
        this.timer = timer;
    }

    /** What one subscription remembers between steps; touched by one step at a time (concatMap). */
    private static final class State {
        Cursor cursor;
        boolean chainChecked;
        boolean more;
        int failures;
        long nextAttemptAt;
    }

    @Override
    public Flux<LedgerSignal> run() {
        return Flux.defer(() -> {
            State state = new State();
            return Flux.interval(Duration.ZERO, settings.pollInterval(), timer)
                    .onBackpressureDrop()
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

    /** One step: verify the chain, load the cursor, then either roll back a reorg or write the next batch. */
    private Flux<LedgerSignal> step(State state) {
        state.more = false;
        Mono<Boolean> checked = state.chainChecked ? Mono.just(true) : chain.chainId().map(id -> {
            if (id != settings.chainId()) {
                throw new IllegalStateException("the node's chain id is " + id + ", configured " + settings.chainId());
            }
            state.chainChecked = true;
            return true;
        });
        Mono<Cursor> cursor = state.cursor != null ? Mono.just(state.cursor)
                : db(store.cursor(settings.chainId(), settings.startBlock() - 1)).doOnNext(c -> state.cursor = c);
        return checked.then(cursor).zipWith(chain.headNumber()).flatMapMany(t -> {
            Cursor at = t.getT1();
            long head = t.getT2();
            if (head < at.blockNumber()) {
                // The chain is shorter than what we indexed: a reorg to a shorter chain, or a node behind its peers.
                // Wait for it to grow past the cursor; the hash comparison then tells which.
                return Flux.empty();
            }
            Mono<Boolean> canonical = at.sentinel() ? Mono.just(true)
                    : chain.header(at.blockNumber()).map(h -> h.map(x -> x.hash().equals(at.blockHash())).orElse(false));
            return canonical.flatMapMany(ok -> ok ? batch(state, at, head) : rollback(state, at));
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
        return chain.header(to)
                .flatMap(first -> chain.logs(from, to).zipWith(chain.header(to), (logs, second) -> {
                    // The same hash before and after eth_getLogs: the logs are of the chain that ends in that block.
                    if (first.isEmpty() || !first.equals(second)) {
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

    /** Walks the checkpoints back to the newest block still canonical and deletes what came after it. */
    private Flux<LedgerSignal> rollback(State state, Cursor at) {
        return db(store.checkpoints(settings.chainId()))
                .flatMapMany(Flux::fromIterable)
                .concatMap(cp -> cp.sentinel() ? Mono.just(cp)
                        : chain.header(cp.blockNumber()).flatMap(h -> h.filter(x -> x.hash().equals(cp.blockHash())).map(x -> cp)
                                .map(Mono::just).orElseGet(Mono::empty)), 0)
                .next()
                .switchIfEmpty(Mono.fromSupplier(() -> new Cursor(settings.startBlock() - 1, null)))
                .flatMapMany(ancestor -> db(store.rollback(settings.chainId(), at, ancestor)).map(deleted -> {
                    LOG.warn("chain {}: reorg below block {}; rolled back to block {} ({} rows deleted)", settings.chainId(),
                            at.blockNumber(), ancestor.blockNumber(), deleted);
                    state.cursor = ancestor;
                    state.more = true;
                    return (LedgerSignal) new LedgerSignal.RolledBack(settings.chainId(), ancestor.blockNumber(), at.blockNumber(), deleted);
                }));
    }

    private LedgerSignal failed(State state, Throwable e) {
        state.failures++;
        state.cursor = null;
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
