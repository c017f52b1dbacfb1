package io.flashbank.api;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets: a client may take {@code burst} tokens at once and earns one more every {@code refillNanos}.
 * Thread-safe and non-blocking (a short lock); at most {@code maxClients} buckets are kept, full ones forgotten first.
 */
final class TokenBuckets {
    private final int burst;
    private final long refillNanos;
    private final int maxClients;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new HashMap<>();

    /** One client's tokens and when they were last counted. */
    private static final class Bucket {
        long tokens;
        long countedAt;

        Bucket(long tokens, long countedAt) {
            this.tokens = tokens;
            this.countedAt = countedAt;
        }
    }

    /**
     * @param clock nanoseconds, monotonic ({@code System::nanoTime} outside tests)
     */
    TokenBuckets(int burst, long refillNanos, int maxClients, LongSupplier clock) {
        if (burst < 1 || refillNanos < 1 || maxClients < 1) {
            throw new IllegalArgumentException("burst, refill and maxClients must be positive");
        }
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** Takes a token for {@code client}: 0 when it had one, else the nanoseconds until it will have one. */
    synchronized long take(String client) {
        long now = clock.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            if (buckets.size() >= maxClients && !forgetFull(now)) {
                // every tracked client is mid-burst: a new one waits rather than grow the map without bound
                return refillNanos;
            }
            b = new Bucket(burst, now);
            buckets.put(client, b);
        }
        refill(b, now);
        if (b.tokens > 0) {
            b.tokens--;
            return 0;
        }
        return refillNanos - (now - b.countedAt);
    }

    private void refill(Bucket b, long now) {
        long earned = (now - b.countedAt) / refillNanos;
        if (earned > 0) {
            b.tokens = Math.min(burst, b.tokens + earned);
            b.countedAt = b.tokens == burst ? now : b.countedAt + earned * refillNanos;
        }
    }

    /** Forgets the clients whose buckets have refilled (they lose nothing); whether any was forgotten. */
    private boolean forgetFull(long now) {
        boolean any = false;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            refill(b, now);
            if (b.tokens == burst) {
                it.remove();
                any = true;
            }
        }
        return any;
    }
}
