package io.flashbank.market;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One asset that exists on several chains, with its token address on each; units are assumed equal on all of them.
 *
 * @param symbol a display name, unique among canonical assets
 * @param addresses the token address per chain id
 */
public record CanonicalAsset(String symbol, Map<Long, String> addresses) {
    public CanonicalAsset {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol of a canonical asset must not be blank");
        }
        if (addresses == null || addresses.size() < 2) {
            throw new IllegalArgumentException("addresses of canonical asset " + symbol + " must name at least two chains");
        }
        addresses = addresses.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> checkChain(entry.getKey(), symbol),
                entry -> Addresses.normalize(entry.getValue(), "addresses of " + symbol)));
    }

    private static long checkChain(Long chainId, String symbol) {
        if (chainId == null || chainId <= 0) {
            throw new IllegalArgumentException("addresses of canonical asset " + symbol + " has a bad chain id " + chainId);
        }
        return chainId;
    }

    /** The token address of this asset on {@code chainId}, if it exists there. */
    public Optional<String> on(long chainId) {
        return Optional.ofNullable(addresses.get(chainId));
    }
}
