package io.flashbank.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.rank.OpportunityBook;
import io.flashbank.rank.RankedView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The engine's HTTP surface on Reactor Netty: the WebSocket opportunity feed, the opportunities and health JSON
 * endpoints, the SSE monitor and the dashboard. Every route maps its errors to a JSON body with a real status.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIMIT = 1000;

    private final OpportunityBook book;
    private final MonitorFeed monitor;
    private final Supplier<Map<String, Object>> health;
    private final Duration heartbeat;
    private final Scheduler timer;
    private final int feedSize;
    private final byte[] dashboard;

    /**
     * @param health builds the {@code /health} body; must be cheap and non-blocking (it runs on the event loop)
     * @param heartbeat how often an idle SSE stream gets a comment line
     * @param timer the scheduler for heartbeats
     * @param feedSize how many opportunities each WebSocket message carries
     */
    public ApiServer(OpportunityBook book, MonitorFeed monitor, Supplier<Map<String, Object>> health, Duration heartbeat,
                     Scheduler timer, int feedSize) {
        this.book = book;
        this.monitor = monitor;
        this.health = health;
        this.heartbeat = heartbeat;
        this.timer = timer;
        this.feedSize = feedSize;
        this.dashboard = resource("/dashboard/index.html");
    }

    /** Binds on {@code host:port} (0 for a free port) and returns once listening: blocking, hence the name. */
    public DisposableServer bindNow(String host, int port) {
        return bindNow(host, port, routes -> { });
    }

    /** As {@link #bindNow(String, int)}, with {@code more} routes (the LP API) registered before the 404 fallback. */
    public DisposableServer bindNow(String host, int port, Consumer<HttpServerRoutes> more) {
        return HttpServer.create().host(host).port(port)
                .route(routes -> {
                    routes.get(KnownPaths.DASHBOARD, (req, res) -> res.header("content-type", "text/html; charset=utf-8")
                                    .sendByteArray(Mono.just(dashboard)))
                            .get(KnownPaths.HEALTH, (req, res) -> health(res, true))
                            .route(req -> req.method().equals(HttpMethod.HEAD) && KnownPaths.HEALTH.equals(req.fullPath()),
                                    (req, res) -> health(res, false))
                            .get(KnownPaths.OPPORTUNITIES, (req, res) -> json(res, () -> opportunities(req)))
                            .get(KnownPaths.EVENTS, this::events)
                            .ws(KnownPaths.FEED, this::feed);
                    more.accept(routes);
                    routes.route(req -> true, ApiServer::unrouted);
                })
                .bindNow(Duration.ofSeconds(10));
    }

    private Map<String, Object> opportunities(HttpServerRequest req) {
        int limit = 50;
        List<String> values = RequestQuery.parameters(req).get("limit");
        if (values != null && !values.isEmpty()) {
            try {
                limit = Integer.parseInt(values.get(0));
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad_limit", "limit must be an integer in [1, " + MAX_LIMIT + "], got '" + values.get(0) + "'");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiError(400, "bad_limit", "limit must be an integer in [1, " + MAX_LIMIT + "], got " + limit);
            }
        }
        RankedView view = book.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", view.version());
        body.put("opportunities", OpportunityJson.of(view.top().subList(0, Math.min(limit, view.top().size()))));
        return body;
    }

    private Publisher<Void> feed(WebsocketInbound in, WebsocketOutbound out) {
        // views() starts with the current view: prepending book.current() sent every client its first version twice.
        Flux<String> messages = book.views()
                .onBackpressureLatest()
                .map(view -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", "opportunities");
                    body.put("version", view.version());
                    body.put("opportunities", OpportunityJson.of(view.top().subList(0, Math.min(feedSize, view.top().size()))));
                    return write(body);
                });
        // This feed takes no input: the first data frame a client sends gets a 1008 close, after which nothing more is
        // sent. The inbound is drained, never cancelled: cancelling it makes Reactor Netty close without a status.
        Sinks.One<WebSocketFrame> refusal = Sinks.one();
        Mono<Void> inbound = in.receiveFrames()
                .filter(frame -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
                .doOnNext(frame -> refusal.tryEmitValue(new CloseWebSocketFrame(1008, "this feed takes no input")))
                .then();
        Flux<WebSocketFrame> frames = Flux.merge(
                messages.map(text -> (WebSocketFrame) new TextWebSocketFrame(text)).takeUntilOther(refusal.asMono()),
                refusal.asMono());
        Mono<Void> outbound = out.sendObject(frames).then()
                .onErrorResume(e -> out.sendObject(Mono.just(new CloseWebSocketFrame(1011, "server fault"))).then());
        return Mono.when(outbound, inbound);
    }

    private Publisher<Void> events(HttpServerRequest req, HttpServerResponse res) {
        Flux<String> frames = Flux.merge(
                        monitor.events().onBackpressureLatest().map(e -> "event: " + e.type() + "\ndata: " + write(e.payload()) + "\n\n"),
                        Flux.interval(heartbeat, heartbeat, timer).onBackpressureDrop().map(tick -> ": heartbeat\n\n"))
                .onErrorResume(e -> Mono.just("event: error\ndata: " + write(Map.of("error", "server_fault",
                        "message", String.valueOf(e.getMessage()))) + "\n\n"));
        return res.sse().sendString(Flux.concat(Mono.just(": connected\n\n"), frames), StandardCharsets.UTF_8);
    }

    /** 405 with {@code Allow} for a known path asked with another method, else 404; both with a JSON error. */
    private static Publisher<Void> unrouted(HttpServerRequest req, HttpServerResponse res) {
        Optional<String> allow = KnownPaths.allow(req.fullPath());
        if (allow.isPresent()) {
            res.header("allow", allow.get());
            return error(res, new ApiError(405, "method_not_allowed", req.method() + " is not allowed on " + req.fullPath()
                    + " (allowed: " + allow.get() + ")"));
        }
        return error(res, new ApiError(404, "not_found", "no route for " + req.method() + " " + req.uri()));
    }

    /**
     * The health body with 200 while its {@code status} is {@code ok}, else 503, so a load balancer sees it too;
     * without the body for {@code HEAD}.
     */
    private Publisher<Void> health(HttpServerResponse res, boolean withBody) {
        Map<String, Object> body;
        try {
            body = health.get();
        } catch (RuntimeException e) {
            LOG.warn("health failed", e);
            return error(res, new ApiError(500, "internal", "internal error: " + e.getMessage()));
        }
        HttpResponseStatus status = "ok".equals(body.get("status")) ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
        res.status(status).header("content-type", "application/json");
        return withBody ? res.sendString(Mono.just(write(body))) : res.send();
    }

    private static Publisher<Void> json(HttpServerResponse res, Supplier<Object> body) {
        Object value;
        try {
            value = body.get();
        } catch (ApiError e) {
            return error(res, e);
        } catch (RuntimeException e) {
            LOG.warn("request failed", e);
            return error(res, new ApiError(500, "internal", "internal error: " + e.getMessage()));
        }
        return res.status(200).header("content-type", "application/json").sendString(Mono.just(write(value)));
    }

    static Publisher<Void> error(HttpServerResponse res, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code);
        body.put("message", e.getMessage());
        return res.status(HttpResponseStatus.valueOf(e.status)).header("content-type", "application/json")
                .sendString(Mono.just(write(body)));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiServer.class.getResourceAsStream(path)) {
            if (in == null) {
                return "<h1>FlashBank</h1><p>dashboard asset missing</p>".getBytes(StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
