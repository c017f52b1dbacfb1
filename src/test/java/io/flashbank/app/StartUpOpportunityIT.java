package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.chain.ChainClient;
import io.flashbank.chain.Quantities;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A mispricing that is already there when the engine starts, on a chain that then mines no block at all: the start-up
 * snapshot alone must put it in the book (no Sync event, no new head, no gas price from a later block).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartUpOpportunityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    @Order(1)
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

    @Test
    @Order(2)
    void aConnectedChainWithoutNewHeadsIsStaleAndHealthAnswers503UntilBlocksResume() throws Exception {
        JsonNode stale = awaitHealth(503, "stale");
        assertThat(stale.path("status").asText()).isEqualTo("degraded");
        assertThat(stale.path("chains").get(0).path("connected").asBoolean()).as("the socket is up; only the head is old").isTrue();
        DeployedChain chain = fixture.chain(0);
        ChainClient client = new ChainClient(chain.chainId(), chain.wsUrl(), fixture.scheduler(), Duration.ofSeconds(10));
        try {
            client.call("evm_setIntervalMining", List.of(1)).block(Duration.ofSeconds(10));
        } finally {
            client.close();
        }
        assertThat(awaitHealth(200, "ok").path("status").asText()).isEqualTo("ok");
    }

    /** Polls /health until it answers {@code status} with the chain in {@code state}; fails with the last answer. */
    private static JsonNode awaitHealth(int status, String state) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(last.body());
            if (last.statusCode() == status && state.equals(body.path("chains").get(0).path("state").asText())) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no /health " + status + " with the chain " + state + " within 40 s; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }
}
