package io.flashbank.api;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The hot stream behind {@code GET /events}: heads, windows, executions and errors from every stage.
 *
 * <p>{@link #publish} may be called from any thread and never blocks; a subscriber that cannot keep up misses
 * events (they are monitoring, not data), so a slow dashboard never slows the pipeline.
 */
public final class MonitorFeed {
    private final Sinks.Many<MonitorEvent> sink = Sinks.many().multicast().directBestEffort();

    /** Publishes {@code event} to the current subscribers. */
    public void publish(MonitorEvent event) {
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
    }

    /** Every event published from now on. */
    public Flux<MonitorEvent> events() {
        return sink.asFlux();
    }
}
