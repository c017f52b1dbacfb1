package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashbank.execute.Execution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Execution records on their way to the ledger: each is appended to a local file first (flushed to disk), then
 * written to the database in order, retrying for as long as the database is away, and marked done. The executor
 * never waits for the database, and a record survives an outage of any length and a restart of the process (the
 * file is read back at start). Writes are upserts by transaction hash, so a record written twice is one row.
 *
 * <p>File format, one line each: {@code {"seq":N,"execution":{…}}} for a record, {@code {"done":N}} once the database
 * has it; the file is emptied whenever nothing is pending.
 */
public final class ExecutionOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Ledger ledger;
    /** The one thread that touches the file: appends and done marks never interleave. */
    private final ExecutorService diskThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-outbox");
        t.setDaemon(true);
        return t;
    });
    /** Never interrupting: a cancelled drain must not cut a line being written. */
    private final Scheduler disk = Schedulers.fromExecutor(diskThread);
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final AtomicLong nextSeq = new AtomicLong(1);
    private final AtomicLong written = new AtomicLong();
    private final Sinks.Many<Boolean> kicks = Sinks.many().multicast().onBackpressureBuffer(1, false);
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private FileChannel channel;
    private Disposable drainer;
    private volatile String lastError;

    private record Pending(long seq, Execution execution) {
    }

    /** @param file the outbox file (created with its directory when missing) */
    public ExecutionOutbox(Path file, Ledger ledger) {
        this(file, ledger, Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    ExecutionOutbox(Path file, Ledger ledger, Duration firstBackoff, Duration maxBackoff) {
        this.file = file.toAbsolutePath();
        this.ledger = ledger;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Reads back what an earlier run left pending, opens the file and starts draining. Blocking (a file read): call it
     * from the composition root. Fails on a line it cannot read, naming it, rather than lose or guess a record.
     *
     * @return the number of records found pending
     */
    public int startNow() {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                readBack(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (pending.isEmpty()) {
                channel.truncate(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ledger outbox " + file, e);
        }
        int found;
        synchronized (pending) {
            found = pending.size();
        }
        if (found > 0) {
            LOG.info("ledger outbox {}: {} execution records from an earlier run still to be written", file, found);
        }
        drainer = kicks.asFlux().concatMap(kick -> drain(), 1).subscribe();
        kick();
        return found;
    }

    private void readBack(List<String> lines) {
        Map<Long, Execution> records = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.has("done")) {
                    records.remove(node.get("done").asLong());
                } else {
                    long seq = node.get("seq").asLong();
                    records.put(seq, fromJson(node.get("execution")));
                    nextSeq.set(Math.max(nextSeq.get(), seq + 1));
                }
            } catch (IOException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    // a torn last line: the process died while appending it, before anyone relied on it
                    LOG.warn("ledger outbox {}: ignoring a torn last line {}", file, i + 1);
                    continue;
                }
                throw new IllegalStateException("ledger outbox " + file + " line " + (i + 1) + " is unreadable: " + e.getMessage(), e);
            }
        }
        records.forEach((seq, e) -> pending.add(new Pending(seq, e)));
    }

    /** Keeps {@code execution} for the ledger: appended to the file on the outbox's own thread; never waits for the database. */
    public Mono<Void> offer(Execution execution) {
        return Mono.fromRunnable(() -> {
            long seq = nextSeq.getAndIncrement();
            ObjectNode line = JSON.createObjectNode();
            line.put("seq", seq);
            line.set("execution", toJson(execution));
            append(line.toString());
            synchronized (pending) {
                pending.add(new Pending(seq, execution));
            }
            kick();
        }).subscribeOn(disk).then();
    }

    /** Records appended and not yet in the database. */
    public int pending() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Records written to the database since start. */
    public long written() {
        return written.get();
    }

    /** Why the last write failed while records are pending, or null. */
    public String lastError() {
        return pending() == 0 ? null : lastError;
    }

    private void kick() {
        synchronized (kicks) {
            kicks.tryEmitNext(Boolean.TRUE);
        }
    }

    /** Writes the pending records in order until none is left; each is retried until the database takes it. */
    private Mono<Void> drain() {
        return Mono.defer(() -> {
            Pending head;
            synchronized (pending) {
                head = pending.peekFirst();
            }
            if (head == null) {
                return Mono.empty();
            }
            return ledger.record(head.execution())
                    .doOnError(e -> lastError = e.getMessage())
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackoff).maxBackoff(maxBackoff).jitter(0.2)
                            .filter(e -> !(e instanceof IllegalArgumentException)))
                    // a record the ledger refuses as invalid never becomes writable: say so, and let the rest through
                    .onErrorResume(IllegalArgumentException.class, e -> {
                        LOG.error("ledger outbox {}: record {} refused by the ledger and dropped: {} ({})", file, head.seq(),
                                e.getMessage(), toJson(head.execution()));
                        return Mono.empty();
                    })
                    .then(Mono.fromRunnable(() -> done(head)).subscribeOn(disk))
                    .then(drain());
        });
    }

    private void done(Pending record) {
        boolean empty;
        synchronized (pending) {
            pending.remove(record);
            empty = pending.isEmpty();
        }
        written.incrementAndGet();
        try {
            if (empty) {
                channel.truncate(0);
                channel.force(false);
            } else {
                append("{\"done\":" + record.seq() + "}");
            }
        } catch (IOException e) {
            // the row is in the database; a stale line only means it is written once more (an upsert) after a restart
            LOG.warn("ledger outbox {}: cannot mark record {} done: {}", file, record.seq(), e.toString());
        }
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the ledger outbox " + file, e);
        }
    }

    static ObjectNode toJson(Execution e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("opportunityId", e.opportunityId());
        n.put("chainId", e.chainId());
        n.put("status", e.status().name());
        n.put("txHash", e.txHash());
        n.put("amountIn", e.amountIn().toString());
        n.put("token", e.token());
        n.put("expectedProfit", e.expectedProfit().toString());
        n.put("realizedProfit", e.realizedProfit().toString());
        n.put("gasUsed", e.gasUsed());
        n.put("effectiveGasPrice", e.effectiveGasPrice().toString());
        n.put("blockNumber", e.blockNumber());
        n.put("reason", e.reason());
        n.put("submittedAt", e.submittedAt().toString());
        n.put("finishedAt", e.finishedAt().toString());
        return n;
    }

    static Execution fromJson(JsonNode n) {
        return new Execution(n.get("opportunityId").asText(), n.get("chainId").asLong(),
                Execution.Status.valueOf(n.get("status").asText()), text(n, "txHash"), new BigInteger(n.get("amountIn").asText()),
                n.get("token").asText(), new BigInteger(n.get("expectedProfit").asText()), new BigInteger(n.get("realizedProfit").asText()),
                n.get("gasUsed").asLong(), new BigInteger(n.get("effectiveGasPrice").asText()), n.get("blockNumber").asLong(),
                text(n, "reason"), Instant.parse(n.get("submittedAt").asText()), Instant.parse(n.get("finishedAt").asText()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * Stops draining (what is pending stays in the file for the next start), lets the file thread finish the line it
     * is writing (up to 5 s: a lifecycle call from the composition root), and closes the file.
     */
    @Override
    public void close() {
        if (drainer != null) {
            drainer.dispose();
        }
        diskThread.shutdown();
        try {
            if (!diskThread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("ledger outbox {}: the file thread did not finish within 5 s", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("ledger outbox {}: close failed: {}", file, e.toString());
        }
    }
}
