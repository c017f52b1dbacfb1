package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.execute.Execution;
import io.flashbank.execute.PullHistory;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The ledger's SQL against a real embedded PostgreSQL: migrations, batch writes, replays, rollbacks and queries. */
class LedgerStoreIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "0x" + "11".repeat(20);
    private static final String LP_A = "0x" + "aa".repeat(20);
    private static final String LP_B = "0x" + "bb".repeat(20);
    private static Scheduler timer;
    private static LedgerDatabase db;
    private static LedgerStore store;
    private static Ledger ledger;

    @BeforeAll
    static void startDatabase() throws Exception {
        timer = Schedulers.newSingle("ledger-store-it-timer");
        db = LedgerDatabase.startNow(DatabaseSettings.embedded(Files.createTempDirectory("flashbank-ledger-store").resolve("pg")));
        assertThat(db.migrate().block(WAIT).applied()).containsExactly(1);
        store = new LedgerStore(db.pool());
        ledger = db.ledger(timer);
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
        timer.dispose();
    }

    @Test
    void migrationsAppliedAgainChangeNothing() {
        MigrationResult again = db.migrate().block(WAIT);
        assertThat(again.applied()).isEmpty();
        assertThat(again.current()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM schema_version")).isEqualTo(1);
    }

    @Test
    void aBatchWrittenTwiceInsertsItsRowsOnce() {
        long chain = 11;
        Cursor start = store.cursor(chain, -1).block(WAIT);
        assertThat(start).isEqualTo(new Cursor(-1, null));
        List<LedgerEvent> events = List.of(committed(chain, 1, 0, LP_A, 100), loan(chain, 2, 0, 1_000, 2, LP_A, 600, LP_B, 400));
        Cursor two = new Cursor(2, hash(0xb2));
        LedgerStore.BatchCounts first = store.writeBatch(chain, start, two, events).block(WAIT);
        assertThat(first).isEqualTo(new LedgerStore.BatchCounts(4, 1, 2));

        Cursor three = new Cursor(3, hash(0xb3));
        LedgerStore.BatchCounts replay = store.writeBatch(chain, two, three, events).block(WAIT);
        assertThat(replay).isEqualTo(new LedgerStore.BatchCounts(0, 0, 0));
        assertThat(count("SELECT count(*) FROM loan_shares WHERE chain_id = 11")).isEqualTo(2);
        assertThat(store.cursor(chain, -1).block(WAIT)).isEqualTo(three);
    }

    @Test
    void aBatchFromAStaleCursorWritesNothing() {
        long chain = 12;
        Cursor start = store.cursor(chain, 9).block(WAIT);
        store.writeBatch(chain, start, new Cursor(10, hash(0xc0)), List.of()).block(WAIT);
        assertThatThrownBy(() -> store.writeBatch(chain, start, new Cursor(11, hash(0xc1)), List.of(committed(chain, 11, 0, LP_A, 5)))
                .block(WAIT)).isInstanceOf(CursorMovedException.class);
        assertThat(count("SELECT count(*) FROM commitment_events WHERE chain_id = 12")).isZero();
        assertThat(store.cursor(chain, 9).block(WAIT)).isEqualTo(new Cursor(10, hash(0xc0)));
    }

    @Test
    void aRollbackDeletesOrphanedRowsAndRestoresTheCommitmentTheyReplaced() {
        long chain = 13;
        Cursor start = store.cursor(chain, -1).block(WAIT);
        Cursor one = new Cursor(1, hash(0xd1));
        Cursor three = new Cursor(3, hash(0xd3));
        store.writeBatch(chain, start, one, List.of(committed(chain, 1, 0, LP_A, 100))).block(WAIT);
        store.writeBatch(chain, one, three, List.of(loan(chain, 2, 0, 10, 1, LP_A, 10, null, 0), committed(chain, 3, 1, LP_A, 7),
                withdrawn(chain, 3, 2, LP_A, 1))).block(WAIT);
        assertThat(commitment(chain, LP_A)).isEqualTo(7);

        int deleted = store.rollback(chain, three, one).block(WAIT);
        assertThat(deleted).as("loan, its share, the commit and the withdrawal").isEqualTo(4);
        assertThat(commitment(chain, LP_A)).isEqualTo(100);
        assertThat(store.cursor(chain, -1).block(WAIT)).isEqualTo(one);
        assertThat(store.checkpoints(chain).block(WAIT)).containsExactly(one, new Cursor(-1, null));
    }

    @Test
    void providerAndLoanQueriesSumWhatWasWritten() {
        long chain = 14;
        Cursor start = store.cursor(chain, -1).block(WAIT);
        store.writeBatch(chain, start, new Cursor(5, hash(0xe5)), List.of(committed(chain, 1, 0, LP_A, 500),
                loan(chain, 2, 0, 1_000, 3, LP_A, 700, LP_B, 300), loan(chain, 3, 0, 100, 1, LP_A, 100, null, 0),
                withdrawn(chain, 4, 0, LP_A, 2))).block(WAIT);

        ProviderLedger a = ledger.provider(LP_A.toUpperCase().replace("0X", "0x")).block(WAIT);
        ProviderPosition position = a.positions().stream().filter(p -> p.chainId() == chain).findFirst().orElseThrow();
        assertThat(position.commitment()).isEqualTo(BigInteger.valueOf(500));
        assertThat(position.feesEarned()).as("2 of the first fee, 1 of the second").isEqualTo(BigInteger.valueOf(3));
        assertThat(position.withdrawn()).isEqualTo(BigInteger.TWO);
        assertThat(position.unwithdrawn()).isEqualTo(BigInteger.ONE);
        assertThat(position.latestLoans()).extracting(ProviderLoan::blockNumber).containsExactly(3L, 2L);
        assertThat(position.latestLoans().get(1).pulled()).isEqualTo(BigInteger.valueOf(700));

        List<LoanRecord> loans = ledger.loans(chain, 10).collectList().block(WAIT);
        assertThat(loans).extracting(LoanRecord::blockNumber).containsExactly(3L, 2L);
        assertThat(loans.get(1).shares()).containsExactly(new LoanShare(LP_A, BigInteger.valueOf(700), BigInteger.TWO),
                new LoanShare(LP_B, BigInteger.valueOf(300), BigInteger.ONE));
        assertThat(ledger.loans(chain, 1).collectList().block(WAIT)).hasSize(1);
        assertThatThrownBy(() -> ledger.loans(chain, 0).blockLast(WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.provider("0x123").block(WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.provider("0x" + "77".repeat(20)).block(WAIT).positions()).isEmpty();
    }

    @Test
    void anExecutionOfOneTransactionIsOneRowUpdatedByItsLaterOutcome() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Execution sent = new Execution("opp-1", 15, Execution.Status.TIMED_OUT, hash(0xf1), BigInteger.TEN, TOKEN, BigInteger.ONE,
                BigInteger.ZERO, 0, BigInteger.ZERO, -1, "no receipt", now, now);
        Execution mined = new Execution("opp-1", 15, Execution.Status.MINED, hash(0xf1), BigInteger.TEN, TOKEN, BigInteger.ONE,
                BigInteger.TWO, 150_000, BigInteger.valueOf(7), 42, null, now, now.plusSeconds(3));
        Execution skipped = new Execution("opp-2", 15, Execution.Status.SKIPPED, null, BigInteger.TEN, TOKEN, BigInteger.ONE.negate(),
                BigInteger.ZERO, 0, BigInteger.ZERO, -1, "re-quote no longer pays", now, now);
        Flux.concat(ledger.record(sent), ledger.record(mined), ledger.record(skipped), ledger.record(skipped)).blockLast(WAIT);
        assertThat(count("SELECT count(*) FROM executions WHERE chain_id = 15")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM executions WHERE chain_id = 15 AND status = 'MINED' AND realized_profit = 2 "
                + "AND block_number = 42")).isEqualTo(1);
    }

    @Test
    void theBenchmarkWritesEveryFeeShareAndCleansUp() {
        LedgerBenchmarkResult r = LedgerBenchmark.measure(db, 250, 4, 100).block(WAIT);
        assertThat(r.feeShareRows()).isEqualTo(1_000);
        assertThat(r.batches()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM loans WHERE chain_id = " + LedgerBenchmark.BENCH_CHAIN_ID)).isZero();
    }

    @Test
    void thePullHistoryOfAnInitiatorSumsItsLoansPullsPerProviderAndNothingElse() {
        long chain = 17;
        String executor = "0x" + "ee".repeat(20);
        String other = "0x" + "99".repeat(20);
        String otherToken = "0x" + "22".repeat(20);
        List<LedgerEvent> events = List.of(
                flashLoan(chain, 1, 0, TOKEN, executor, LP_A, 600, LP_B, 400),
                flashLoan(chain, 2, 0, TOKEN, executor, LP_B, 250, null, 0),
                flashLoan(chain, 3, 0, TOKEN, other, LP_A, 5_000, null, 0),
                flashLoan(chain, 4, 0, otherToken, executor, LP_A, 7_000, null, 0));
        store.writeBatch(chain, store.cursor(chain, 0).block(WAIT), new Cursor(4, hash(0xd4)), events).block(WAIT);
        store.writeBatch(chain + 1, store.cursor(chain + 1, 0).block(WAIT), new Cursor(5, hash(0xd5)),
                List.of(flashLoan(chain + 1, 5, 0, TOKEN, executor, LP_A, 9_000, null, 0))).block(WAIT);

        PullHistory history = ledger.pullHistory(chain, TOKEN.toUpperCase().replace("0X", "0x"), executor).block(WAIT);
        assertThat(history).isEqualTo(new PullHistory(2, BigInteger.valueOf(1_000),
                Map.of(LP_A, BigInteger.valueOf(600), LP_B, BigInteger.valueOf(650))));
        assertThat(ledger.pullHistory(chain, TOKEN, "0x" + "01".repeat(20)).block(WAIT)).isEqualTo(PullHistory.none());
        assertThatThrownBy(() -> ledger.pullHistory(chain, "0x12", executor).block(WAIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pingAnswers() {
        ledger.ping().block(WAIT);
    }

    @Test
    void aConfiguredUrlReachesTheSameServerAndFindsItsSchemaCurrent() {
        String password = db.embedded().credentials().servicePassword();
        String url = "r2dbc:postgresql://" + EmbeddedCredentials.SERVICE_ROLE + ":" + password + "@127.0.0.1:" + db.embedded().port()
                + "/" + EmbeddedServer.DATABASE;
        try (LedgerDatabase other = LedgerDatabase.startNow(DatabaseSettings.server(url))) {
            assertThat(other.migrate().block(WAIT)).isEqualTo(new MigrationResult(List.of(), 1));
            other.ledger(timer).ping().block(WAIT);
            assertThat(other.description()).contains("127.0.0.1").doesNotContain(password);
        }
    }

    @Test
    void theEmbeddedServerTakesNoLoginWithoutItsPasswordsAndTheServiceRoleCannotAdministerIt() throws Exception {
        Path dir = db.embedded().directory();
        Path file = dir.resolve(EmbeddedCredentials.FILE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        int port = db.embedded().port();
        for (String user : List.of("postgres", EmbeddedCredentials.SERVICE_ROLE)) {
            for (String password : new String[] {null, "wrong"}) {
                assertThatThrownBy(() -> query(port, user, password, "SELECT 1"))
                        .as("%s with password %s", user, password).hasStackTraceContaining(password == null ? "Password must not be null" : "password authentication failed");
            }
        }
        String service = db.embedded().credentials().servicePassword();
        assertThat(query(port, EmbeddedCredentials.SERVICE_ROLE, service, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                .isEqualTo("false");
        assertThat(query(port, EmbeddedCredentials.SERVICE_ROLE, service,
                "SELECT count(*)::text FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user")).isEqualTo("0");
        for (String admin : List.of("CREATE ROLE intruder LOGIN", "ALTER ROLE postgres PASSWORD 'x'", "CREATE DATABASE other")) {
            assertThatThrownBy(() -> query(port, EmbeddedCredentials.SERVICE_ROLE, service, admin)).as(admin)
                    .hasMessageContaining("permission denied");
        }
        assertThat(query(port, "postgres", db.embedded().credentials().adminPassword(), "SELECT current_user::text")).isEqualTo("postgres");
    }

    private static String query(int port, String user, String password, String sql) {
        io.r2dbc.postgresql.PostgresqlConnectionConfiguration.Builder config = io.r2dbc.postgresql.PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(port).username(user).database(EmbeddedServer.DATABASE);
        if (password != null) {
            config.password(password);
        }
        return new io.r2dbc.postgresql.PostgresqlConnectionFactory(config.build()).create()
                .flatMap(c -> c.createStatement(sql).execute().flatMap(r -> r.map((row, meta) -> String.valueOf(row.get(0))))
                        .collectList().flatMap(rows -> reactor.core.publisher.Mono.from(c.close()).thenReturn(rows.isEmpty() ? "" : rows.get(0)))
                        .onErrorResume(e -> reactor.core.publisher.Mono.from(c.close()).then(reactor.core.publisher.Mono.error(e))))
                .block(WAIT);
    }

    @Test
    void aStoppedServerMakesQueriesFailAsUnavailableUntilItIsBack() {
        db.embedded().stopNow();
        try {
            assertThatThrownBy(() -> ledger.ping().block(WAIT)).isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> ledger.loans(null, 5).blockLast(WAIT)).isInstanceOf(LedgerUnavailableException.class);
        } finally {
            db.embedded().startNow();
        }
        ledger.ping().block(WAIT);
    }

    @Test
    void samplesARouteOncePerIntervalAndSkipsTheRest() {
        RouteHop first = new RouteHop(16, "0x" + "01".repeat(20), TOKEN, LP_A);
        RouteHop back = new RouteHop(16, "0x" + "02".repeat(20), LP_A, TOKEN);
        Opportunity o = new Opportunity("route-1", Opportunity.Kind.CYCLIC, List.of(16L), List.of(first, back), BigInteger.TEN,
                BigInteger.valueOf(5), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(3), Map.of(16L, 9L), Instant.now(), TOKEN);
        Flux.concat(ledger.sample(o), ledger.sample(o)).blockLast(WAIT);
        assertThat(count("SELECT count(*) FROM opportunity_samples WHERE opportunity_id = 'route-1' AND net_profit = 3 "
                + "AND route LIKE '[{\"chainId\":16,%'")).isEqualTo(1);
    }

    private static long count(String sql) {
        return Sql.withConnection(db.pool(), c -> Flux.from(c.createStatement(sql).execute())
                .concatMap(r -> r.map((row, meta) -> row.get(0, Long.class)))).blockFirst(WAIT);
    }

    private static long commitment(long chain, String provider) {
        return count("SELECT amount::bigint FROM commitments WHERE chain_id = " + chain + " AND provider = '" + provider + "'");
    }

    static String hash(long n) {
        return String.format("0x%064x", n);
    }

    private static LogPosition at(long chain, long block, long index) {
        return new LogPosition(chain, hash(chain << 32 | block << 8 | index), index, block, hash(0xb000 + block));
    }

    private static LedgerEvent committed(long chain, long block, long index, String provider, long amount) {
        return new LedgerEvent.Committed(at(chain, block, index), TOKEN, provider, BigInteger.valueOf(amount));
    }

    private static LedgerEvent withdrawn(long chain, long block, long index, String provider, long amount) {
        return new LedgerEvent.Withdrawn(at(chain, block, index), TOKEN, provider, BigInteger.valueOf(amount));
    }

    /** A loan of {@code token} started by {@code initiator}, without a fee. */
    private static LedgerEvent flashLoan(long chain, long block, long index, String token, String initiator, String a, long pullA,
                                         String b, long pullB) {
        List<LoanShare> shares = b == null ? List.of(new LoanShare(a, BigInteger.valueOf(pullA), BigInteger.ZERO))
                : List.of(new LoanShare(a, BigInteger.valueOf(pullA), BigInteger.ZERO), new LoanShare(b, BigInteger.valueOf(pullB), BigInteger.ZERO));
        return new LedgerEvent.FlashLoan(at(chain, block, index), token, initiator, initiator, BigInteger.valueOf(pullA + pullB),
                BigInteger.ZERO, shares);
    }

    private static LedgerEvent loan(long chain, long block, long index, long amount, long fee, String a, long pullA, String b, long pullB) {
        List<LoanShare> shares = b == null ? List.of(new LoanShare(a, BigInteger.valueOf(pullA), BigInteger.valueOf(fee)))
                : List.of(new LoanShare(a, BigInteger.valueOf(pullA), BigInteger.valueOf(fee - fee / 3)),
                        new LoanShare(b, BigInteger.valueOf(pullB), BigInteger.valueOf(fee / 3)));
        return new LedgerEvent.FlashLoan(at(chain, block, index), TOKEN, LP_B, LP_B, BigInteger.valueOf(amount), BigInteger.valueOf(fee), shares);
    }
}
