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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every LP endpoint against bad input, on a real engine over a real devnet chain and ledger: the right status and a
 * JSON error naming the problem, and nothing changes (no commitment on-chain, no new ledger row).
 */
class LiquidityApiBadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EngineOnDevnet fixture;
    private static String base;
    private static DeployedChain chain;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineOnDevnet.startNow("lp-bad-input", 1, false, true, null);
        base = fixture.baseUrl();
        chain = fixture.chain(0);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fresh() {
        return "0x" + "5".repeat(40);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"chainId": 31337,                                                          | 400 | malformed_json
            not an object             | [1,2,3]                                                                     | 400 | malformed_json
            unknown field             | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":"1","x":1}      | 400 | unknown_field
            chainId as string         | {"chainId":"31337","token":"TOKEN","provider":"PROV","amount":"1"}          | 400 | bad_field
            unknown chain             | {"chainId":5,"token":"TOKEN","provider":"PROV","amount":"1"}                | 422 | unknown_chain
            bad token address         | {"chainId":31337,"token":"0x12","provider":"PROV","amount":"1"}             | 400 | bad_address
            bad checksum              | {"chainId":31337,"token":"TOKEN","provider":"0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266","amount":"1"} | 400 | bad_checksum
            negative amount           | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":"-1"}           | 422 | bad_amount
            zero amount               | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":"0"}            | 422 | bad_amount
            amount as number          | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":1000}           | 400 | bad_field
            overflowing uint256       | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":"115792089237316195423570985008687907853269984665640564039457584007913129639936"} | 422 | bad_amount
            above FlashBank's cap     | {"chainId":31337,"token":"TOKEN","provider":"PROV","amount":"340282366920938463463374607431768211456"} | 422 | bad_amount
            token not listed          | {"chainId":31337,"token":"OTHER","provider":"PROV","amount":"1"}            | 422 | token_not_listed
            """)
    void refusesABadCommitmentRequestAndChangesNothing(String name, String body, int status, String code) throws Exception {
        String json = body.replace("TOKEN", chain.weth()).replace("OTHER", chain.tokens().get("TKA")).replace("PROV", fresh());
        String before = commitmentOfFresh();
        HttpResponse<String> res = post("/api/v1/commitments/prepare", "application/json", json);
        assertThat(res.statusCode()).as(name + ": " + res.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(res.body());
        assertThat(error.path("error").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(commitmentOfFresh()).isEqualTo(before);
    }

    @Test
    void refusesAWrongContentTypeWith415AndAHugeBodyWith413() throws Exception {
        String ok = "{\"chainId\":31337,\"token\":\"" + chain.weth() + "\",\"provider\":\"" + fresh() + "\",\"amount\":\"1\"}";
        assertThat(post("/api/v1/commitments/prepare", "text/plain", ok).statusCode()).isEqualTo(415);
        assertThat(post("/api/v1/commitments/prepare", null, ok).statusCode()).isEqualTo(415);
        String huge = "{\"chainId\":31337,\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
        HttpResponse<String> res = post("/api/v1/commitments/prepare", "application/json", huge);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(res.body()).path("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void refusesBadWithdrawalsBroadcastsAndQueries() throws Exception {
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP);
        HttpResponse<String> nothing = post("/api/v1/withdrawals/prepare", "application/json",
                "{\"chainId\":31337,\"token\":\"" + chain.weth() + "\",\"provider\":\"" + fresh() + "\"}");
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(nothing.body()).path("error").asText()).isEqualTo("nothing_to_withdraw");
        assertThat(post("/api/v1/withdrawals/prepare", "application/json", "{\"chainId\":31337,\"token\":\"" + chain.weth() + "\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> garbage = post("/api/v1/transactions", "application/json", "{\"chainId\":31337,\"signedTransaction\":\"0x02abcd\"}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).path("error").asText()).isEqualTo("bad_transaction");
        assertThat(post("/api/v1/transactions", "application/json", "{\"chainId\":31337,\"signedTransaction\":\"hello\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/transactions", "application/json", "{\"chainId\":99,\"signedTransaction\":\"0x02abcd\"}").statusCode())
                .isEqualTo(422);

        assertThat(get("/api/v1/providers/0x1234").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/loans?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/loans?chainId=abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/loans?chainId=99").statusCode()).isEqualTo(404);

        HttpResponse<String> provider = get("/api/v1/providers/" + lp);
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(200);
        JsonNode position = JSON.readTree(provider.body()).path("positions").get(0);
        assertThat(position.path("commitment").asText()).isEqualTo("150000000000000000000");
        HttpResponse<String> loans = get("/api/v1/loans?chainId=31337&limit=10");
        assertThat(loans.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(loans.body()).path("loans").size()).as("no loan was made").isZero();
    }

    @Test
    void refusesMalformedQueriesOutOfRangeChainIdsAndLooseJsonAndChangesNothing() throws Exception {
        for (String path : List.of("/api/v1/opportunities?limit=%zz", "/api/v1/loans?limit=%zz", "/api/v1/loans?chainId=%g1")) {
            String res = rawGet(path);
            assertThat(res).as(path).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_query\"");
        }
        String before = commitmentOfFresh();
        String provider = fresh();
        String tail = ",\"token\":\"" + chain.weth() + "\",\"provider\":\"" + provider + "\",\"amount\":\"5\"}";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("chainId 2^64 + 31337", "{\"chainId\":" + BigInteger.TWO.pow(64).add(BigInteger.valueOf(31337)) + tail);
        refused.put("chainId 2^63 + 31337", "{\"chainId\":" + BigInteger.TWO.pow(63).add(BigInteger.valueOf(31337)) + tail);
        refused.put("a duplicate key", "{\"chainId\":31337,\"amount\":\"-1\"" + tail);
        refused.put("trailing garbage", "{\"chainId\":31337" + tail + " {\"more\":1}");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            HttpResponse<String> res = post("/api/v1/commitments/prepare", "application/json", body.getValue());
            assertThat(res.statusCode()).as("%s -> %s", body.getKey(), res.body()).isEqualTo(400);
            assertThat(JSON.readTree(res.body()).path("message").asText()).as(body.getKey()).isNotBlank();
        }
        for (String type : List.of("application/jsonx", "application/json-patch+json", "text/json")) {
            assertThat(post("/api/v1/commitments/prepare", type, "{\"chainId\":31337" + tail).statusCode()).as(type).isEqualTo(415);
        }
        assertThat(post("/api/v1/commitments/prepare", "Application/JSON; charset=utf-8", "{\"chainId\":31337" + tail).statusCode())
                .as("a parameter and another case are still JSON").isEqualTo(200);
        assertThat(commitmentOfFresh()).isEqualTo(before);
    }

    @Test
    void refusesASignedTransactionForAnotherChainWithAUsedNonceOrAnImpossibleGasLimitBeforeTheNodeSeesIt() throws Exception {
        org.web3j.crypto.Credentials lp = DevnetAccounts.credentials(DevnetAccounts.FIRST_LP + 4);
        String from = DevnetAccounts.address(DevnetAccounts.FIRST_LP + 4);
        BigInteger next = nonce(from);
        assertThat(next).as("the LP has sent transactions at deployment").isPositive();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("wrong_chain", tx(lp, 31338, next, 100_000));
        refused.put("nonce_used", tx(lp, 31337, next.subtract(BigInteger.ONE), 100_000));
        refused.put("bad_gas", tx(lp, 31337, next, 1_000_000_000));
        refused.put("bad_gas ", tx(lp, 31337, next, 20_000));
        for (Map.Entry<String, String> c : refused.entrySet()) {
            String raw = c.getValue();
            HttpResponse<String> res = post("/api/v1/transactions", "application/json",
                    "{\"chainId\":31337,\"signedTransaction\":\"" + raw + "\"}");
            assertThat(res.statusCode()).as("%s: %s", c.getKey(), res.body()).isEqualTo(422);
            assertThat(JSON.readTree(res.body()).path("error").asText()).isEqualTo(c.getKey().trim());
        }
        assertThat(nonce(from)).as("nothing reached the chain").isEqualTo(next);
        HttpResponse<String> pending = HTTP.send(HttpRequest.newBuilder(URI.create(chainHttp())).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionCount\",\"params\":[\""
                        + from + "\",\"pending\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new BigInteger(JSON.readTree(pending.body()).path("result").asText().substring(2), 16))
                .as("nothing is pending at the node either").isEqualTo(next);
    }

    private static String tx(org.web3j.crypto.Credentials signer, long chainId, BigInteger nonce, long gas) {
        return io.flashbank.execute.SignedTransaction.eip1559(signer, chainId, nonce, BigInteger.ONE, BigInteger.valueOf(10_000_000_000L),
                BigInteger.valueOf(gas), chain.flashBank(), BigInteger.ZERO, "0x").raw();
    }

    private static String chainHttp() {
        return chain.wsUrl().replace("ws://", "http://");
    }

    private static BigInteger nonce(String address) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(chainHttp())).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionCount\",\"params\":[\""
                        + address + "\",\"latest\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        return new BigInteger(JSON.readTree(res.body()).path("result").asText().substring(2), 16);
    }

    /** A GET sent as raw bytes, for a target that java.net.URI refuses to build; the whole response as text. */
    private static String rawGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.engine().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String commitmentOfFresh() throws Exception {
        HttpResponse<String> res = get("/api/v1/providers/" + fresh());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        return body.path("positions").toString() + body.path("ledger").toString();
    }
}
