package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.app.EngineOnDevnet;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.DevnetAccounts;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The running service against its own OpenAPI document: every routed path is documented and every documented
 * operation is asked, and each real answer (successes and the errors the API documents), the SSE events and the
 * WebSocket messages validate against the document's schemas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EngineOnDevnet fixture;
    private static DeployedChain chain;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        fixture = EngineOnDevnet.startNow("openapi", 1, true, true, DevnetAccounts.credentials(DevnetAccounts.SEARCHER));
        chain = fixture.chain(0);
        HttpResponse<String> doc = get("/openapi.json");
        assertThat(doc.statusCode()).as("GET /openapi.json: " + doc.body()).isEqualTo(200);
        contract = new OpenApiContract(doc.body());
        check("GET", "/openapi.json", doc);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void documentsExactlyThePathsAndMethodsTheServerRoutes() {
        Set<String> routed = new TreeSet<>();
        KnownPaths.all().forEach((path, allow) -> Stream.of(allow.split(",\\s*")).forEach(m -> routed.add(m + " " + path)));
        assertThat(contract.operations()).as("operations in openapi.json vs routes in KnownPaths").isEqualTo(routed);
        assertThat(contract.document().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    @Order(2)
    void sseEventsAndFeedMessagesMatchTheirSchemas() throws Exception {
        JsonNode mapping = contract.document().path("paths").path("/events").path("get").path("x-sse-events");
        List<String[]> events = new CopyOnWriteArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/events")).build();
        CompletableFuture<HttpResponse<Stream<String>>> sse = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = sse.get(10, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            String[] type = {null};
            stream.body().forEach(line -> {
                if (line.startsWith("event: ")) {
                    type[0] = line.substring(7);
                } else if (line.startsWith("data: ") && type[0] != null) {
                    events.add(new String[] {type[0], line.substring(6)});
                    type[0] = null;
                }
            });
        }, "openapi-sse");
        reader.setDaemon(true);
        reader.start();

        List<String> feed = new CopyOnWriteArrayList<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + fixture.engine().port()
                + "/ws/opportunities"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            feed.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        Set<String> wanted = Set.of("head", "window", "execution", "ledger");
        waitFor(() -> events.stream().map(e -> e[0]).collect(java.util.stream.Collectors.toSet()).containsAll(wanted) && feed.size() >= 3,
                () -> "SSE types seen " + events.stream().map(e -> e[0]).distinct().toList() + ", feed messages " + feed.size(), 120);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        Map<String, Integer> validated = new TreeMap<>();
        for (String[] e : events) {
            JsonNode ref = mapping.path(e[0]).path("$ref");
            assertThat(ref.isTextual()).as("SSE event type '" + e[0] + "' is not in x-sse-events").isTrue();
            contract.validate("SSE " + e[0], ref.asText().substring(1), e[1]);
            validated.merge(e[0], 1, Integer::sum);
        }
        for (String message : feed) {
            contract.checkSchema("FeedMessage", message);
        }
        assertThat(feed).anyMatch(m -> m.contains("\"route\""));
        System.out.println("openapi: validated SSE events " + validated + " and " + feed.size() + " feed messages");
    }

    @Test
    @Order(3)
    void everyOperationAnswersWhatTheDocumentSays() throws Exception {
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP);
        String weth = chain.weth();
        long id = chain.chainId();

        check("GET", "/", get("/"));
        check("GET", "/health", get("/health"));
        check("HEAD", "/health", send(HttpRequest.newBuilder(uri("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody())));
        check("GET", "/metrics", get("/metrics"));
        check("GET", "/api/v1/opportunities", get("/api/v1/opportunities?limit=5"));
        check("GET", "/api/v1/opportunities", expect(400, get("/api/v1/opportunities?limit=0")));
        // java.net.URI refuses a bad escape, so this one goes over a raw socket
        Raw badQuery = expect(400, raw("GET /api/v1/opportunities?limit=%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
        contract.check("GET", "/api/v1/opportunities", badQuery.status, badQuery.type(), badQuery.headers, badQuery.body);
        assertThat(JSON.readTree(badQuery.body).path("error").asText()).isEqualTo("bad_query");
        check("GET", "/events", expect(200, sseHead()));
        check("GET", "/ws/opportunities", expect(426, get("/ws/opportunities")));

        String commit = "{\"chainId\":" + id + ",\"token\":\"" + weth + "\",\"provider\":\"" + lp + "\",\"amount\":\"1000\"}";
        check("POST", "/api/v1/commitments/prepare", expect(200, post("/api/v1/commitments/prepare", commit)));
        check("POST", "/api/v1/commitments/prepare", expect(400, post("/api/v1/commitments/prepare", "{\"chainId\":")));
        check("POST", "/api/v1/commitments/prepare", expect(400, post("/api/v1/commitments/prepare", commit.replace(lp, "0x12"))));
        check("POST", "/api/v1/commitments/prepare", expect(400, post("/api/v1/commitments/prepare", commit.replace("}", ",\"x\":1}"))));
        check("POST", "/api/v1/commitments/prepare", expect(422, post("/api/v1/commitments/prepare",
                commit.replace("\"chainId\":" + id, "\"chainId\":5"))));
        check("POST", "/api/v1/commitments/prepare", expect(415, send(HttpRequest.newBuilder(uri("/api/v1/commitments/prepare"))
                .header("content-type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(commit)))));
        check("POST", "/api/v1/commitments/prepare", expect(413, post("/api/v1/commitments/prepare",
                "{\"pad\":\"" + "x".repeat(20_000) + "\"}")));

        String withdraw = "{\"chainId\":" + id + ",\"token\":\"" + weth + "\",\"provider\":\"" + lp + "\"}";
        check("POST", "/api/v1/withdrawals/prepare", post("/api/v1/withdrawals/prepare", withdraw));
        check("POST", "/api/v1/withdrawals/prepare", expect(422, post("/api/v1/withdrawals/prepare", withdraw.replace(lp, "0x" + "5".repeat(40)))));
        check("POST", "/api/v1/withdrawals/prepare", expect(400, post("/api/v1/withdrawals/prepare", "{\"chainId\":" + id + "}")));

        check("POST", "/api/v1/transactions", expect(400, post("/api/v1/transactions",
                "{\"chainId\":" + id + ",\"signedTransaction\":\"0x02abcd\"}")));
        check("POST", "/api/v1/transactions", expect(422, post("/api/v1/transactions",
                "{\"chainId\":" + id + ",\"signedTransaction\":\"" + signedFor(id + 1, chain.flashBank(), "0x") + "\"}")));
        String approve = TransactionCall.APPROVE + "0".repeat(24) + chain.flashBank().substring(2) + "f".repeat(64);
        check("POST", "/api/v1/transactions", expect(202, post("/api/v1/transactions",
                "{\"chainId\":" + id + ",\"rawTransaction\":\"" + signedFor(id, weth, approve) + "\"}")));
        check("POST", "/api/v1/transactions", expect(403, post("/api/v1/transactions",
                "{\"chainId\":" + id + ",\"rawTransaction\":\"" + signedFor(id, "0x" + "5e".repeat(20), "0x") + "\"}")));

        check("GET", "/api/v1/providers/{address}", expect(200, get("/api/v1/providers/" + lp)));
        check("GET", "/api/v1/providers/{address}", expect(400, get("/api/v1/providers/0x12")));
        check("GET", "/api/v1/loans", expect(200, get("/api/v1/loans?limit=3")));
        check("GET", "/api/v1/loans", expect(404, get("/api/v1/loans?chainId=5")));
        check("GET", "/api/v1/loans", expect(400, get("/api/v1/loans?limit=0")));
        check("GET", "/dashboard/{file}", expect(200, get("/dashboard/dashboard.js")));
        check("GET", "/dashboard/{file}", expect(404, get("/dashboard/secrets.yaml")));
        check("GET", "/api/v1/tokens", expect(200, get("/api/v1/tokens")));
        check("GET", "/api/v1/tokens", expect(200, get("/api/v1/tokens?chainId=" + id + "&address=" + weth)));
        check("GET", "/api/v1/tokens", expect(400, get("/api/v1/tokens?address=" + weth)));
        check("GET", "/api/v1/tokens", expect(404, get("/api/v1/tokens?chainId=5&address=" + weth)));
        check("GET", "/api/v1/fees", expect(200, get("/api/v1/fees")));

        assertThat(contract.exercised()).as("operations asked").containsAll(contract.operations());
    }

    @Test
    @Order(4)
    void errorsOfTheHttpLayerMatchTheirDocumentedResponses() throws Exception {
        HttpResponse<String> unknown = get("/no/such/path");
        expect(404, unknown);
        contract.checkComponentResponse("NotFound", 404, type(unknown), unknown.headers().map(), unknown.body());
        HttpResponse<String> wrong = post("/health", "{}");
        expect(405, wrong);
        assertThat(wrong.headers().firstValue("allow")).hasValue("GET, HEAD");
        contract.checkComponentResponse("MethodNotAllowed", 405, type(wrong), wrong.headers().map(), wrong.body());

        Raw longUri = raw("GET /api/v1/opportunities?x=" + "y".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        contract.checkComponentResponse("UriTooLong", expect(414, longUri).status, longUri.type(), longUri.headers, longUri.body);
        contract.check("GET", "/api/v1/opportunities", longUri.status, longUri.type(), longUri.headers, longUri.body);
        Raw bigHeaders = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + "y".repeat(20_000) + "\r\n\r\n");
        contract.checkComponentResponse("HeadersTooLarge", expect(431, bigHeaders).status, bigHeaders.type(), bigHeaders.headers, bigHeaders.body);
        contract.check("GET", "/health", bigHeaders.status, bigHeaders.type(), bigHeaders.headers, bigHeaders.body);
        Raw noHost = raw("GET /health HTTP/1.1\r\n\r\n");
        contract.check("GET", "/health", expect(400, noHost).status, noHost.type(), noHost.headers, noHost.body);
        assertThat(JSON.readTree(noHost.body).path("error").asText()).isEqualTo("missing_host");
        Raw badLength = raw("POST /api/v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n");
        contract.check("POST", "/api/v1/transactions", expect(400, badLength).status, badLength.type(), badLength.headers, badLength.body);
        // a body that never arrives: the server answers 408 after http.requestTimeout (10 s here)
        Raw slowBody = raw("POST /api/v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{\"chainId\":");
        contract.check("POST", "/api/v1/transactions", expect(408, slowBody).status, slowBody.type(), slowBody.headers, slowBody.body);
        contract.checkComponentResponse("RequestTimeout", 408, slowBody.type(), slowBody.headers, slowBody.body);
    }

    /** A call of {@code to} with {@code data}, signed by the first LP for chain {@code chainId} with its next nonce. */
    private static String signedFor(long chainId, String to, String data) throws Exception {
        HttpResponse<String> count = HTTP.send(HttpRequest.newBuilder(URI.create(chain.wsUrl().replace("ws://", "http://")))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"method\":\"eth_getTransactionCount\",\"params\":[\"" + DevnetAccounts.address(DevnetAccounts.FIRST_LP)
                        + "\",\"pending\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        java.math.BigInteger nonce = new java.math.BigInteger(JSON.readTree(count.body()).path("result").asText().substring(2), 16);
        RawTransaction tx = RawTransaction.createTransaction(nonce, java.math.BigInteger.valueOf(10_000_000_000L),
                java.math.BigInteger.valueOf(100_000), to, java.math.BigInteger.ZERO, data);
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, DevnetAccounts.credentials(DevnetAccounts.FIRST_LP)));
    }

    /** The head of the SSE stream: its status and headers, the body left unread. */
    private static HttpResponse<String> sseHead() throws Exception {
        HttpResponse<InputStream> res = HTTP.send(HttpRequest.newBuilder(uri("/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        res.body().close();
        return new Head(res);
    }

    private static void check(String method, String path, HttpResponse<String> res) {
        contract.check(method, path, res.statusCode(), type(res), res.headers().map(), res.body());
    }

    private static String type(HttpResponse<?> res) {
        return res.headers().firstValue("content-type").orElse(null);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.request().method() + " " + res.uri() + ": " + res.body()).isEqualTo(status);
        return res;
    }

    private static Raw expect(int status, Raw res) {
        assertThat(res.status).as("raw answer: " + res.body).isEqualTo(status);
        return res;
    }

    private static URI uri(String path) {
        return URI.create(fixture.baseUrl() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder req) throws Exception {
        return HTTP.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An answer read off a raw socket: status, headers (lower-case names) and the body of its Content-Length. */
    private record Raw(int status, Map<String, List<String>> headers, String body) {
        String type() {
            return headers.getOrDefault("content-type", List.of("")).get(0);
        }
    }

    /** Sends {@code request} as bytes on a new connection and reads one answer. */
    private static Raw raw(String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", fixture.engine().port()), 5000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("the connection closed inside the answer's head: " + head).isNotNegative();
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> seen, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + seconds + " s: " + seen.get()).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** A streamed answer's status and headers, as an {@link HttpResponse} with an empty body. */
    private record Head(HttpResponse<InputStream> res) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return res.statusCode();
        }

        @Override
        public HttpRequest request() {
            return res.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return res.headers();
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return res.sslSession();
        }

        @Override
        public URI uri() {
            return res.uri();
        }

        @Override
        public HttpClient.Version version() {
            return res.version();
        }
    }
}
