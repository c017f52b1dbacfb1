package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.app.EngineOnDevnet;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * {@code POST /api/v1/transactions} on a real anvil devnet: an LP's signed approve and commit are relayed and mined;
 * a transfer elsewhere, an approve for another spender or of an unlisted token are refused before the node sees them;
 * past the per-client burst the relay answers 429 with Retry-After. Every answer is checked against openapi.json.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransactionRelayIT {
    private static final int BURST = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Credentials LP = DevnetAccounts.credentials(DevnetAccounts.FIRST_LP + 2);
    /** Relay requests this class sent, each of which took a token. */
    private static final AtomicInteger SENT = new AtomicInteger();
    private static EngineOnDevnet fixture;
    private static DeployedChain chain;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        // a burst of BURST and one more a minute: the class never earns a second refill before it is done
        fixture = EngineOnDevnet.startNow("relay", 1, false, false, null, devnet -> { },
                config -> config.withHttp(config.http().withTransactionLimit(BURST, 1)));
        chain = fixture.chain(0);
        contract = new OpenApiContract(get("/openapi.json").body());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void anLpsSignedApproveAndCommitAreRelayedAndMined() throws Exception {
        String lp = LP.getAddress();
        BigInteger amount = BigInteger.TEN.pow(18);
        HttpResponse<String> prepared = post("/api/v1/commitments/prepare", "{\"chainId\":" + chain.chainId() + ",\"token\":\""
                + chain.weth() + "\",\"provider\":\"" + lp + "\",\"amount\":\"" + amount + "\"}");
        assertThat(prepared.statusCode()).as(prepared.body()).isEqualTo(200);
        List<String> purposes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (JsonNode tx : JSON.readTree(prepared.body()).path("transactions")) {
            purposes.add(tx.path("purpose").asText());
            String raw = sign(LP, quantity(tx, "nonce"), quantity(tx, "gas"), tx.path("to").asText(), BigInteger.ZERO,
                    tx.path("data").asText(), quantity(tx, "maxFeePerGas"));
            HttpResponse<String> res = relay(raw);
            assertThat(res.statusCode()).as(tx.path("purpose").asText() + ": " + res.body()).isEqualTo(202);
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.path("chainId").asLong()).isEqualTo(chain.chainId());
            hashes.add(body.path("hash").asText());
        }
        assertThat(purposes).as("an LP that never approved FlashBank gets approve, then commit").containsExactly("approve", "commit");
        for (String hash : hashes) {
            JsonNode receipt = awaitReceipt(hash);
            assertThat(receipt.path("status").asText()).as("receipt of " + hash).isEqualTo("0x1");
        }
        JsonNode positions = JSON.readTree(get("/api/v1/providers/" + lp).body()).path("positions");
        assertThat(positions.findValuesAsText("commitment")).as("positions " + positions).contains(amount.toString());
    }

    @Test
    @Order(2)
    void refusesATransferToAnotherAddressAndApprovalsForAnotherSpenderOrAnUnlistedTokenBeforeTheNodeSeesThem() throws Exception {
        String lp = LP.getAddress();
        BigInteger nonce = nonce(lp);
        String random = "0x" + "5e".repeat(20);
        BigInteger price = BigInteger.valueOf(10_000_000_000L);
        assertRefused(sign(LP, nonce, BigInteger.valueOf(21_000), random, BigInteger.ONE, "0x", price), "target_not_allowed");
        assertRefused(sign(LP, nonce, BigInteger.valueOf(60_000), chain.weth(), BigInteger.ZERO, approve(random), price),
                "spender_not_allowed");
        assertRefused(sign(LP, nonce, BigInteger.valueOf(60_000), chain.weth(), BigInteger.ZERO,
                "0xa9059cbb" + word(chain.flashBank()) + "0".repeat(63) + "1", price), "target_not_allowed");
        assertRefused(sign(LP, nonce, BigInteger.valueOf(60_000), chain.tokens().get("TKA"), BigInteger.ZERO,
                approve(chain.flashBank()), price), "token_not_listed");
        assertThat(nonce(lp)).as("nothing reached the chain").isEqualTo(nonce);
    }

    @Test
    @Order(3)
    void pastTheBurstAClientGets429WithRetryAfter() throws Exception {
        String garbage = "0x02abcd";
        HttpResponse<String> limited = null;
        for (int i = 0; i < BURST + 5 && limited == null; i++) {
            HttpResponse<String> res = relay(garbage);
            if (res.statusCode() == 429) {
                limited = res;
            } else {
                assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
            }
        }
        assertThat(limited).as("no 429 after " + SENT.get() + " requests with a burst of " + BURST).isNotNull();
        assertThat(SENT.get() - 1).as("requests served before the 429").isGreaterThanOrEqualTo(BURST);
        assertThat(JSON.readTree(limited.body()).path("error").asText()).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElse("0"));
        assertThat(retryAfter).as("Retry-After seconds").isBetween(1L, 60L);
        HttpResponse<String> again = relay(garbage);
        assertThat(again.statusCode()).as("no token came back at once: " + again.body()).isEqualTo(429);
        HttpResponse<String> prepare = post("/api/v1/commitments/prepare", "{\"chainId\":" + chain.chainId() + "}");
        assertThat(prepare.statusCode()).as("other endpoints are not limited: " + prepare.body()).isEqualTo(400);
    }

    private static void assertRefused(String raw, String code) throws Exception {
        HttpResponse<String> res = relay(raw);
        assertThat(res.statusCode()).as(code + ": " + res.body()).isEqualTo(403);
        assertThat(JSON.readTree(res.body()).path("error").asText()).as(res.body()).isEqualTo(code);
    }

    private static String approve(String spender) {
        return TransactionCall.APPROVE + word(spender) + "f".repeat(64);
    }

    private static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** A legacy EIP-155 transaction signed by {@code signer} for the devnet chain. */
    private static String sign(Credentials signer, BigInteger nonce, BigInteger gas, String to, BigInteger value, String data,
                               BigInteger gasPrice) {
        RawTransaction tx = RawTransaction.createTransaction(nonce, gasPrice, gas, to, value, data);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chain.chainId(), signer));
    }

    private static HttpResponse<String> relay(String raw) throws Exception {
        SENT.incrementAndGet();
        HttpResponse<String> res = post("/api/v1/transactions", "{\"chainId\":" + chain.chainId() + ",\"rawTransaction\":\"" + raw + "\"}");
        contract.check("POST", "/api/v1/transactions", res.statusCode(), res.headers().firstValue("content-type").orElse(null),
                res.headers().map(), res.body());
        return res;
    }

    private static JsonNode awaitReceipt(String hash) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode receipt = rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (!receipt.isNull()) {
                return receipt;
            }
            assertThat(System.nanoTime()).as("no receipt of " + hash + " within 30 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static BigInteger nonce(String address) throws Exception {
        return new BigInteger(rpc("eth_getTransactionCount", "[\"" + address + "\",\"pending\"]").asText().substring(2), 16);
    }

    private static JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(chain.wsUrl().replace("ws://", "http://")))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(res.body()).path("result");
    }

    private static BigInteger quantity(JsonNode tx, String field) {
        return new BigInteger(tx.path(field).asText().substring(2), 16);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
