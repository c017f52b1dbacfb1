package io.flashbank.execute;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which opportunities an executor may attempt now: one that was sent at a source block is never sent again at that
 * block, one that was only skipped (nothing sent) is tried again after a backoff that doubles per skip.
 *
 * <p>A skip is often transient (an RPC timeout, FlashBank liquidity that was not committed yet, a pending trade that
 * has since been mined), and on a quiet chain the reserves may not change for a long time, so a skip must never be
 * final. A transaction that was sent changed the chain (or timed out with an unknown outcome), so its opportunity
 * waits for new reserves. Thread-safe: every method holds the log's lock for a few map operations.
 */
final class AttemptLog {
    /** How many opportunity ids the log remembers; the eldest is forgotten first. */
    static final int REMEMBERED = 4096;

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Map<String, Remembered> entries = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** What the log knows of one opportunity id. */
    private record Remembered(long sourceBlock, boolean inFlight, boolean sent, int skips, Instant retryAt) {
    }

    /**
     * @param firstBackoff the wait after the first skip at a block
     * @param maxBackoff the longest wait, however many skips
     */
    AttemptLog(Duration firstBackoff, Duration maxBackoff) {
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most " + maxBackoff + ", got " + firstBackoff);
        }
    }

    /** Whether {@code id} at source block {@code block} may be attempted at {@code now}. */
    synchronized boolean due(String id, long block, Instant now) {
        Remembered e = entries.get(id);
        if (e == null || block > e.sourceBlock()) {
            return true;
        }
        if (e.inFlight() || e.sent() || block < e.sourceBlock()) {
            return false;
        }
        return !now.isBefore(e.retryAt());
    }

    /** Claims {@code id} at {@code block} for one attempt; false when it is not {@link #due} (or another claimed it). */
    synchronized boolean claim(String id, long block, Instant now) {
        if (!due(id, block, now)) {
            return false;
        }
        Remembered e = entries.get(id);
        int skips = e != null && e.sourceBlock() == block ? e.skips() : 0;
        entries.put(id, new Remembered(block, true, false, skips, now));
        return true;
    }

    /** Records the end of a claimed attempt: {@code sent} when a transaction went out, else a skip at {@code now}. */
    synchronized void finished(String id, long block, boolean sent, Instant now) {
        Remembered e = entries.get(id);
        if (e == null || e.sourceBlock() != block) {
            return; // forgotten, or superseded by an attempt at newer reserves
        }
        if (sent) {
            entries.put(id, new Remembered(block, false, true, e.skips(), now));
            return;
        }
        int skips = e.skips() + 1;
        entries.put(id, new Remembered(block, false, false, skips, now.plus(backoff(skips))));
    }

    /** The wait after the {@code skips}-th consecutive skip at one block: first, doubled each time, at most max. */
    Duration backoff(int skips) {
        Duration wait = firstBackoff;
        for (int i = 1; i < skips && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
