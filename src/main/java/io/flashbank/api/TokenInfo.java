package io.flashbank.api;

import java.util.Objects;

/**
 * What the dashboard needs to show an amount of a token: its symbol (null when the token has none that reads) and
 * its decimals, both as the token's own contract answers them. Written by Jackson on {@code GET /api/v1/tokens}.
 */
public record TokenInfo(long chainId, String address, String symbol, int decimals) {
    public TokenInfo {
        Objects.requireNonNull(address, "address");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals is a uint8, got " + decimals);
        }
    }
}
