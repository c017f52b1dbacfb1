package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSubscribe;
import org.web3j.protocol.websocket.WebSocketClient;
import org.web3j.protocol.websocket.WebSocketListener;
import org.web3j.protocol.websocket.WebSocketService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/** A {@link ChainRpc} over web3j's WebSocketService, whose requests are natively asynchronous. */
final class WebSocketRpc implements ChainRpc {
    private final String url;
    private final WebSocketClient socket;
    private final WebSocketService service;
    private final Scheduler scheduler;
    private final Duration timeout;
    private static final Duration UNSUBSCRIBE_GRACE = Duration.ofMillis(250);
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final java.util.concurrent.atomic.AtomicBoolean subscribed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private WebSocketRpc(String url, Scheduler scheduler, Duration timeout) {
        this.url = url;
        this.socket = new QuietSocket(URI.create(url));
        this.service = new WebSocketService(socket, false);
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /**
     * Connects to {@code url}; the connect handshake blocks, so it runs on {@code scheduler} (the chain's bounded
     * scheduler), bounded by {@code timeout}.
     */
    static Mono<ChainRpc> connect(String url, Scheduler scheduler, Duration timeout) {
        // The outcome is a value, not a thrown error: a connect whose caller has gone (cancelled, timed out) then ends
        // quietly, where a late error was logged by Reactor as "onErrorDropped" with a stack trace on every retry.
        return Mono.fromCallable(() -> {
                    WebSocketRpc rpc = new WebSocketRpc(url, scheduler, timeout);
                    try {
                        return rpc.open() ? new Attempt(rpc, null)
                                : new Attempt(null, new RpcException("cannot connect to " + url + ": the connect was interrupted"));
                    } catch (Exception e) {
                        return new Attempt(null, e);
                    }
                })
                .subscribeOn(scheduler)
                .flatMap(attempt -> attempt.failure() == null ? Mono.<ChainRpc>just(attempt.rpc()) : Mono.error(attempt.failure()))
                .timeout(timeout.multipliedBy(2), scheduler)
                .onErrorMap(e -> !(e instanceof RpcException), e -> new RpcException("cannot connect to " + url + ": " + e, e));
    }

    /** A connect's outcome: the open connection, or why there is none. */
    private record Attempt(WebSocketRpc rpc, Exception failure) {
    }

    /**
     * web3j's socket without its ERROR log and stack trace for every failed connect: the failure reaches the caller
     * as an RpcException, and the caller says it once per retry.
     */
    private static final class QuietSocket extends WebSocketClient {
        private WebSocketListener listener;

        QuietSocket(URI uri) {
            super(uri);
        }

        @Override
        public void setListener(WebSocketListener listener) {
            this.listener = listener;
            super.setListener(listener);
        }

        @Override
        public void onError(Exception e) {
            if (listener != null) {
                listener.onError(e);
            }
        }
    }

    /**
     * Connects; false when the connect was interrupted (a cancelled or timed-out connect, whose caller has gone).
     * web3j's connect swallows an interrupt and returns as if connected, which once left a closed socket cached as the chain's connection; so the socket must
     * be open afterwards, or the connect fails.
     */
    private boolean open() throws ConnectException {
        service.connect(message -> { }, error -> closed.tryEmitEmpty(), () -> closed.tryEmitEmpty());
        if (Thread.interrupted()) {
            close();
            return false;
        }
        if (!socket.isOpen()) {
            close();
            throw new RpcException("cannot connect to " + url + ": the socket did not open");
        }
        return true;
    }

    @Override
    public Mono<JsonNode> call(String method, List<?> params) {
        return Mono.defer(() -> {
                    Request<?, RawResponse> request = new Request<>(method, params, service, RawResponse.class);
                    return Mono.fromFuture(request.sendAsync());
                })
                .timeout(timeout, scheduler)
                .publishOn(scheduler)
                .onErrorMap(e -> !(e instanceof RpcException), e -> new RpcException(describe(method, e), e))
                .flatMap(response -> {
                    if (response.hasError()) {
                        return Mono.error(new RpcException(method + " failed on " + url + ": " + response.getError().getMessage()
                                + (response.getError().getData() == null ? "" : " (data " + response.getError().getData() + ")"), true));
                    }
                    JsonNode result = response.getResult();
                    return Mono.just(result == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : result);
                });
    }

    private String describe(String method, Throwable e) {
        if (e instanceof TimeoutException) {
            return method + " timed out after " + timeout.toMillis() + " ms on " + url;
        }
        return method + " failed on " + url + ": " + e;
    }

    @Override
    public Flux<JsonNode> newHeads() {
        Request<?, EthSubscribe> subscribe = new Request<>("eth_subscribe", List.of("newHeads"), service, EthSubscribe.class);
        return Flux.defer(() -> {
                    subscribed.set(true);
                    return Flux.from(service.subscribe(subscribe, "eth_unsubscribe", RawNotification.class));
                })
                .publishOn(scheduler, 64)
                .map(notification -> {
                    JsonNode head = notification.getParams() == null ? null : notification.getParams().getResult();
                    if (head == null || !head.isObject()) {
                        throw new RpcException("newHeads notification without a header on " + url);
                    }
                    return head;
                })
                .mergeWith(closed.asMono().then(Mono.error(() -> new RpcException("connection to " + url + " closed"))))
                .onErrorMap(e -> !(e instanceof RpcException), e -> new RpcException("newHeads failed on " + url + ": " + e, e));
    }

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    /**
     * Closes without blocking. A cancelled {@code newHeads} has just sent its {@code eth_unsubscribe}; closing at
     * once failed that request and web3j logged ERROR "Failed to unsubscribe" on every shutdown. So after a
     * subscription one more round trip and a short grace (at most a second in all) let it be answered first.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (subscribed.get() && socket.isOpen()) {
            // not through call(): at shutdown the chain's scheduler is disposed right after, which failed the drain
            // a node may answer requests out of order (anvil does), so a short grace follows the round trip
            Mono.fromFuture(() -> new Request<>("eth_chainId", List.of(), service, RawResponse.class).sendAsync())
                    .then(Mono.delay(UNSUBSCRIBE_GRACE, reactor.core.scheduler.Schedulers.parallel()))
                    .timeout(Duration.ofSeconds(1), reactor.core.scheduler.Schedulers.parallel())
                    .onErrorResume(e -> Mono.empty())
                    .doFinally(signal -> shut()).subscribe();
        } else {
            shut();
        }
    }

    private void shut() {
        closed.tryEmitEmpty();
        service.close();
    }
}
