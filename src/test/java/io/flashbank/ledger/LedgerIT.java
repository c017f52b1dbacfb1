package io.flashbank.ledger;

import static io.flashbank.ledger.DevnetDriver.ETHER;
import static io.flashbank.ledger.DevnetDriver.account;
import static io.flashbank.ledger.DevnetDriver.address;
import static io.flashbank.ledger.DevnetDriver.addresses;
import static io.flashbank.ledger.DevnetDriver.noBytes;
import static io.flashbank.ledger.DevnetDriver.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.ChainIngest;
import io.flashbank.chain.ChainRpc;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The ledger built from a real devnet chain (FlashBank with five committed LPs, real flash loans through the test
 * borrower and a real arbitrage through the executor) into a real embedded PostgreSQL: rows equal the chain's events,
 * and stay equal across an indexer restart, a database outage and a reorg. The indexer follows the chain through a
 * real {@link ChainIngest}'s canonical block stream, as in the engine. The tests run in order on one chain.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LOAN = "flashLoan(address,address,uint256,bytes)";
    private static final String LOAN_FROM = "flashLoanFrom(address,address,uint256,bytes,address[])";
    private static final int LP1 = DevnetAccounts.FIRST_LP;
    private static Scheduler io;
    private static Scheduler timer;
    private static Devnet devnet;
    private static DeployedChain chain;
    private static ChainRpc rpc;
    private static DevnetDriver driver;
    private static ChainClient client;
    private static LedgerDatabase db;
    private static IndexerSettings settings;
    private static String borrower;
    private static final List<LedgerSignal> signals = new CopyOnWriteArrayList<>();
    private static Disposable indexing;
    private static ChainIngest ingest;
    private static Disposable following;

    @BeforeAll
    static void start() throws Exception {
        io = Schedulers.newBoundedElastic(8, 1000, "ledger-it");
        timer = Schedulers.newSingle("ledger-it-timer");
        Path work = Files.createTempDirectory("flashbank-ledger-it");
        devnet = Devnet.start(work, 1, Artifacts.locate(), io, Duration.ofSeconds(1)).block(Duration.ofMinutes(3));
        chain = devnet.chains().get(0);
        rpc = ChainRpc.connect(chain.wsUrl(), io, Duration.ofSeconds(20)).block(WAIT);
        driver = new DevnetDriver(rpc);
        borrower = driver.deploy(0, Artifacts.locate().forge("FlashBorrowerMock"), address(chain.flashBank()));
        driver.send(0, chain.weth(), "transfer(address,uint256)", address(borrower), uint(ETHER));
        client = new ChainClient(chain.chainId(), chain.wsUrl(), io, Duration.ofSeconds(10));
        // The canonical block stream the engine feeds the ledger from: a real ChainIngest following the chain.
        ingest = new ChainIngest(devnet.writeConfig(work.resolve("config.yaml"), 0).chains().get(0), io, Duration.ofSeconds(10),
                Clock.systemUTC());
        following = ingest.marketEvents().subscribe();
        db = LedgerDatabase.startNow(DatabaseSettings.embedded(work.resolve("postgres")));
        assertThat(db.migrate().block(WAIT).applied()).containsExactly(1);
        settings = IndexerSettings.defaults(chain.chainId(), chain.flashBank(), chain.executor())
                .withConfirmations(1).withPollInterval(Duration.ofMillis(250)).withMaxBackoff(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (indexing != null) {
            indexing.dispose();
        }
        if (following != null) {
            following.dispose();
        }
        if (client != null) {
            client.close();
        }
        if (rpc != null) {
            rpc.close();
        }
        if (db != null) {
            db.close();
        }
        if (devnet != null) {
            devnet.close();
        }
        io.dispose();
        timer.dispose();
    }

    @Test
    @Order(1)
    void migrationsAppliedTwiceAreANoOp() {
        assertThat(db.migrate().block(WAIT)).isEqualTo(new MigrationResult(List.of(), 1));
    }

    @Test
    @Order(2)
    void rowsEqualTheChainsEventsForLoansWithdrawalsCommitmentsPrunesAndAnArbitrage() {
        startIndexer();
        driver.send(0, chain.flashBank(), LOAN, address(borrower), address(chain.weth()), uint(ETHER.multiply(BigInteger.TEN)), noBytes());
        driver.send(0, chain.flashBank(), LOAN_FROM, address(borrower), address(chain.weth()), uint(ETHER.multiply(BigInteger.valueOf(7))),
                noBytes(), addresses(account(LP1 + 2), account(LP1)));
        arbitrage();
        driver.send(LP1, chain.flashBank(), "withdrawProfits(address)", address(chain.weth()));
        driver.send(LP1 + 1, chain.flashBank(), "commit(address,uint256)", address(chain.weth()), uint(ETHER.multiply(BigInteger.valueOf(90))));
        driver.send(LP1 + 4, chain.weth(), "approve(address,uint256)", address(chain.flashBank()), uint(BigInteger.ZERO));
        long last = DevnetDriver.blockOf(driver.send(0, chain.flashBank(), "prune(address,address)", address(chain.weth()),
                address(account(LP1 + 4))));

        Map<String, List<String>> rows = awaitLedgerAt(last);
        assertThat(rows.get("commitment_events")).as("5 commits at deployment, one more, one prune").hasSize(7);
        assertThat(rows.get("loans")).as("two test loans and the arbitrage's").hasSize(3);
        assertThat(rows.get("withdrawals")).hasSize(1);
        assertThat(rows.get("arbitrage_events")).hasSize(1);
        assertThat(signals).noneMatch(s -> s instanceof LedgerSignal.Failed || s instanceof LedgerSignal.MalformedLog);
        assertLedgerMatchesViews();
    }

    @Test
    @Order(3)
    void aRestartedIndexerResumesFromItsCursorWithoutDuplicates() {
        indexing.dispose();
        long cursor = cursor().blockNumber();
        long last = DevnetDriver.blockOf(driver.send(0, chain.flashBank(), LOAN, address(borrower), address(chain.weth()),
                uint(ETHER.multiply(BigInteger.valueOf(3))), noBytes()));
        signals.clear();
        startIndexer();
        Map<String, List<String>> rows = awaitLedgerAt(last);
        LedgerSignal.BatchWritten first = (LedgerSignal.BatchWritten) signals.stream()
                .filter(s -> s instanceof LedgerSignal.BatchWritten).findFirst().orElseThrow();
        assertThat(first.fromBlock()).as("resumes right after the stored cursor").isEqualTo(cursor + 1);
        assertThat(rows.get("loans")).hasSize(4);
        assertLedgerMatchesViews();
    }

    @Test
    @Order(4)
    void aDatabaseOutageLosesAndDuplicatesNothing() {
        signals.clear();
        db.embedded().stopNow();
        driver.send(0, chain.flashBank(), LOAN, address(borrower), address(chain.weth()), uint(ETHER.multiply(BigInteger.TWO)), noBytes());
        driver.send(LP1 + 2, chain.flashBank(), "withdrawProfits(address)", address(chain.weth()));
        long last = DevnetDriver.blockOf(driver.send(0, chain.flashBank(), LOAN_FROM, address(borrower), address(chain.weth()),
                uint(ETHER), noBytes(), addresses(account(LP1 + 1))));
        awaitSignal(s -> s instanceof LedgerSignal.Failed f && f.stage().equals("database") && f.attempt() >= 2);
        db.embedded().startNow();

        Map<String, List<String>> rows = awaitLedgerAt(last);
        assertThat(rows.get("loans")).hasSize(6);
        assertThat(rows.get("withdrawals")).hasSize(2);
        db.ledger(timer).ping().block(WAIT);
        assertLedgerMatchesViews();
    }

    @Test
    @Order(5)
    void aReorgRollsBackTheRowsOfOrphanedBlocks() {
        String snapshot = driver.raw("evm_snapshot").asText();
        long orphaned = DevnetDriver.blockOf(driver.send(0, chain.flashBank(), LOAN, address(borrower), address(chain.weth()),
                uint(ETHER.multiply(BigInteger.valueOf(4))), noBytes()));
        assertThat(awaitLedgerAt(orphaned).get("loans")).hasSize(7);
        signals.clear();

        assertThat(driver.raw("evm_revert", snapshot).asBoolean()).isTrue();
        long replacedFrom = driver.blockNumber() + 1;
        for (long b = replacedFrom; b <= orphaned + 1; b++) {
            driver.raw("evm_mine");
        }
        LedgerSignal.RolledBack rollback = (LedgerSignal.RolledBack) awaitSignal(s -> s instanceof LedgerSignal.RolledBack);
        assertThat(rollback.ancestor()).isLessThan(replacedFrom);
        assertThat(rollback.rowsDeleted()).as("the loan and its shares").isGreaterThanOrEqualTo(2);
        Map<String, List<String>> rows = awaitLedgerAt(driver.blockNumber() - 1);
        assertThat(rows.get("loans")).hasSize(6);
        assertLedgerMatchesViews();
    }

    /** A real mispricing between the two factories' WETH/TKA pairs, run through the executor with a pro-rata loan. */
    private static void arbitrage() {
        String tka = chain.tokens().get("TKA");
        boolean wethFirst = chain.weth().compareTo(tka) < 0;
        BigInteger amount = ETHER.divide(BigInteger.TEN);
        String[][] orders = {{chain.pairs().get(0), chain.pairs().get(5)}, {chain.pairs().get(5), chain.pairs().get(0)}};
        for (String[] pairs : orders) {
            String data = DevnetDriver.execute(chain.flashBank(), chain.weth(), amount, pairs, new boolean[] {wethFirst, !wethFirst},
                    BigInteger.ONE);
            try {
                driver.callRaw(DevnetAccounts.SEARCHER, chain.executor(), data);
            } catch (RuntimeException unprofitable) {
                continue;
            }
            driver.sendRaw(DevnetAccounts.SEARCHER, chain.executor(), data);
            return;
        }
        throw new AssertionError("neither direction of the seeded WETH/TKA mispricing is profitable");
    }

    private static void startIndexer() {
        indexing = db.indexer(settings, ingest.signals(), client, timer).run().subscribe(signals::add);
    }

    private static Cursor cursor() {
        return new LedgerStore(db.pool()).cursor(chain.chainId(), -1).block(WAIT);
    }

    /** Waits until the ledger's cursor has passed {@code block}; returns the rows, asserted equal to the chain's. */
    private static Map<String, List<String>> awaitLedgerAt(long block) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (cursor().blockNumber() >= block) {
                    break;
                }
            } catch (RuntimeException databaseNotBackYet) {
                // keep waiting
            }
            sleep(200);
        }
        Cursor at = cursor();
        assertThat(at.blockNumber()).as("the indexer reached block " + block + "; signals " + signals).isGreaterThanOrEqualTo(block);
        Map<String, List<String>> expected = LedgerRows.fromChain(rpc, chain.flashBank(), chain.executor(), at.blockNumber());
        Map<String, List<String>> actual = LedgerRows.fromDatabase(db, chain.chainId());
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    private static LedgerSignal awaitSignal(Predicate<LedgerSignal> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (LedgerSignal s : signals) {
                if (wanted.test(s)) {
                    return s;
                }
            }
            sleep(100);
        }
        throw new AssertionError("no such signal within " + WAIT + ": " + signals);
    }

    /** Every LP's fees earned minus withdrawn equals FlashBank's profitOf, and its commitment equals commitmentOf. */
    private static void assertLedgerMatchesViews() {
        Ledger ledger = db.ledger(timer);
        for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
            String lp = account(LP1 + i);
            ProviderPosition position = ledger.provider(lp).block(WAIT).positions().stream()
                    .filter(p -> p.chainId() == chain.chainId() && p.token().equals(chain.weth())).findFirst().orElseThrow();
            assertThat(position.unwithdrawn()).as("profitOf LP %d", i + 1)
                    .isEqualTo(driver.view(chain.flashBank(), "profitOf(address,address)", address(chain.weth()), address(lp)));
            assertThat(position.commitment()).as("commitmentOf LP %d", i + 1)
                    .isEqualTo(driver.view(chain.flashBank(), "commitmentOf(address,address)", address(chain.weth()), address(lp)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
