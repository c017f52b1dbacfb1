package io.flashbank.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.http.server.HttpServerMetricsRecorder;

/**
 * Reactor Netty's HTTP server metrics recorded into the engine's registry: request latency by route template, method
 * and status ({@code flashbank_http_server_requests_seconds}), bytes in and out, and errors. The route template comes
 * from the server's URI mapper, so a client cannot grow the label set by inventing paths.
 */
final class HttpMetrics implements HttpServerMetricsRecorder {
    private final MeterRegistry registry;
    private final Map<String, Timer> responses = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recordResponseTime(String uri, String method, String status, Duration time) {
        responses.computeIfAbsent(uri + " " + method + " " + status, key -> Timer.builder("flashbank.http.server.requests")
                .description("HTTP requests served: time to the last byte of the response, by route, method and status")
                .tags("uri", uri, "method", method, "status", status)
                .register(registry)).record(time);
    }

    @Override
    public void recordDataReceived(SocketAddress remote, String uri, long bytes) {
        counter("flashbank.http.server.received", uri, "bytes").increment(bytes);
    }

    @Override
    public void recordDataSent(SocketAddress remote, String uri, long bytes) {
        counter("flashbank.http.server.sent", uri, "bytes").increment(bytes);
    }

    @Override
    public void incrementErrorsCount(SocketAddress remote, String uri) {
        counter("flashbank.http.server.errors", uri, null).increment();
    }

    private Counter counter(String name, String uri, String unit) {
        return counters.computeIfAbsent(name + " " + uri, key -> Counter.builder(name).baseUnit(unit).tag("uri", uri)
                .description("HTTP server " + name.substring(name.lastIndexOf('.') + 1) + " by route").register(registry));
    }

    // What the server does not need per request: connection-level records without a URI.
    @Override
    public void recordDataReceivedTime(String uri, String method, Duration time) {
    }

    @Override
    public void recordDataSentTime(String uri, String method, String status, Duration time) {
    }

    @Override
    public void recordDataReceived(SocketAddress remote, long bytes) {
    }

    @Override
    public void recordDataSent(SocketAddress remote, long bytes) {
    }

    @Override
    public void incrementErrorsCount(SocketAddress remote) {
    }

    @Override
    public void recordTlsHandshakeTime(SocketAddress remote, Duration time, String status) {
    }

    @Override
    public void recordConnectTime(SocketAddress remote, Duration time, String status) {
    }

    @Override
    public void recordResolveAddressTime(SocketAddress remote, Duration time, String status) {
    }
}
