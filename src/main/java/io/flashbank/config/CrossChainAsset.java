package io.flashbank.config;

import java.util.Map;

/** One asset that exists on several chains: its address per chain id (for cross-chain candidates). */
public record CrossChainAsset(String symbol, Map<Long, String> addresses) {
    public CrossChainAsset {
        addresses = Map.copyOf(addresses);
    }
}
