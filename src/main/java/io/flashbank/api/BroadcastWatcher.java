package io.flashbank.api;

import io.flashbank.chain.ChainClient;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Follows transactions broadcast through the API until their receipt, and reports each outcome as a monitor event. */
public final class BroadcastWatcher {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_POLLS = 240;
    private static final int IN_FLIGHT = 64;

    private final Map<Long, ChainClient> clients;
    private final Scheduler timer;

    public BroadcastWatcher(Map<Long, ChainClient> clients, Scheduler timer) {
        this.clients = Map.copyOf(clients);
        this.timer = timer;
    }

    /**
     * One {@code transaction} event per broadcast: mined (status, block, gas) or still pending after two minutes.
     * At most 64 transactions are followed at once; more wait upstream (the sink buffers them).
     */
    public Flux<MonitorEvent> watch(Flux<LiquidityRoutes.Broadcast> broadcasts) {
        return broadcasts.flatMap(this::outcome, IN_FLIGHT);
    }

    private Mono<MonitorEvent> outcome(LiquidityRoutes.Broadcast b) {
        ChainClient client = clients.get(b.chainId());
        Mono<MonitorEvent> receipt = client.receipt(b.hash())
                .flatMap(Mono::justOrEmpty)
                .repeatWhenEmpty(MAX_POLLS, attempts -> attempts.delayElements(POLL, timer))
                .<MonitorEvent>map(r -> new MonitorEvent.Transaction(b.chainId(), b.hash(),
                        r.succeeded() ? "success" : "reverted", r.blockNumber(), java.math.BigInteger.valueOf(r.gasUsed())))
                .switchIfEmpty(Mono.fromSupplier(() -> new MonitorEvent.Transaction(b.chainId(), b.hash(), "pending", null, null)));
        return receipt.onErrorResume(e -> Mono.just(new MonitorEvent.Error(b.chainId(), null, b.hash(), "unknown",
                String.valueOf(e.getMessage()))));
    }
}
