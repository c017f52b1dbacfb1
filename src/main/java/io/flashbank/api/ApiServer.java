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
import io.flashbank.config.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The engine's HTTP surface on Reactor Netty: the WebSocket opportunity feed, the opportunities and health JSON
 * endpoints, the SSE monitor, the dashboard and the OpenAPI document of it all ({@code /openapi.json}). Every route maps its errors to a JSON body with a real status.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIMIT = 1000;

    private final OpportunityBook book;
    private final MonitorFeed monitor;
    private final Supplier<Health> health;
    private final Duration heartbeat;
    private final Scheduler timer;
    private final int feedSize;
    private final byte[] dashboard;
    private final byte[] openApi;
    private final DashboardAssets assets = new DashboardAssets();
    private final HttpConfig limits;
    private final StreamClients clients;
    private final Supplier<String> metrics;
    private volatile reactor.netty.http.server.HttpServerMetricsRecorder httpMetrics;

    /**
     * @param health builds the {@code /health} body; must be cheap and non-blocking (it runs on the event loop)
     * @param heartbeat how often an idle SSE stream gets a comment line
     * @param timer the scheduler for heartbeats
     * @param feedSize how many opportunities each WebSocket message carries
     * @param limits client limits and timeouts
     */
    public ApiServer(OpportunityBook book, MonitorFeed monitor, Supplier<Health> health, Duration heartbeat,
                     Scheduler timer, int feedSize, HttpConfig limits) {
        this(book, monitor, health, heartbeat, timer, feedSize, limits, null);
    }

    /** As above, serving {@code metrics} (the Prometheus text; cheap, non-blocking) on {@code GET /metrics}. */
    public ApiServer(OpportunityBook book, MonitorFeed monitor, Supplier<Health> health, Duration heartbeat,
                     Scheduler timer, int feedSize, HttpConfig limits, Supplier<String> metrics) {
        this.metrics = metrics;
        this.book = book;
        this.monitor = monitor;
        this.health = health;
        this.heartbeat = heartbeat;
        this.timer = timer;
        this.feedSize = feedSize;
        byte[] page = resource("/dashboard/index.html");
        this.dashboard = page != null ? page : "<h1>FlashBank</h1><p>dashboard asset missing</p>".getBytes(StandardCharsets.UTF_8);
        this.openApi = resource("/openapi.json");
        if (openApi == null) {
            throw new IllegalStateException("openapi.json is missing from the classpath");
        }
        this.limits = limits;
        this.clients = new StreamClients(limits.maxWebSocketClients(), limits.maxSseClients(), limits.maxStreamsPerAddress());
    }

    /**
     * Records every request's latency, status and bytes into {@code recorder} (Reactor Netty's metrics), the URI
     * reduced to its route template so that the label set stays bounded. Call before binding.
     */
    public ApiServer recordingTo(reactor.netty.http.server.HttpServerMetricsRecorder recorder) {
        this.httpMetrics = recorder;
        return this;
    }

    /** Binds on {@code host:port} (0 for a free port) and returns once listening: blocking, hence the name. */
    public DisposableServer bindNow(String host, int port) {
        return bindNow(host, port, routes -> { });
    }

    /** As {@link #bindNow(String, int)}, with {@code more} routes (the LP API) registered before the 404 fallback. */
    public DisposableServer bindNow(String host, int port, Consumer<HttpServerRoutes> more) {
        AtomicInteger open = new AtomicInteger();
        reactor.netty.http.server.HttpServerMetricsRecorder recorder = httpMetrics;
        HttpServer server = HttpServer.create();
        if (recorder != null) {
            server = server.metrics(true, () -> recorder, KnownPaths::template);
        }
        return server.host(host).port(port)
                .idleTimeout(limits.idleTimeout())
                // not Reactor Netty's requestTimeout: it also ends every WebSocket session after that long; request
                // bodies get theirs where they are read (RequestBody)
                .doOnChannelInit((observer, channel, remote) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, RequestGuard.NAME, new RequestGuard(limits, open));
                    } else {
                        throw new IllegalStateException("no HTTP codec in the pipeline to guard: " + channel.pipeline().names());
                    }
                })
                .route(routes -> {
                    routes.get(KnownPaths.DASHBOARD, (req, res) -> res.header("content-type", "text/html; charset=utf-8")
                                    .sendByteArray(Mono.just(dashboard)))
                            .get(KnownPaths.OPENAPI, (req, res) -> res.header("content-type", "application/json")
                                    .sendByteArray(Mono.just(openApi)))
                            .get(KnownPaths.DASHBOARD_ASSET, assets::serve)
                            .get(KnownPaths.HEALTH, (req, res) -> health(res, true))
                            .route(req -> req.method().equals(HttpMethod.HEAD) && KnownPaths.HEALTH.equals(req.fullPath()),
                                    (req, res) -> health(res, false))
                            .get(KnownPaths.OPPORTUNITIES, (req, res) -> json(res, () -> opportunities(req)))
                            .get(KnownPaths.EVENTS, this::events)
                            .get(KnownPaths.FEED, this::feedRequest);
                    if (metrics != null) {
                        routes.get(KnownPaths.METRICS, (req, res) -> res.header("content-type", io.flashbank.metrics.EngineMetrics.CONTENT_TYPE)
                                .sendString(Mono.fromSupplier(metrics)));
                    }
                    more.accept(routes);
                    routes.route(req -> true, ApiServer::unrouted);
                })
                .bindNow(Duration.ofSeconds(10));
    }

    /** WebSocket feed clients now. */
    public int webSocketClients() {
        return clients.count(StreamClients.Kind.WEBSOCKET);
    }

    /** SSE monitor clients now. */
    public int sseClients() {
        return clients.count(StreamClients.Kind.SSE);
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

    /** Admits a feed client (else opens and closes it with 1013 and the reason) and streams to it. */
    private Publisher<Void> feedRequest(HttpServerRequest req, HttpServerResponse res) {
        if (!req.requestHeaders().containsValue("upgrade", "websocket", true)) {
            res.header("upgrade", "websocket");
            return error(res, new ApiError(426, "upgrade_required", KnownPaths.FEED + " is a WebSocket: send an upgrade request"));
        }
        String version = req.requestHeaders().get("sec-websocket-version");
        if (!"13".equals(version)) {
            res.header("sec-websocket-version", "13");
            return error(res, new ApiError(426, "unsupported_websocket_version",
                    "WebSocket version " + version + " is not supported; use 13 (RFC 6455)"));
        }
        SocketAddress remote = req.remoteAddress();
        Optional<String> refused = clients.admit(StreamClients.Kind.WEBSOCKET, remote);
        if (refused.isPresent()) {
            return res.sendWebsocket((in, out) -> out.sendClose(1013, refused.get()));
        }
        // released when the session ends (sendWebsocket itself completes once the upgrade is sent)
        return res.sendWebsocket((in, out) -> Mono.from(feed(in, out))
                .doFinally(signal -> clients.release(StreamClients.Kind.WEBSOCKET, remote)));
    }

    /**
     * One feed client: the views, one frame in flight at a time and at most one more waiting (the newest: older ones
     * are dropped before they are written), so a slow reader costs one view, not a queue. A client whose socket has
     * not taken a frame for {@code slowClientTimeout} is closed with 1008.
     */
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
        AtomicReference<CloseWebSocketFrame> refusal = new AtomicReference<>();
        Sinks.Empty<Void> stop = Sinks.empty();
        Mono<Void> inbound = in.receiveFrames()
                .filter(frame -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
                .doOnNext(frame -> {
                    refusal.compareAndSet(null, new CloseWebSocketFrame(1008, "this feed takes no input"));
                    stop.tryEmitEmpty();
                })
                .then()
                .doFinally(signal -> stop.tryEmitEmpty());
        // the client closed or the connection dropped: stop waiting for the next view
        out.withConnection(c -> c.onDispose(stop::tryEmitEmpty));
        Mono<Void> outbound = messages.takeUntilOther(stop.asMono())
                .concatMap(text -> out.sendObject(Mono.just(new TextWebSocketFrame(text))).then()
                        .timeout(limits.slowClientTimeout(), timer), 0)
                .then(Mono.defer(() -> refusal.get() == null ? Mono.<Void>empty() : out.sendObject(Mono.just(refusal.get())).then()))
                .onErrorResume(TimeoutException.class, e -> {
                    LOG.info("closing a feed client that took no frame for {} ms", limits.slowClientTimeout().toMillis());
                    return out.sendClose(1008, "not reading: no frame drained for " + limits.slowClientTimeout().toMillis() + " ms")
                            .timeout(Duration.ofSeconds(1), timer).onErrorResume(x -> Mono.empty())
                            .then(Mono.fromRunnable(() -> out.withConnection(Connection::dispose)));
                })
                .onErrorResume(e -> out.sendObject(Mono.just(new CloseWebSocketFrame(1011, "server fault"))).then());
        return Mono.when(outbound, inbound);
    }

    /**
     * The SSE monitor: admitted (else 503), then one event in flight at a time, the newest waiting; a subscriber whose
     * socket has not taken one for {@code slowClientTimeout} is disconnected.
     */
    private Publisher<Void> events(HttpServerRequest req, HttpServerResponse res) {
        SocketAddress remote = req.remoteAddress();
        Optional<String> refused = clients.admit(StreamClients.Kind.SSE, remote);
        if (refused.isPresent()) {
            return error(res, new ApiError(503, "too_many_clients", refused.get()));
        }
        Flux<String> frames = Flux.merge(
                        monitor.events().onBackpressureLatest().map(e -> "event: " + e.type() + "\ndata: " + write(e) + "\n\n"),
                        Flux.interval(heartbeat, heartbeat, timer).onBackpressureDrop().map(tick -> ": heartbeat\n\n"))
                .onBackpressureLatest()
                .onErrorResume(e -> Mono.just("event: error\ndata: " + write(new ErrorBody("server_fault", e.getMessage())) + "\n\n"));
        HttpServerResponse sse = res.sse();
        // headers first: a single-chunk send before them is taken as the whole response (Content-Length, then done)
        return Mono.from(sse.sendHeaders().then()).thenMany(Flux.concat(Mono.just(": connected\n\n"), frames))

                .concatMap(chunk -> sse.sendObject(Mono.just(new io.netty.handler.codec.http.DefaultHttpContent(
                                io.netty.buffer.Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8)))).then()
                        .timeout(limits.slowClientTimeout(), timer), 0)
                .doOnError(e -> LOG.info("SSE stream ended: {}", e.toString()))
                .onErrorResume(TimeoutException.class, e -> {
                    LOG.info("disconnecting an SSE client that took no event for {} ms", limits.slowClientTimeout().toMillis());
                    sse.withConnection(Connection::dispose);
                    return Mono.empty();
                })
                .then()
                .doFinally(signal -> clients.release(StreamClients.Kind.SSE, remote));
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
        Health body;
        try {
            body = health.get().withStreams(new Health.Streams(clients.count(StreamClients.Kind.WEBSOCKET),
                    clients.count(StreamClients.Kind.SSE)));
        } catch (RuntimeException e) {
            LOG.warn("health failed", e);
            return error(res, new ApiError(500, "internal", "internal error: " + e.getMessage()));
        }
        HttpResponseStatus status = body.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
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
        if (e.retryAfter != null) {
            // whole seconds, rounded up, so a client that waits that long finds a token
            res.header("retry-after", String.valueOf(Math.max(1, (e.retryAfter.toMillis() + 999) / 1000)));
        }
        return res.status(HttpResponseStatus.valueOf(e.status)).header("content-type", "application/json")
                .sendString(Mono.just(write(ErrorBody.of(e))));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    /** The classpath resource at {@code path}, or null when it is missing. */
    private static byte[] resource(String path) {
        try (InputStream in = ApiServer.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
