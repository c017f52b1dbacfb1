package io.flashbank.app;

import io.flashbank.config.ChainConfig;
import io.flashbank.execute.ChainExecutor;
import io.flashbank.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rebuilds one chain's fair pull schedules from the ledger at engine start, so a restart does not reset fairness. */
final class FairPullSeed {
    private static final Logger LOG = LoggerFactory.getLogger(FairPullSeed.class);

    private FairPullSeed() {
    }

    /**
     * Seeds {@code executor} with the ledger's history of the loans the chain's ArbitrageExecutor made in each base
     * token, one token after another. A token whose history cannot be read (database down or slow) starts its schedule
     * over, with a warning: seeding never stops execution. Emits how many tokens were seeded, then completes.
     */
    static Mono<Integer> seed(Ledger ledger, ChainConfig chain, ChainExecutor executor) {
        return Flux.fromIterable(chain.baseTokens())
                .concatMap(token -> ledger.pullHistory(chain.chainId(), token, chain.executor())
                        .map(history -> {
                            boolean taken = executor.seedFairPulls(token, history);
                            LOG.info("chain {}: fair pulls of {} {} from {} recorded loans ({} providers)", chain.chainId(), token,
                                    taken ? "rebuilt" : "not rebuilt (a loan was already recorded)", history.loans(), history.pulled().size());
                            return taken ? 1 : 0;
                        })
                        .onErrorResume(e -> {
                            LOG.warn("chain {}: fair pulls of {} start over: the ledger's history could not be read: {}", chain.chainId(),
                                    token, e.getMessage());
                            return Mono.just(0);
                        }))
                .reduce(0, Integer::sum);
    }
}
