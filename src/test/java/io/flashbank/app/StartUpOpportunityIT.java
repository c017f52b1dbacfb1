package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A mispricing that is already there when the engine starts, on a chain that then mines no block at all: the start-up
 * snapshot alone must put it in the book (no Sync event, no new head, no gas price from a later block).
 */
class StartUpOpportunityIT {
    private static EngineOnDevnet fixture;

    @BeforeAll
    static void start() {
        Scheduler io = Schedulers.newSingle("start-up-it");
        try {
            fixture = EngineOnDevnet.startNow("start-up", 1, true, false, null, devnet -> {
                for (DeployedChain chain : devnet.chains()) {
                    ChainClient client = new ChainClient(chain.chainId(), chain.wsUrl(), io, Duration.ofSeconds(10));
                    try {
                        client.call("evm_setIntervalMining", List.of(0)).block(Duration.ofSeconds(10));
                    } finally {
                        client.close();
                    }
                }
            });
        } finally {
            io.dispose();
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMispricingPresentAtStartIsRankedWithoutAnyNewBlock() {
        DeployedChain chain = fixture.chain(0);
        RankedView view = fixture.engine().book().views()
                .filter(v -> v.top().stream().anyMatch(o -> o.kind() == Opportunity.Kind.CYCLIC))
                .next()
                .timeout(Duration.ofSeconds(30))
                .onErrorResume(TimeoutException.class, e -> Mono.error(new AssertionError(
                        "no cyclic opportunity within 30 s of start; book " + fixture.engine().book().current()
                                + ", last window " + fixture.engine().lastWindow() + ", chains " + fixture.engine().chains())))
                .block(Duration.ofSeconds(40));
        Opportunity best = view.top().get(0);
        assertThat(best.chains()).containsExactly(chain.chainId());
        assertThat(best.netProfit()).isPositive();
        ChainClient client = new ChainClient(chain.chainId(), chain.wsUrl(), fixture.scheduler(), Duration.ofSeconds(10));
        try {
            long nodeHead = Quantities.bareQuantity(client.call("eth_blockNumber", List.of()).block(Duration.ofSeconds(10)),
                    "eth_blockNumber").longValueExact();
            assertThat(best.blockNumbers().get(chain.chainId())).as("priced at the snapshot's block; none mined since")
                    .isEqualTo(nodeHead);
        } finally {
            client.close();
        }
    }
}
