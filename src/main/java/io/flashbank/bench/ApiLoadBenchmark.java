package io.flashbank.bench;

import io.flashbank.app.Engine;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.scan.ScanKernel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Load on {@code POST /api/v1/commitments/prepare}: a real engine over one anvil chain, and a closed-loop load
 * generator (Reactor Netty's client, keep-alive connections) that keeps a fixed number of requests in flight for a
 * fixed time; reports throughput and latency percentiles of the 200 answers.
 */
final class ApiLoadBenchmark {
    /** What one run measured. */
    record Result(int concurrency, long seconds, long ok, long failed, double requestsPerSecond, double p50Millis,
                  double p99Millis, double maxMillis) {
        String line() {
            return String.format("  concurrency %d, %d s: %,d answers 200 (%,d other), %,.0f requests/s, latency p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms", concurrency, seconds, ok, failed, requestsPerSecond, p50Millis, p99Millis, maxMillis);
        }
    }

    private ApiLoadBenchmark() {
    }

    /** Starts the devnet and the engine, warms up for 3 s, then measures for {@code duration}. Blocking. */
    static Result runNow(Path work, int concurrency, Duration duration) {
        Scheduler scheduler = Schedulers.newBoundedElastic(4, 1000, "bench-api", 60, true);
        try (Devnet devnet = Devnet.start(work.resolve("api-devnet"), 1, Artifacts.locate(), scheduler, Duration.ofSeconds(1), false)
                .block(Duration.ofMinutes(3))) {
            EngineConfig config = devnet.writeConfig(work.resolve("api-devnet").resolve("config.yaml"), 0);
            try (Engine engine = new Engine(config, ScanKernel.jvm()).startNow("127.0.0.1")) {
                DeployedChain chain = devnet.chains().get(0);
                String body = "{\"chainId\":" + chain.chainId() + ",\"token\":\"" + chain.weth() + "\",\"provider\":\""
                        + DevnetAccounts.address(7) + "\",\"amount\":\"1000000000000000000\"}";
                ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(concurrency).build();
                HttpClient client = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + engine.port())
                        .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
                loadNow(client, body, concurrency, Duration.ofSeconds(3));
                Result result = loadNow(client, body, concurrency, duration);
                pool.disposeLater().block(Duration.ofSeconds(10));
                return result;
            }
        } finally {
            scheduler.dispose();
        }
    }

    private static Result loadNow(HttpClient client, String body, int concurrency, Duration duration) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        Flux.range(0, concurrency)
                .flatMap(worker -> Mono.defer(() -> {
                            long t0 = System.nanoTime();
                            return client.post().uri("/api/v1/commitments/prepare")
                                    .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                                    .responseSingle((res, content) -> content.asString().defaultIfEmpty("")
                                            .map(text -> res.status().code()))
                                    .doOnNext(status -> {
                                        if (status == 200) {
                                            latencies.add(System.nanoTime() - t0);
                                        } else {
                                            failed.incrementAndGet();
                                        }
                                    })
                                    .onErrorResume(e -> {
                                        failed.incrementAndGet();
                                        return Mono.empty();
                                    });
                        })
                        .repeat(() -> System.nanoTime() < end), concurrency)
                .blockLast(duration.plusSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Result(concurrency, duration.toSeconds(), 0, failed.get(), 0, 0, 0, 0);
        }
        return new Result(concurrency, duration.toSeconds(), sorted.length, failed.get(), sorted.length / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

}
