package io.flashbank.scan;

import io.flashbank.market.MarketSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the window scanner and the ranking need, validated where it is built.
 *
 * @param window how often a window closes and scans (the upper bound on staleness; default 1 s)
 * @param requoteTopK how many of a window's best double-precision candidates are re-quoted exactly (default 32)
 * @param topN how many opportunities the ranked book keeps (default 50)
 * @param pricing flash fee, minimum net profit and gas
 * @param market chains, base tokens and cross-chain assets
 */
public record ScanSettings(Duration window, int requoteTopK, int topN, PricingSettings pricing, MarketSettings market) {
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    public static final int DEFAULT_REQUOTE_TOP_K = 32;
    public static final int DEFAULT_TOP_N = 50;

    public ScanSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be a positive duration, got " + window);
        }
        if (requoteTopK <= 0) {
            throw new IllegalArgumentException("requoteTopK must be positive, got " + requoteTopK);
        }
        if (topN <= 0) {
            throw new IllegalArgumentException("topN must be positive, got " + topN);
        }
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(market, "market");
    }

    /** The defaults (1 s window, top 32 re-quoted, top 50 kept, default pricing) for {@code market}. */
    public static ScanSettings defaults(MarketSettings market) {
        return new ScanSettings(DEFAULT_WINDOW, DEFAULT_REQUOTE_TOP_K, DEFAULT_TOP_N, PricingSettings.defaults(), market);
    }

    /** These settings with another window length. */
    public ScanSettings withWindow(Duration newWindow) {
        return new ScanSettings(newWindow, requoteTopK, topN, pricing, market);
    }

    /** These settings with other pricing. */
    public ScanSettings withPricing(PricingSettings newPricing) {
        return new ScanSettings(window, requoteTopK, topN, newPricing, market);
    }
}
