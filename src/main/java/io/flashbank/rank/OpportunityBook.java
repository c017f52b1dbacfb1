package io.flashbank.rank;

import io.flashbank.market.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Merges the window reports of every chain into one ranking by net profit, one entry per opportunity id, capped at a
 * fixed number of entries, and publishes each change as a new {@link RankedView}.
 *
 * <p>Thread-safety: {@link #accept} may be called from any thread (reports of several scanners are serialised by a
 * lock held only while merging and emitting); {@link #top} and {@link #current} read an immutable snapshot and never
 * wait. Merge rules: an opportunity replaces one with the same id unless it was detected earlier; an entry touching a
 * pool the report re-scanned and not listed in it no longer pays and is removed; after merging, only the best
 * {@code capacity} entries are kept (ties broken by id, so the ranking is deterministic).
 */
public final class OpportunityBook {
    private static final Comparator<Opportunity> BY_NET_PROFIT = Comparator.comparing(Opportunity::netProfit)
            .reversed().thenComparing(Opportunity::id);

    private final int capacity;
    private final Map<String, Opportunity> byId = new HashMap<>();
    private final Sinks.Many<RankedView> views = Sinks.many().replay().latest();
    private volatile RankedView current = new RankedView(0, List.of());

    /** A book keeping the best {@code capacity} opportunities. */
    public OpportunityBook(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        views.tryEmitNext(current);
    }

    /**
     * Merges one window report and, when the ranking changed, emits the next view to the subscribers of {@link #views}
     * on the calling thread before returning.
     */
    public synchronized void accept(WindowReport report) {
        Set<Pool.PoolKey> changed = report.changedPools();
        Map<String, Opportunity> fresh = new HashMap<>();
        for (Opportunity opportunity : report.opportunities()) {
            fresh.put(opportunity.id(), opportunity);
        }
        if (!changed.isEmpty()) {
            byId.values().removeIf(entry -> !fresh.containsKey(entry.id()) && touchesAny(entry, changed));
        }
        for (Opportunity opportunity : fresh.values()) {
            Opportunity old = byId.get(opportunity.id());
            if (old == null || !opportunity.detectedAt().isBefore(old.detectedAt())) {
                byId.put(opportunity.id(), opportunity);
            }
        }
        List<Opportunity> ranked = new ArrayList<>(byId.values());
        ranked.sort(BY_NET_PROFIT);
        if (ranked.size() > capacity) {
            ranked.subList(capacity, ranked.size()).forEach(dropped -> byId.remove(dropped.id()));
            ranked = ranked.subList(0, capacity);
        }
        if (!ranked.equals(current.top())) {
            current = new RankedView(current.version() + 1, ranked);
            views.tryEmitNext(current);
        }
    }

    private static boolean touchesAny(Opportunity opportunity, Set<Pool.PoolKey> pools) {
        for (RouteHop hop : opportunity.route()) {
            if (pools.contains(new Pool.PoolKey(hop.chainId(), hop.pool()))) {
                return true;
            }
        }
        return false;
    }

    /** The best {@code n} opportunities now (fewer when the book holds fewer); never blocks. */
    public List<Opportunity> top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        List<Opportunity> top = current.top();
        return top.subList(0, Math.min(n, top.size()));
    }

    /** The latest view; never blocks. */
    public RankedView current() {
        return current;
    }

    /**
     * A hot stream of views: a subscriber first gets the current view, then one per change. Each subscriber has its
     * own latest-wins buffer: one that requests slowly skips to the newest view and never holds up {@link #accept} or
     * other subscribers. Views are delivered on the thread that called {@code accept} (or the subscribing thread for
     * the first), so subscribers must not block in {@code onNext}. Never completes and never errors.
     */
    public Flux<RankedView> views() {
        return views.asFlux().onBackpressureLatest();
    }
}
