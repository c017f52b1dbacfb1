package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.app.EngineOnDevnet;
import io.flashbank.chain.ChainRpc;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.DevnetAccounts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * {@code GET /api/v1/tokens} and {@code GET /api/v1/fees} against a real anvil chain: symbols and decimals as the
 * token contracts answer them (a six-decimal token deployed here among them), kept after the first read; base fees as
 * the chain's blocks carry them; bad input refused.
 */
class ChainFactsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EngineOnDevnet fixture;
    private static DeployedChain chain;
    private static ChainRpc rpc;
    private static String usdc;

    @BeforeAll
    static void start() {
        fixture = EngineOnDevnet.startNow("facts", 1, false, true, null);
        chain = fixture.chain(0);
        rpc = ChainRpc.connect(chain.wsUrl(), fixture.scheduler(), Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
        String data = Artifacts.locate().forge("MockERC20")
                + FunctionEncoder.encodeConstructor(List.of(new Utf8String("USD Coin"), new Utf8String("USDC"), new Uint8(6)));
        String hash = rpc.call("eth_sendTransaction", List.of(Map.of("from", DevnetAccounts.address(DevnetAccounts.DEPLOYER), "data", data)))
                .block(Duration.ofSeconds(10)).asText();
        usdc = rpc.call("eth_getTransactionReceipt", List.of(hash))
                .filter(receipt -> !receipt.isNull())
                .repeatWhenEmpty(100, ticks -> ticks.delayElements(Duration.ofMillis(100)))
                .block(Duration.ofSeconds(20)).path("contractAddress").asText();
    }

    @AfterAll
    static void stop() {
        if (rpc != null) {
            rpc.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void listsEveryConfiguredTokenWithTheSymbolAndDecimalsItsContractAnswers() throws Exception {
        JsonNode body = get("/api/v1/tokens", 200);
        Map<String, String> bySymbol = IntStream.range(0, body.path("tokens").size()).mapToObj(i -> body.path("tokens").get(i))
                .collect(Collectors.toMap(t -> t.path("symbol").asText(), t -> t.path("address").asText()));
        assertThat(bySymbol).as("configured tokens by symbol").isEqualTo(chain.tokens());
        body.path("tokens").forEach(t -> assertThat(t.path("decimals").asInt()).as("decimals of %s", t).isEqualTo(18));
        assertThat(body.path("unavailable")).isEmpty();
    }

    @Test
    void readsASixDecimalTokenOnceAndKeepsIt() throws Exception {
        String query = "/api/v1/tokens?chainId=" + chain.chainId() + "&address=" + usdc;
        JsonNode first = get(query, 200).path("tokens");
        assertThat(first).as("answer for %s", usdc).hasSize(1);
        assertThat(first.get(0).path("symbol").asText()).isEqualTo("USDC");
        assertThat(first.get(0).path("decimals").asInt()).isEqualTo(6);
        assertThat(first.get(0).path("chainId").asLong()).isEqualTo(chain.chainId());
        double calls = ethCalls();
        JsonNode again = get(query.replace(usdc, usdc.toUpperCase().replace("0X", "0x")), 200).path("tokens");
        assertThat(again.get(0).path("decimals").asInt()).isEqualTo(6);
        assertThat(ethCalls()).as("eth_calls after asking again (kept, not read again)").isEqualTo(calls);
    }

    @Test
    void namesAnAccountWithoutCodeAsNotAToken() throws Exception {
        String eoa = DevnetAccounts.address(DevnetAccounts.TRADER);
        JsonNode body = get("/api/v1/tokens?chainId=" + chain.chainId() + "&address=" + eoa + "&address=" + usdc, 200);
        assertThat(body.path("tokens")).hasSize(1);
        assertThat(body.path("unavailable")).hasSize(1);
        assertThat(body.path("unavailable").get(0).path("error").asText()).as("%s", body).isEqualTo("not_a_token");
        assertThat(body.path("unavailable").get(0).path("address").asText()).isEqualTo(eoa.toLowerCase());
    }

    @Test
    void refusesBadQueries() throws Exception {
        assertThat(get("/api/v1/tokens?address=" + usdc, 400).path("error").asText()).isEqualTo("bad_query");
        assertThat(get("/api/v1/tokens?chainId=" + chain.chainId() + "&address=0x12", 400).path("error").asText()).isEqualTo("bad_address");
        assertThat(get("/api/v1/tokens?chainId=" + chain.chainId(), 400).path("error").asText()).isEqualTo("bad_query");
        assertThat(get("/api/v1/tokens?chainId=7&address=" + usdc, 404).path("error").asText()).isEqualTo("unknown_chain");
        assertThat(get("/api/v1/tokens?chainId=x&address=" + usdc, 400).path("error").asText()).isEqualTo("bad_field");
        String many = IntStream.range(0, 51).mapToObj(i -> "address=" + usdc).collect(Collectors.joining("&"));
        assertThat(get("/api/v1/tokens?chainId=" + chain.chainId() + "&" + many, 400).path("error").asText()).isEqualTo("bad_query");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/api/v1/fees"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void reportsTheBaseFeeOfTheLatestBlockItRead() throws Exception {
        JsonNode fees = get("/api/v1/fees", 200).path("chains");
        assertThat(fees).hasSize(1);
        JsonNode fee = fees.get(0);
        assertThat(fee.path("chainId").asLong()).isEqualTo(chain.chainId());
        JsonNode block = rpc.call("eth_getBlockByNumber", List.of("0x" + Long.toHexString(fee.path("block").asLong()), false))
                .block(Duration.ofSeconds(10));
        assertThat(new BigInteger(fee.path("baseFeePerGas").asText()))
                .as("base fee of block %s", fee.path("block"))
                .isEqualTo(new BigInteger(block.path("baseFeePerGas").asText().substring(2), 16));
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("GET %s -> %s", path.length() > 120 ? path.substring(0, 120) + "…" : path, res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("content-type")).contains("application/json");
        return JSON.readTree(res.body());
    }

    /** eth_calls the engine's shared chain clients made on this chain so far, every outcome. */
    private static double ethCalls() throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith("flashbank_rpc_calls_seconds_count{") && l.contains("method=\"eth_call\"")
                        && l.contains("chain_id=\"" + chain.chainId() + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
