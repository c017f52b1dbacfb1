package io.flashbank.scan;

import io.flashbank.market.MarketEvent;
import io.flashbank.rank.WindowReport;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps a market current from chain events and scans it once per window, turning each window into a
 * {@link WindowReport} of exactly priced opportunities.
 *
 * <p>Threads: every event is applied, and every scan runs, on the scan scheduler, which must run one task at a time
 * (a single-thread scheduler; the kernel blocks it for the length of a scan). Windows are timed on the timer
 * scheduler. Pass a {@code VirtualTimeScheduler} for both in tests.
 */
public final class WindowScanner {
    private static final int EVENT_PREFETCH = 256;

    private final ScanSettings settings;
    private final ScanKernel kernel;
    private final Scheduler timer;
    private final Scheduler scanScheduler;

    /**
     * @param settings window length, re-quote count, pricing and market settings
     * @param kernel evaluates the batches (called on {@code scanScheduler} only)
     * @param timer times the windows
     * @param scanScheduler a single-thread scheduler that owns the market state and runs the kernel
     */
    public WindowScanner(ScanSettings settings, ScanKernel kernel, Scheduler timer, Scheduler scanScheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.scanScheduler = Objects.requireNonNull(scanScheduler, "scanScheduler");
    }

    /**
     * Applies {@code events} (of any number of chains, merged) to a fresh market and emits one report per window.
     *
     * <p>Each subscription builds its own market from the events it sees: subscribe once and share the result if
     * several consumers need it. Window {@code i} closes {@code (i + 1)} window lengths after subscription and scans
     * the candidates touching every pool changed since the previous scan (all of them on the first). No state update
     * is dropped: events wait in an unbounded queue while a scan runs (they arrive at block rate, so it holds at most
     * about one scan's worth), and the upstream is requested in batches. Ticks are latest-wins: a tick that finds the
     * scanner still busy (or the subscriber without demand) is dropped, so its index is missing from the reports, and
     * the next scan covers everything still changed. Reports are emitted on the scan scheduler.
     *
     * <p>Completes when {@code events} completes (without a final window); signals the error of {@code events}, or of
     * the kernel, and stops.
     */
    public Flux<WindowReport> reports(Flux<? extends MarketEvent> events) {
        Objects.requireNonNull(events, "events");
        return Flux.defer(() -> {
            WindowScan scan = new WindowScan(settings, kernel);
            Sinks.Empty<Void> eventsDone = Sinks.empty();
            Flux<WindowReport> applied = events
                    .onBackpressureBuffer()
                    .publishOn(scanScheduler, EVENT_PREFETCH)
                    .doOnNext(scan::apply)
                    .doOnComplete(eventsDone::tryEmitEmpty)
                    .thenMany(Flux.empty());
            Flux<WindowReport> windows = Flux.interval(settings.window(), timer)
                    .onBackpressureDrop()
                    .publishOn(scanScheduler, 1)
                    .map(tick -> scan.close(tick, Instant.ofEpochMilli(timer.now(TimeUnit.MILLISECONDS))))
                    .takeUntilOther(eventsDone.asMono());
            // Prefetch 1: a subscriber without demand holds back the next tick instead of a queue of reports.
            return Flux.merge(1, applied, windows);
        });
    }
}
