package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.api.MonitorEvent;
import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The detection pipeline end to end: two real anvil chains with fairly priced real Uniswap V2 pools, the engine,
 * and a real WebSocket client. Mispricings the test makes must reach the client with the exact integer optimum.
 */
class OpportunityFeedIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EngineOnDevnet fixture;
    private static Scheduler scheduler;
    private static Devnet devnet;
    private static Engine engine;
    private static final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private static final List<MonitorEvent> monitor = new CopyOnWriteArrayList<>();
    private static Disposable monitoring;
    private static WebSocket socket;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineOnDevnet.startNow("feed", 2, false, true, null);
        scheduler = fixture.scheduler();
        devnet = fixture.devnet();
        engine = fixture.engine();
        monitoring = engine.monitor().events().subscribe(monitor::add);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + engine.port() + "/ws/opportunities"), new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (socket != null) {
            socket.abort();
        }
        if (monitoring != null) {
            monitoring.dispose();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void reportsNothingOnFairPoolsThenTheExactOptimumOfEachMispricingOnBothChains() throws Exception {
        waitUntil(() -> windowsWithScans() >= 1 && windows() >= 3, "a full scan and two more windows");
        JsonNode calm = messages.get(messages.size() - 1);
        assertThat(calm.path("opportunities").size()).as("fairly priced pools: no opportunity").isZero();

        DeployedChain a = devnet.chains().get(0);
        DeployedChain b = devnet.chains().get(1);
        // Chain A: buy TKA with 4% of the depth in WETH on factory 0's WETH/TKA pool; factory 1's pool is now cheaper.
        String aCheap = a.pairs().get(5);
        String aDear = a.pairs().get(0);
        devnet.swap(0, aDear, a.weth(), ether(4)).block(Duration.ofSeconds(30));
        // Chain B: dump TKB into factory 1's WETH/TKB pool; TKB is now cheap there and dear on factory 0.
        String bCheap = b.pairs().get(6);
        String bDear = b.pairs().get(1);
        devnet.swap(1, bCheap, b.tokens().get("TKB"), ether(3000)).block(Duration.ofSeconds(30));

        JsonNode onA = awaitOpportunity(o -> routeIs(o, aCheap, aDear));
        JsonNode onB = awaitOpportunity(o -> routeIs(o, bCheap, bDear));
        assertMatchesIntegerOptimum(a, onA);
        assertMatchesIntegerOptimum(b, onB);
        assertThat(onA.path("kind").asText()).isEqualTo("cyclic");
        assertThat(new BigInteger(onA.path("netProfit").asText()))
                .isEqualTo(new BigInteger(onA.path("expectedProfit").asText())
                        .subtract(new BigInteger(onA.path("flashFee").asText()))
                        .subtract(new BigInteger(onA.path("gasCost").asText())));
        List<Long> versions = messages.stream().map(message -> message.path("version").asLong()).toList();
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("each version once, in order: message %d of %s", i, versions)
                    .isGreaterThan(versions.get(i - 1));
        }
    }

    @Test
    void restEndpointsAnswerJsonAndRefuseBadInput() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + engine.port();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("chains").size()).isEqualTo(2);
        assertThat(body.path("chains").get(0).path("pools").asInt()).isEqualTo(10);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/opportunities?limit=-3")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).isEqualTo("bad_limit");

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).as("HEAD /health").isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String[] wrong : new String[][] {{"POST", "/health", "GET, HEAD"}, {"GET", "/api/v1/transactions", "POST"},
                {"DELETE", "/api/v1/providers/0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "GET"}, {"PUT", "/api/v1/loans", "GET"}}) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + wrong[1]))
                    .method(wrong[0], HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as("%s %s -> %s", wrong[0], wrong[1], res.body()).isEqualTo(405);
            assertThat(res.headers().firstValue("allow")).as("%s %s", wrong[0], wrong[1]).contains(wrong[2]);
            assertThat(JSON.readTree(res.body()).path("error").asText()).isEqualTo("method_not_allowed");
        }

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("error").asText()).isEqualTo("not_found");

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/opportunities?limit=5")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).path("opportunities").size()).isLessThanOrEqualTo(5);
    }

    @Test
    void closesTheFeedWith1008WhenAClientSendsInput() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + engine.port() + "/ws/opportunities"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"subscribe\":\"everything\"}", true);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    /** Checks amountIn and expectedProfit against a search of the exact integer profit at the reported block. */
    private static void assertMatchesIntegerOptimum(DeployedChain chain, JsonNode opportunity) {
        long block = opportunity.path("blockNumbers").path(String.valueOf(chain.chainId())).asLong();
        JsonNode route = opportunity.path("route");
        List<String> pools = List.of(route.get(0).path("pool").asText(), route.get(1).path("pool").asText());
        ChainRpc rpc = ChainRpc.connect(chain.wsUrl(), scheduler, Duration.ofSeconds(10)).block(Duration.ofSeconds(15));
        try {
            PoolQueryClient.Reserves reserves = new PoolQueryClient(rpc, chain.poolQuery()).reserves(pools, block).block(Duration.ofSeconds(15));
            BigInteger[][] hops = new BigInteger[2][];
            for (int i = 0; i < 2; i++) {
                String tokenIn = route.get(i).path("tokenIn").asText();
                boolean inIsToken0 = tokenIn.compareTo(route.get(i).path("tokenOut").asText()) < 0;
                BigInteger r0 = reserves.reserve0().get(i);
                BigInteger r1 = reserves.reserve1().get(i);
                hops[i] = inIsToken0 ? new BigInteger[] {r0, r1} : new BigInteger[] {r1, r0};
            }
            BigInteger best = integerArgmax(hops);
            BigInteger bestProfit = profit(hops, best);
            BigInteger amountIn = new BigInteger(opportunity.path("amountIn").asText());
            BigInteger expected = new BigInteger(opportunity.path("expectedProfit").asText());
            BigInteger fee = new BigInteger(opportunity.path("flashFee").asText());
            assertThat(relative(amountIn, best)).as("amountIn vs integer optimum %s", best).isLessThan(0.001);
            assertThat(relative(expected.subtract(fee), bestProfit)).as("profit vs integer optimum %s", bestProfit).isLessThan(0.001);
            assertThat(expected).as("expected profit is the exact quote at amountIn").isEqualTo(quote(hops, amountIn).subtract(amountIn));
        } finally {
            rpc.close();
        }
    }

    /** out − in − ceil(in·2/10000), exactly as the pair contracts and FlashBank compute. */
    private static BigInteger profit(BigInteger[][] hops, BigInteger in) {
        BigInteger fee = in.multiply(BigInteger.TWO).add(BigInteger.valueOf(9999)).divide(BigInteger.valueOf(10_000));
        return quote(hops, in).subtract(in).subtract(fee);
    }

    private static BigInteger quote(BigInteger[][] hops, BigInteger in) {
        BigInteger amount = in;
        for (BigInteger[] hop : hops) {
            BigInteger withFee = amount.multiply(BigInteger.valueOf(997));
            amount = withFee.multiply(hop[1]).divide(hop[0].multiply(BigInteger.valueOf(1000)).add(withFee));
        }
        return amount;
    }

    /** Ternary search over integers on the concave exact profit, then a scan of the last few candidates. */
    private static BigInteger integerArgmax(BigInteger[][] hops) {
        BigInteger lo = BigInteger.ONE;
        BigInteger hi = hops[0][0];
        while (hi.subtract(lo).compareTo(BigInteger.valueOf(3)) > 0) {
            BigInteger third = hi.subtract(lo).divide(BigInteger.valueOf(3));
            BigInteger m1 = lo.add(third);
            BigInteger m2 = hi.subtract(third);
            if (profit(hops, m1).compareTo(profit(hops, m2)) < 0) {
                lo = m1.add(BigInteger.ONE);
            } else {
                hi = m2;
            }
        }
        BigInteger best = lo;
        for (BigInteger x = lo; x.compareTo(hi) <= 0; x = x.add(BigInteger.ONE)) {
            if (profit(hops, x).compareTo(profit(hops, best)) > 0) {
                best = x;
            }
        }
        return best;
    }

    private static double relative(BigInteger actual, BigInteger expected) {
        return new BigDecimal(actual.subtract(expected).abs()).divide(new BigDecimal(expected.abs().max(BigInteger.ONE)), MathContext.DECIMAL64).doubleValue();
    }

    private static boolean routeIs(JsonNode o, String firstPool, String secondPool) {
        JsonNode route = o.path("route");
        return route.size() == 2 && route.get(0).path("pool").asText().equals(firstPool)
                && route.get(1).path("pool").asText().equals(secondPool);
    }

    private static JsonNode awaitOpportunity(Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                for (JsonNode o : messages.get(i).path("opportunities")) {
                    if (match.test(o)) {
                        return o;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching opportunity on the feed within 60 s; last message: "
                + (messages.isEmpty() ? "none" : messages.get(messages.size() - 1)));
    }

    private static long windows() {
        return monitor.stream().filter(e -> e.type().equals("window")).count();
    }

    private static long windowsWithScans() {
        return monitor.stream().filter(e -> e instanceof MonitorEvent.Window w && w.candidatesScanned() > 0).count();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static BigInteger ether(long n) {
        return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(n));
    }

    /** Collects every text message of the feed as JSON. */
    private static final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
