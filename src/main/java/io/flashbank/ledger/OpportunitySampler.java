package io.flashbank.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;

/**
 * Decides which ranked opportunities are worth a row: at most one per route per interval and a few per second in all,
 * so sampling costs a map lookup for the rest. Thread-safe.
 */
final class OpportunitySampler {
    static final long DEFAULT_ROUTE_INTERVAL_MILLIS = 10_000;
    static final int DEFAULT_PER_SECOND = 5;
    private static final int MAX_ROUTES = 10_000;

    private final Scheduler clock;
    private final long routeIntervalMillis;
    private final int perSecond;
    private final Map<String, Long> lastSampled = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ROUTES;
        }
    };
    private long secondStart = Long.MIN_VALUE;
    private int inSecond;

    OpportunitySampler(Scheduler clock) {
        this(clock, DEFAULT_ROUTE_INTERVAL_MILLIS, DEFAULT_PER_SECOND);
    }

    OpportunitySampler(Scheduler clock, long routeIntervalMillis, int perSecond) {
        if (routeIntervalMillis < 0 || perSecond < 1) {
            throw new IllegalArgumentException("routeIntervalMillis must not be negative and perSecond must be positive");
        }
        this.clock = clock;
        this.routeIntervalMillis = routeIntervalMillis;
        this.perSecond = perSecond;
    }

    /** Whether the opportunity with {@code id} should be stored now (and, if so, counts it). */
    synchronized boolean pick(String id) {
        long now = clock.now(TimeUnit.MILLISECONDS);
        if (secondStart == Long.MIN_VALUE || now - secondStart >= 1_000) {
            secondStart = now;
            inSecond = 0;
        }
        if (inSecond >= perSecond) {
            return false;
        }
        Long last = lastSampled.get(id);
        if (last != null && now - last < routeIntervalMillis) {
            return false;
        }
        lastSampled.put(id, now);
        inSecond++;
        return true;
    }
}
