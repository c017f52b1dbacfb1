package io.flashbank.chain;

import java.time.Instant;

/** What a chain connection reports for monitoring: connection changes, heads, reorgs, snapshots and failures. */
public sealed interface ChainSignal {
    long chainId();

    /** Connected to the node at {@code url}. */
    record Connected(long chainId, String url) implements ChainSignal {
    }

    /** The connection dropped or could not be made; a reconnect follows with backoff. */
    record Disconnected(long chainId, String reason) implements ChainSignal {
    }

    /** A canonical block was processed ({@code backfilled} when it was fetched to fill a gap). */
    record Head(long chainId, long number, String hash, long timestamp, boolean backfilled, int syncs, Instant seenAt)
            implements ChainSignal {
    }

    /** Blocks after {@code ancestor} were replaced; the pools they touched were re-read. */
    record Reorg(long chainId, long ancestor, int depth, int poolsReread) implements ChainSignal {
    }

    /** The start-up snapshot read {@code read} of the {@code total} pairs {@code factory} lists (once per page). */
    record SnapshotProgress(long chainId, String factory, long read, long total) implements ChainSignal {
    }

    /** The start-up snapshot finished. */
    record Snapshot(long chainId, long blockNumber, int pools, long millis) implements ChainSignal {
    }
}
