package io.flashbank.chain;

import java.time.Instant;

/**
 * A point-in-time view of one chain connection, for {@code GET /health}.
 *
 * @param headSeenAt when the last head was processed (null before the first)
 * @param lagMillis how long ago that was, by the engine's clock (-1 before the first)
 */
public record ChainStatus(long chainId, String name, boolean connected, long headNumber, String headHash,
                          Instant headSeenAt, long lagMillis, int pools, String lastError) {
}
