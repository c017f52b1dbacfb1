package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.execute.Execution;
import io.flashbank.execute.PullHistory;
import io.flashbank.rank.Opportunity;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox over a stand-in ledger that can be switched off: nothing waits for it, nothing is lost, order is kept. */
class ExecutionOutboxTest {
    @TempDir
    Path dir;

    /** A ledger that refuses every write while {@code down} is set, and keeps what it was given. */
    static final class SwitchableLedger implements Ledger {
        final AtomicBoolean down = new AtomicBoolean();
        final List<Execution> rows = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> record(Execution execution) {
            return Mono.defer(() -> {
                if (down.get()) {
                    return Mono.error(new LedgerUnavailableException("database down", null));
                }
                rows.add(execution);
                return Mono.empty();
            });
        }

        @Override
        public Mono<Void> sample(Opportunity opportunity) {
            return Mono.empty();
        }

        @Override
        public Mono<ProviderLedger> provider(String address) {
            return Mono.empty();
        }

        @Override
        public Flux<LoanRecord> loans(Long chainId, int limit) {
            return Flux.empty();
        }

        @Override
        public Mono<PullHistory> pullHistory(long chainId, String token, String initiator) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> ping() {
            return Mono.empty();
        }
    }

    static Execution mined(int i) {
        String hash = "0x" + String.format("%064x", i);
        return new Execution("opp-" + i, 31337, Execution.Status.MINED, hash, BigInteger.TEN.pow(18).add(BigInteger.valueOf(i)),
                "0x" + "a".repeat(40), BigInteger.valueOf(1000 + i), BigInteger.valueOf(990 + i), 300_000 + i,
                BigInteger.valueOf(2_000_000_000L), 100 + i, null, Instant.parse("2026-12-01T12:00:00Z").plusSeconds(i),
                Instant.parse("2026-12-01T12:00:01Z").plusSeconds(i));
    }

    static Execution skipped(int i) {
        return new Execution("skip-" + i, 31337, Execution.Status.SKIPPED, null, BigInteger.ONE, "0x" + "b".repeat(40),
                BigInteger.ZERO, BigInteger.ZERO, 0, BigInteger.ZERO, -1, "the re-quote no longer pays: \"quoted\"\n",
                Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-01T12:00:00.5Z"));
    }

    private ExecutionOutbox outbox(Path file, Ledger ledger) {
        return new ExecutionOutbox(file, ledger, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void offersCompleteWhileTheDatabaseIsDownAndEveryRecordArrivesInOrderOnceItIsBack() throws Exception {
        SwitchableLedger ledger = new SwitchableLedger();
        ledger.down.set(true);
        Path file = dir.resolve("outbox.jsonl");
        try (ExecutionOutbox outbox = outbox(file, ledger)) {
            assertThat(outbox.startNow()).isZero();
            for (int i = 0; i < 50; i++) {
                outbox.offer(i % 5 == 0 ? skipped(i) : mined(i)).block(Duration.ofSeconds(5));
            }
            assertThat(outbox.pending()).isEqualTo(50);
            assertThat(ledger.rows).isEmpty();
            waitFor(() -> outbox.lastError() != null, "the outbox to report why it waits");
            assertThat(outbox.lastError()).contains("database down");
            assertThat(Files.readAllLines(file)).hasSize(50);

            ledger.down.set(false);
            waitFor(() -> outbox.pending() == 0, "the outbox to drain");
            assertThat(ledger.rows).hasSize(50);
            for (int i = 0; i < 50; i++) {
                assertThat(ledger.rows.get(i)).isEqualTo(i % 5 == 0 ? skipped(i) : mined(i));
            }
            assertThat(outbox.written()).isEqualTo(50);
            assertThat(outbox.lastError()).isNull();
            assertThat(Files.size(file)).as("the file is emptied once nothing is pending").isZero();
        }
    }

    @Test
    void recordsPendingAtCloseAreWrittenByTheNextStartAndDoneOnesAreNot() throws Exception {
        SwitchableLedger first = new SwitchableLedger();
        Path file = dir.resolve("outbox.jsonl");
        try (ExecutionOutbox outbox = outbox(file, first)) {
            outbox.startNow();
            outbox.offer(mined(1)).block(Duration.ofSeconds(5));
            waitFor(() -> outbox.pending() == 0, "the first record to be written");
            first.down.set(true);
            outbox.offer(mined(2)).block(Duration.ofSeconds(5));
            outbox.offer(skipped(3)).block(Duration.ofSeconds(5));
            assertThat(outbox.pending()).isEqualTo(2);
        }
        assertThat(first.rows).containsExactly(mined(1));

        SwitchableLedger second = new SwitchableLedger();
        try (ExecutionOutbox outbox = outbox(file, second)) {
            assertThat(outbox.startNow()).isEqualTo(2);
            waitFor(() -> outbox.pending() == 0, "the records of the earlier run to be written");
            outbox.offer(mined(4)).block(Duration.ofSeconds(5));
            waitFor(() -> outbox.pending() == 0, "the new record to be written");
        }
        assertThat(second.rows).containsExactly(mined(2), skipped(3), mined(4));
    }

    @Test
    void aRecordWithADoneMarkIsNotWrittenAgainAndATornLastLineIsIgnored() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        String one = "{\"seq\":7,\"execution\":" + ExecutionOutbox.toJson(mined(7)) + "}";
        String two = "{\"seq\":8,\"execution\":" + ExecutionOutbox.toJson(mined(8)) + "}";
        Files.writeString(file, one + "\n" + two + "\n{\"done\":7}\n{\"seq\":9,\"execu", StandardCharsets.UTF_8);
        SwitchableLedger ledger = new SwitchableLedger();
        try (ExecutionOutbox outbox = outbox(file, ledger)) {
            assertThat(outbox.startNow()).isEqualTo(1);
            waitFor(() -> outbox.pending() == 0, "the pending record to be written");
            outbox.offer(mined(10)).block(Duration.ofSeconds(5));
            waitFor(() -> outbox.pending() == 0, "the new record to be written");
        }
        assertThat(ledger.rows).containsExactly(mined(8), mined(10));
    }

    @Test
    void anUnreadableLineInTheMiddleStopsTheStartNamingIt() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        String good = "{\"seq\":1,\"execution\":" + ExecutionOutbox.toJson(mined(1)) + "}";
        Files.writeString(file, good + "\nnot json\n" + good + "\n", StandardCharsets.UTF_8);
        try (ExecutionOutbox outbox = outbox(file, new SwitchableLedger())) {
            assertThatThrownBy(outbox::startNow).hasMessageContaining("line 2");
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
