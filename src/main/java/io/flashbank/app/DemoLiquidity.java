package io.flashbank.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.devnet.DevnetMarket;
import io.flashbank.execute.SignedTransaction;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * The demo's liquidity providers commit the way real ones do: the API prepares the unsigned transactions, each LP's
 * own key signs them locally (anvil's public test keys), and the API broadcasts them. Blocking: entry point and tests.
 */
final class DemoLiquidity {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    DemoLiquidity(String base) {
        this.base = base;
    }

    /** Commits every LP's demo amount of WETH on every chain, and waits until FlashBank shows each commitment. */
    List<String> commitAllNow(List<DeployedChain> chains) throws IOException, InterruptedException {
        List<String> hashes = new ArrayList<>();
        for (DeployedChain chain : chains) {
            for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
                BigInteger amount = ETHER.multiply(BigInteger.valueOf(DevnetMarket.LP_COMMITS[i]));
                hashes.addAll(commitNow(chain, DevnetAccounts.credentials(DevnetAccounts.FIRST_LP + i), amount));
            }
        }
        for (DeployedChain chain : chains) {
            for (int i = 0; i < DevnetAccounts.LP_COUNT; i++) {
                awaitCommitment(chain, DevnetAccounts.address(DevnetAccounts.FIRST_LP + i),
                        ETHER.multiply(BigInteger.valueOf(DevnetMarket.LP_COMMITS[i])));
            }
        }
        return hashes;
    }

    /** prepare → sign locally → broadcast, for one LP; returns the broadcast transaction hashes. */
    List<String> commitNow(DeployedChain chain, Credentials lp, BigInteger amount) throws IOException, InterruptedException {
        String request = JSON.writeValueAsString(java.util.Map.of("chainId", chain.chainId(), "token", chain.weth(),
                "provider", lp.getAddress(), "amount", amount.toString()));
        JsonNode prepared = post("/api/v1/commitments/prepare", request);
        return signAndSend(chain.chainId(), prepared.path("transactions"), lp);
    }

    /** Signs each prepared transaction with {@code signer} and broadcasts it through the API. */
    List<String> signAndSend(long chainId, JsonNode transactions, Credentials signer) throws IOException, InterruptedException {
        List<String> hashes = new ArrayList<>();
        for (JsonNode tx : transactions) {
            String raw = SignedTransaction.eip1559(signer, chainId, quantity(tx, "nonce"), quantity(tx, "maxPriorityFeePerGas"),
                    quantity(tx, "maxFeePerGas"), quantity(tx, "gas"), tx.path("to").asText(), quantity(tx, "value"),
                    tx.path("data").asText()).raw();
            JsonNode sent = post("/api/v1/transactions", JSON.writeValueAsString(java.util.Map.of("chainId", chainId, "rawTransaction", raw)));
            hashes.add(sent.path("hash").asText());
        }
        return hashes;
    }

    private void awaitCommitment(DeployedChain chain, String lp, BigInteger amount) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/providers/" + lp)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 200) {
                for (JsonNode p : JSON.readTree(res.body()).path("positions")) {
                    if (p.path("chainId").asLong() == chain.chainId() && new BigInteger(p.path("commitment").asText()).equals(amount)) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("LP " + lp + " on chain " + chain.chainId() + " did not reach a commitment of " + amount);
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    private static BigInteger quantity(JsonNode tx, String field) {
        return new BigInteger(tx.path(field).asText().substring(2), 16);
    }
}
