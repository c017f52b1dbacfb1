package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.config.ChainConfig;
import io.flashbank.config.FactoryConfig;
import io.flashbank.execute.ChainExecutor;
import io.flashbank.execute.Execution;
import io.flashbank.execute.ExecutionReport;
import io.flashbank.execute.PullHistory;
import io.flashbank.ledger.Ledger;
import io.flashbank.ledger.LedgerUnavailableException;
import io.flashbank.ledger.LoanRecord;
import io.flashbank.ledger.ProviderLedger;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class FairPullSeedTest {
    private static final String WETH = "0x" + "11".repeat(20);
    private static final String USDC = "0x" + "22".repeat(20);
    private static final String EXECUTOR = "0x" + "ee".repeat(20);
    private static final String LP = "0x" + "aa".repeat(20);
    private static final ChainConfig CHAIN = new ChainConfig("one", 5, URI.create("ws://127.0.0.1:1"),
            List.of(new FactoryConfig("0x" + "fa".repeat(20), 30)), List.of(), List.of(WETH, USDC), WETH, "0x" + "fb".repeat(20), EXECUTOR,
            "0x" + "fc".repeat(20), BigInteger.ONE);

    @Test
    void seedsEachBaseTokenWithWhatTheChainsExecutorPulledBefore() {
        PullHistory weth = new PullHistory(2, BigInteger.TEN, Map.of(LP, BigInteger.valueOf(15)));
        PullHistory usdc = new PullHistory(1, BigInteger.ONE, Map.of(LP, BigInteger.ONE));
        HistoryLedger ledger = new HistoryLedger(Map.of(WETH, Mono.just(weth), USDC, Mono.just(usdc)));
        SeedRecorder executor = new SeedRecorder(true);
        assertThat(FairPullSeed.seed(ledger, CHAIN, executor).block(Duration.ofSeconds(5))).isEqualTo(2);
        assertThat(executor.seeds).containsExactly(Map.entry(WETH, weth), Map.entry(USDC, usdc));
        assertThat(ledger.asked).containsExactly("5|" + WETH + "|" + EXECUTOR, "5|" + USDC + "|" + EXECUTOR);
    }

    @Test
    void aTokenWhoseHistoryCannotBeReadStartsOverWithoutStoppingTheOthers() {
        PullHistory usdc = new PullHistory(1, BigInteger.ONE, Map.of(LP, BigInteger.ONE));
        HistoryLedger ledger = new HistoryLedger(Map.of(WETH, Mono.error(new LedgerUnavailableException("database down", null)),
                USDC, Mono.just(usdc)));
        SeedRecorder executor = new SeedRecorder(true);
        assertThat(FairPullSeed.seed(ledger, CHAIN, executor).block(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(executor.seeds).containsOnlyKeys(USDC);
    }

    @Test
    void countsOnlyTheSeedsTheExecutorTook() {
        HistoryLedger ledger = new HistoryLedger(Map.of(WETH, Mono.just(PullHistory.none()), USDC, Mono.just(PullHistory.none())));
        assertThat(FairPullSeed.seed(ledger, CHAIN, new SeedRecorder(false)).block(Duration.ofSeconds(5))).isZero();
    }

    /** A ledger that only answers pullHistory, per token. */
    private static final class HistoryLedger implements Ledger {
        private final Map<String, Mono<PullHistory>> histories;
        final List<String> asked = new ArrayList<>();

        HistoryLedger(Map<String, Mono<PullHistory>> histories) {
            this.histories = histories;
        }

        @Override
        public Mono<PullHistory> pullHistory(long chainId, String token, String initiator) {
            asked.add(chainId + "|" + token + "|" + initiator);
            return histories.get(token);
        }

        @Override
        public Mono<Void> record(Execution execution) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> sample(Opportunity opportunity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<ProviderLedger> provider(String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<LoanRecord> loans(Long chainId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> ping() {
            throw new UnsupportedOperationException();
        }
    }

    /** An executor that only takes seeds. */
    private static final class SeedRecorder implements ChainExecutor {
        private final boolean takes;
        final Map<String, PullHistory> seeds = new LinkedHashMap<>();

        SeedRecorder(boolean takes) {
            this.takes = takes;
        }

        @Override
        public boolean seedFairPulls(String token, PullHistory history) {
            if (takes) {
                seeds.put(token, history);
            }
            return takes;
        }

        @Override
        public long chainId() {
            return CHAIN.chainId();
        }

        @Override
        public Flux<Execution> executions(Flux<Opportunity> opportunities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<ExecutionReport> reports(Flux<Opportunity> opportunities) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<ExecutionReport> reportsFromViews(Flux<RankedView> views) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<ExecutionReport> execute(Opportunity opportunity) {
            throw new UnsupportedOperationException();
        }
    }
}
