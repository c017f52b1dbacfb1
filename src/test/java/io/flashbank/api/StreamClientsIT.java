package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.config.HttpConfig;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.OpportunityBook;
import io.flashbank.rank.RouteHop;
import io.flashbank.rank.WindowReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * The WebSocket feed and the SSE monitor against real sockets: a client that never reads is closed and costs one
 * view meanwhile, a reading one keeps up, and the client caps refuse with a reason.
 */
class StreamClientsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Scheduler timer = Schedulers.newParallel("it-streams", 2, true);
    private final OpportunityBook book = new OpportunityBook(50);
    private final MonitorFeed monitor = new MonitorFeed();
    private DisposableServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
        timer.dispose();
    }

    private void start(HttpConfig limits) {
        server = new ApiServer(book, monitor, () -> HealthTest.healthy(), Duration.ofSeconds(10),
                timer, 50, limits).bindNow("127.0.0.1", 0);
    }

    private static HttpConfig limits(int ws, int sse, Duration slow) {
        HttpConfig d = HttpConfig.defaults();
        return new HttpConfig(d.maxConnections(), ws, sse, d.maxStreamsPerAddress(), slow, d.headerTimeout(), d.requestTimeout(),
                d.idleTimeout());
    }

    @Test
    void streamsOutliveTheRequestAndIdleTimeouts() throws Exception {
        HttpConfig d = HttpConfig.defaults();
        start(new HttpConfig(d.maxConnections(), 10, 10, 10, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        AtomicLong lastVersion = new AtomicLong(-1);
        WebSocket reader = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/opportunities"),
                new VersionListener(lastVersion)).get(10, TimeUnit.SECONDS);
        CompletableFuture<HttpResponse<InputStream>> sse = HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        TimeUnit.SECONDS.sleep(4);
        book.accept(view(1));
        long version = book.current().version();
        waitFor(() -> lastVersion.get() == version, "the feed client, 4 s in, to get version " + version, 10);
        assertThat(streams().path("webSocket").asInt()).isEqualTo(1);
        assertThat(streams().path("sse").asInt()).isEqualTo(1);
        sse.get().body().close();
        reader.abort();
    }

    @Test
    void aFeedClientThatNeverReadsIsClosedWhileAReadingOneGetsTheLatestVersion() throws Exception {
        start(limits(100, 100, Duration.ofSeconds(1)));
        Socket silent = rawUpgrade("GET /ws/opportunities HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        AtomicLong lastVersion = new AtomicLong(-1);
        WebSocket reader = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/opportunities"),
                new VersionListener(lastVersion)).get(10, TimeUnit.SECONDS);
        waitFor(() -> streams().path("webSocket").asInt() == 2, "both feed clients admitted", 10);

        // ~30 KB views as fast as the book takes them, until the server gives up on the silent client
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long index = 0;
        while (streams().path("webSocket").asInt() == 2) {
            assertThat(System.nanoTime()).as("the silent client is still served after 60 s of views").isLessThan(deadline);
            for (int i = 0; i < 20; i++) {
                book.accept(view(index++));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long finalVersion = book.current().version();
        waitFor(() -> lastVersion.get() == finalVersion, "the reading client to get version " + finalVersion, 20);
        assertThat(streams().path("webSocket").asInt()).isEqualTo(1);
        // the server closed the silent client's connection: draining it reaches the end of the stream
        assertThat(drainsToEnd(silent)).as("the silent connection was closed by the server").isTrue();
        reader.abort();
    }

    @Test
    void anSseSubscriberThatNeverReadsIsDisconnected() throws Exception {
        start(limits(100, 100, Duration.ofSeconds(1)));
        Socket silent = rawUpgrade("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
        waitFor(() -> streams().path("sse").asInt() == 1, "the SSE client admitted", 10);
        String big = "x".repeat(20_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams().path("sse").asInt() == 1) {
            assertThat(System.nanoTime()).as("the silent SSE client is still served after 60 s").isLessThan(deadline);
            for (int i = 0; i < 20; i++) {
                monitor.publish(new MonitorEvent.Window(i, Instant.now(), 0, 0, 0, 0, "jvm", big));
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(drainsToEnd(silent)).isTrue();
    }

    @Test
    void clientsBeyondTheCapsAreRefusedWithAReason() throws Exception {
        start(limits(2, 1, Duration.ofSeconds(10)));
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/opportunities"),
                    new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        }
        waitFor(() -> streams().path("webSocket").asInt() == 2, "two feed clients", 10);
        AtomicReference<String> closed = new AtomicReference<>();
        CompletableFuture<Void> closedOnce = new CompletableFuture<>();
        HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/opportunities"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.set(status + " " + reason);
                        closedOnce.complete(null);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        closedOnce.get(10, TimeUnit.SECONDS);
        assertThat(closed.get()).startsWith("1013 ").contains("too many WebSocket feed clients (2)");

        open.get(0).sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        waitFor(() -> streams().path("webSocket").asInt() == 1, "the closed client released", 10);
        open.add(HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/opportunities"),
                new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        waitFor(() -> streams().path("webSocket").asInt() == 2, "a new client admitted in its place", 10);

        CompletableFuture<HttpResponse<InputStream>> first = HTTP.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        waitFor(() -> streams().path("sse").asInt() == 1, "one SSE client", 10);
        HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(second.body()).path("error").asText()).isEqualTo("too_many_clients");
        first.get().body().close();
        open.forEach(WebSocket::abort);
    }

    /** Keeps the version of the latest whole feed message. */
    private static final class VersionListener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final AtomicLong lastVersion;

        VersionListener(AtomicLong lastVersion) {
            this.lastVersion = lastVersion;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    lastVersion.set(JSON.readTree(text.toString()).path("version").asLong());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** A view of 50 opportunities whose profits move with {@code index}, so every one is a new ranking. */
    private static WindowReport view(long index) {
        List<Opportunity> opportunities = new ArrayList<>();
        String weth = "0x" + "1".repeat(40);
        String usdc = "0x" + "2".repeat(40);
        for (int i = 0; i < 50; i++) {
            String buy = String.format("0x%040x", 1000 + i);
            String sell = String.format("0x%040x", 5000 + i);
            List<RouteHop> route = List.of(new RouteHop(1, buy, weth, usdc), new RouteHop(1, sell, usdc, weth));
            BigInteger net = BigInteger.valueOf(1_000_000 + index * 100 + i);
            opportunities.add(new Opportunity(Opportunity.idOf(Opportunity.Kind.CYCLIC, route), Opportunity.Kind.CYCLIC, List.of(1L),
                    route, BigInteger.valueOf(10_000), net.add(BigInteger.valueOf(7)), BigInteger.TWO, BigInteger.valueOf(5), net,
                    Map.of(1L, 7L), Instant.now(), weth));
        }
        opportunities.sort((a, b) -> b.netProfit().compareTo(a.netProfit()));
        return new WindowReport(index, Instant.now(), 50, 50, 1, "jvm", Set.of(), opportunities);
    }

    /** A raw connection with a tiny receive buffer that sends {@code request}, reads the response head, then nothing. */
    private Socket rawUpgrade(String request) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head so far: %s", head).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).matches("(?s)HTTP/1.1 (101|200) .*");
        return s;
    }

    private static boolean drainsToEnd(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        byte[] buffer = new byte[65536];
        InputStream in = s.getInputStream();
        try {
            while (in.read(buffer) >= 0) {
                // discard what was buffered before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private JsonNode streams() {
        try {
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(res.body()).path("streams");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
