package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.app.EngineOnDevnet;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The LP API on a real two-chain devnet while one chain's node is stopped (SIGSTOP) or killed: the API answers
 * for that chain again once the node does, and a provider's position comes back for the healthy chain meanwhile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EngineOnDevnet fixture;

    @BeforeAll
    static void start() {
        fixture = EngineOnDevnet.startNow("chain-faults", 2, true, true, DevnetAccounts.credentials(DevnetAccounts.SEARCHER));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            signal(fixture.devnet().nodes().get(0), "CONT");
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void theLpApiAnswersForAChainAgainAfterItsNodeWasStopped() throws Exception {
        DeployedChain chain = fixture.chain(0);
        String body = "{\"chainId\":" + chain.chainId() + ",\"token\":\"" + chain.weth() + "\",\"provider\":\""
                + DevnetAccounts.address(DevnetAccounts.FIRST_LP) + "\",\"amount\":\"1000\"}";
        assertThat(post("/api/v1/commitments/prepare", body).statusCode()).isEqualTo(200);

        AnvilProcess node = fixture.devnet().nodes().get(0);
        signal(node, "STOP");
        // requests while the node is stopped: they must fail (503), and must not leave the API broken afterwards
        List<CompletableFuture<HttpResponse<String>>> during = new ArrayList<>();
        // longer than the engine's 10 s RPC timeout, so that calls in flight time out
        for (int i = 0; i < 8; i++) {
            during.add(postAsync("/api/v1/commitments/prepare", body));
            during.add(postAsync("/api/v1/withdrawals/prepare", withdrawal(chain)));
            TimeUnit.MILLISECONDS.sleep(2_000);
        }
        signal(node, "CONT");
        List<String> duringStatuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : during) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            duringStatuses.add(r.statusCode() + " " + r.body());
        }

        List<String> after = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = post("/api/v1/commitments/prepare", body);
            after.add(last.statusCode() + " " + last.body());
            if (last.statusCode() == 200) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertThat(duringStatuses).as("answers during the stall").anyMatch(s -> s.startsWith("503"));
        assertThat(last.statusCode()).as("after the node resumed, %d answers, the last: %s (during the stall: %s)", after.size(),
                after.subList(Math.max(0, after.size() - 2), after.size()), duringStatuses.subList(0, 2)).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> again = post("/api/v1/commitments/prepare", body);
            assertThat(again.statusCode()).as("request %d after recovery: %s", i, again.body()).isEqualTo(200);
            HttpResponse<String> withdraw = post("/api/v1/withdrawals/prepare", withdrawal(chain));
            assertThat(withdraw.statusCode()).as("withdrawal %d after recovery: %s", i, withdraw.body()).isIn(200, 422);
            assertThat(withdraw.body()).doesNotContain("chain_unavailable");
        }
    }

    @Test
    @Order(2)
    void withOneChainDeadAProviderGetsTheOtherChainAndTheLedgerWithTheDeadPartMarked() throws Exception {
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP);
        AnvilProcess dead = fixture.devnet().nodes().get(1);
        dead.stopNow();
        try {
            HttpResponse<String> res = get("/api/v1/providers/" + lp);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode body = json(res);
            List<Long> chains = new ArrayList<>();
            body.path("positions").forEach(p -> chains.add(p.path("chainId").asLong()));
            assertThat(chains).as("positions of %s", res.body()).isNotEmpty().containsOnly(fixture.chain(0).chainId());
            assertThat(body.path("positions").get(0).path("commitment").asText()).isEqualTo("150000000000000000000");
            assertThat(body.path("ledger").isArray()).as(res.body()).isTrue();
            JsonNode unavailable = body.path("unavailable");
            assertThat(unavailable.size()).as(res.body()).isEqualTo(1);
            assertThat(unavailable.get(0).path("chainId").asLong()).isEqualTo(fixture.chain(1).chainId());
            assertThat(unavailable.get(0).path("error").asText()).isEqualTo("chain_unavailable");
            assertThat(unavailable.get(0).path("message").asText()).isNotBlank();
        } finally {
            dead.startNow(Duration.ofSeconds(1));
        }
        // once the node is back, the answer is whole again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode whole = null;
        while (System.nanoTime() < deadline) {
            whole = json(get("/api/v1/providers/" + lp));
            if (whole.path("unavailable").isEmpty() && whole.path("positions").size() == 2) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        assertThat(whole.path("positions").size()).as("after the restart: %s", whole).isEqualTo(2);
        assertThat(whole.path("unavailable").isEmpty()).isTrue();
    }

    @Test
    @Order(3)
    void aKilledDevnetNodeIsRestartedFromItsStateFileAndTheEngineFollowsItAgain() throws Exception {
        AnvilProcess node = fixture.devnet().nodes().get(1);
        long before = chainHead(1);
        TimeUnit.SECONDS.sleep(Devnet.STATE_DUMP_EVERY.toSeconds() + 1);
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(node.pid())).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
        List<String> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable supervisor = fixture.devnet().supervise(Duration.ofSeconds(1), Duration.ofMillis(500))
                .subscribe(restarts::add);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !(restarts.size() > 0 && "ok".equals(chainState(1)) && chainHead(1) > before)) {
                TimeUnit.MILLISECONDS.sleep(250);
            }
            assertThat(restarts).as("the supervisor's report").hasSize(1).allMatch(l -> l.contains("restarted it from its state file"));
            assertThat(node.isAlive()).isTrue();
            assertThat(chainState(1)).as("the engine follows the restarted chain: %s", get("/health").body()).isEqualTo("ok");
            assertThat(chainHead(1)).as("the chain resumed from its state, not from genesis").isGreaterThan(before);
            HttpResponse<String> provider = get("/api/v1/providers/" + DevnetAccounts.address(DevnetAccounts.FIRST_LP));
            assertThat(json(provider).path("unavailable").isEmpty()).as(provider.body()).isTrue();
            assertThat(json(provider).path("positions").get(1).path("commitment").asText())
                    .as("its FlashBank state survived").isEqualTo("150000000000000000000");
        } finally {
            supervisor.dispose();
        }
    }

    private static JsonNode chainHealth(int index) throws Exception {
        for (JsonNode c : json(get("/health")).path("chains")) {
            if (c.path("chainId").asLong() == fixture.chain(index).chainId()) {
                return c;
            }
        }
        throw new AssertionError("no chain " + index + " in /health");
    }

    private static String chainState(int index) throws Exception {
        return chainHealth(index).path("state").asText();
    }

    private static long chainHead(int index) throws Exception {
        return chainHealth(index).path("head").asLong();
    }

    private static String withdrawal(DeployedChain chain) {
        return "{\"chainId\":" + chain.chainId() + ",\"token\":\"" + chain.weth() + "\",\"provider\":\""
                + DevnetAccounts.address(DevnetAccounts.FIRST_LP) + "\"}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return postAsync(path, body).get(60, TimeUnit.SECONDS);
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).timeout(Duration.ofSeconds(50))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).timeout(Duration.ofSeconds(50)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body());
    }

    private static void signal(AnvilProcess node, String name) throws Exception {
        if (node.isAlive()) {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(node.pid())).inheritIO().start();
            assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).as("kill -%s", name).isZero();
        }
    }
}
