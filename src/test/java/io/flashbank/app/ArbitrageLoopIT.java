package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.api.MonitorEvent;
import io.flashbank.chain.ChainRpc;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The whole loop on a real anvil chain with mispriced real Uniswap V2 pools and a real PostgreSQL ledger: five LPs
 * commit through the HTTP API, the engine executes flash-loan arbitrages through FlashBank, every LP keeps its WETH and
 * earns exactly its recorded share, the ledger equals the chain's events, and an LP withdraws with a prepared
 * transaction it signs itself.
 */
class ArbitrageLoopIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLASH_LOAN = Hash.sha3String(
            "FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    private static EngineOnDevnet fixture;
    private static Scheduler scheduler;
    private static Engine engine;
    private static DeployedChain chain;
    private static ChainRpc rpc;
    private static String base;
    private static final List<MonitorEvent> events = new CopyOnWriteArrayList<>();
    private static Disposable monitoring;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineOnDevnet.startNow("loop", 1, true, false, DevnetAccounts.credentials(DevnetAccounts.SEARCHER));
        scheduler = fixture.scheduler();
        engine = fixture.engine();
        monitoring = engine.monitor().events().subscribe(events::add);
        base = fixture.baseUrl();
        chain = fixture.chain(0);
        rpc = ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        if (monitoring != null) {
            monitoring.dispose();
        }
        if (rpc != null) {
            rpc.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void lpsCommitThroughTheApiTheEngineExecutesAndTheLedgerMatchesTheChain() throws Exception {
        Map<String, BigInteger> wethBefore = new HashMap<>();
        for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
            String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP + i);
            wethBefore.put(lp, balanceOf(chain.weth(), lp));
        }
        List<String> hashes = new DemoLiquidity(base).commitAllNow(List.of(chain));
        assertThat(hashes).as("approve + commit for each of five LPs").hasSize(10);

        waitUntil(() -> executions("mined") >= 2, "two mined executions", 90);
        // Let in-flight executions finish, then let the ledger catch up with every loan on the chain.
        waitUntil(() -> executionsInFlight() == 0, "executions to settle", 60);
        long loansOnChain = waitForLedgerToMatchChain();
        assertThat(loansOnChain).isGreaterThanOrEqualTo(2);

        BigInteger feesOnChain = BigInteger.ZERO;
        for (JsonNode log : flashLoanLogs()) {
            feesOnChain = feesOnChain.add(word(log.path("data").asText(), 1));
        }
        BigInteger feesInLedger = BigInteger.ZERO;
        for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
            String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP + i);
            assertThat(balanceOf(chain.weth(), lp)).as("LP %s keeps every wei of its WETH", lp).isEqualTo(wethBefore.get(lp));
            JsonNode provider = get("/api/v1/providers/" + lp);
            BigInteger onChain = new BigInteger(provider.path("positions").get(0).path("withdrawableNow").asText());
            BigInteger earned = provider.path("ledger").isEmpty() ? BigInteger.ZERO
                    : new BigInteger(provider.path("ledger").get(0).path("feesEarned").asText());
            assertThat(earned).as("ledger fee shares of %s equal FlashBank.profitOf", lp).isEqualTo(onChain);
            feesInLedger = feesInLedger.add(earned);
        }
        assertThat(feesInLedger).as("every fee paid on-chain was credited to some LP in the ledger").isEqualTo(feesOnChain);
        assertThat(feesOnChain).isPositive();

        // The largest LP withdraws through a prepared transaction it signs itself.
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP);
        BigInteger withdrawable = new BigInteger(get("/api/v1/providers/" + lp).path("positions").get(0).path("withdrawableNow").asText());
        assertThat(withdrawable).as("the largest LP earned fees").isPositive();
        JsonNode prepared = post("/api/v1/withdrawals/prepare",
                "{\"chainId\":" + chain.chainId() + ",\"token\":\"" + chain.weth() + "\",\"provider\":\"" + lp + "\"}");
        BigInteger amount = new BigInteger(prepared.path("amount").asText());
        BigInteger before = balanceOf(chain.weth(), lp);
        new DemoLiquidity(base).signAndSend(chain.chainId(), prepared.path("transactions"), DevnetAccounts.credentials(DevnetAccounts.FIRST_LP));
        waitUntil(() -> balanceOf(chain.weth(), lp).equals(before.add(amount)), "the withdrawal to reach the LP's wallet", 30);
        waitUntil(() -> {
            JsonNode ledger = get("/api/v1/providers/" + lp).path("ledger").get(0);
            return ledger != null && new BigInteger(ledger.path("withdrawn").asText()).equals(amount);
        }, "the ledger to show the withdrawal", 30);
        assertThat(events).anyMatch(e -> e instanceof MonitorEvent.Transaction t && t.status().equals("success"));
    }

    private static long executions(String status) {
        return events.stream().filter(e -> e instanceof MonitorEvent.Execution x && x.status().equals(status)).count();
    }

    private static long executionsInFlight() {
        // No execution event for two seconds means the executors are idle (no noise trades: prices only converge).
        long last = events.stream().filter(e -> e.type().equals("execution")).count();
        sleep(2000);
        return events.stream().filter(e -> e.type().equals("execution")).count() - last;
    }

    private static long waitForLedgerToMatchChain() {
        long[] onChain = new long[1];
        waitUntil(() -> {
            onChain[0] = flashLoanLogs().size();
            JsonNode loans = get("/api/v1/loans?chainId=" + chain.chainId() + "&limit=1000").path("loans");
            return loans.size() == onChain[0];
        }, "the ledger to hold every FlashLoan event", 60);
        return onChain[0];
    }

    private static List<JsonNode> flashLoanLogs() {
        JsonNode logs = rpc.call("eth_getLogs", List.of(Map.of("fromBlock", "0x0", "toBlock", "latest",
                "address", chain.flashBank(), "topics", List.of(FLASH_LOAN)))).block(Duration.ofSeconds(15));
        List<JsonNode> out = new java.util.ArrayList<>();
        logs.forEach(out::add);
        return out;
    }

    private static BigInteger balanceOf(String token, String account) {
        String data = "0x70a08231" + "0".repeat(24) + account.substring(2);
        String word = rpc.call("eth_call", List.of(Map.of("to", token, "data", data), "latest")).block(Duration.ofSeconds(15)).asText();
        return new BigInteger(word.substring(2), 16);
    }

    private static BigInteger word(String data, int index) {
        return new BigInteger(data.substring(2 + 64 * index, 2 + 64 * (index + 1)), 16);
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(path + " -> " + res.body()).isEqualTo(200);
            return JSON.readTree(res.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + " -> " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static void waitUntil(BooleanSupplier condition, String what, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; saw " + seen());
            }
            sleep(200);
        }
    }

    /** What the monitor showed so far: event counts by type, then every execution's status and reason. */
    private static String seen() {
        Map<String, Long> byType = new java.util.TreeMap<>();
        events.forEach(e -> byType.merge(e.type(), 1L, Long::sum));
        List<String> executions = events.stream().filter(e -> e instanceof MonitorEvent.Execution).map(e -> (MonitorEvent.Execution) e)
                .map(x -> x.status() + (x.reason() == null ? "" : " (" + x.reason() + ")"))
                .toList();
        return byType + ", executions " + executions;
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
