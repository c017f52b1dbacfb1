package io.flashbank.market;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chains and cross-chain assets the market builds candidates for.
 *
 * @param chains one entry per chain, chain ids distinct
 * @param canonicalAssets assets mapped across chains (may be empty: no cross-chain candidates)
 */
public record MarketSettings(List<ChainSettings> chains, List<CanonicalAsset> canonicalAssets) {
    public MarketSettings {
        if (chains == null || chains.isEmpty()) {
            throw new IllegalArgumentException("chains must name at least one chain");
        }
        chains = List.copyOf(chains);
        canonicalAssets = canonicalAssets == null ? List.of() : List.copyOf(canonicalAssets);
        Set<Long> ids = new HashSet<>();
        for (ChainSettings chain : chains) {
            if (!ids.add(chain.chainId())) {
                throw new IllegalArgumentException("chains names chain " + chain.chainId() + " twice");
            }
        }
        Set<String> symbols = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (CanonicalAsset asset : canonicalAssets) {
            if (!symbols.add(asset.symbol())) {
                throw new IllegalArgumentException("canonicalAssets names " + asset.symbol() + " twice");
            }
            asset.addresses().forEach((chainId, token) -> {
                if (!tokens.add(chainId + ":" + token)) {
                    throw new IllegalArgumentException(
                            "canonicalAssets maps token " + token + " on chain " + chainId + " to two assets");
                }
            });
        }
    }

    /** The settings of {@code chainId}, if the chain is configured. */
    public Optional<ChainSettings> chain(long chainId) {
        return chains.stream().filter(chain -> chain.chainId() == chainId).findFirst();
    }

    /** The canonical asset {@code token} on {@code chainId} stands for, if any. */
    public Optional<CanonicalAsset> canonicalOf(long chainId, String token) {
        return canonicalAssets.stream().filter(asset -> token.equals(asset.addresses().get(chainId))).findFirst();
    }
}
