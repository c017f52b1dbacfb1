package io.flashbank.market;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What candidate generation and gas pricing need to know about one chain.
 *
 * @param chainId the EVM chain id
 * @param wrappedNative the chain's wrapped native token (WETH), in which gas is paid
 * @param baseTokens tokens cycles start and end in, most preferred first (what flash loans borrow)
 */
public record ChainSettings(long chainId, String wrappedNative, List<String> baseTokens) {
    public ChainSettings {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        wrappedNative = Addresses.normalize(wrappedNative, "wrappedNative");
        if (baseTokens == null || baseTokens.isEmpty()) {
            throw new IllegalArgumentException("baseTokens of chain " + chainId + " must name at least one token");
        }
        baseTokens = baseTokens.stream().map(token -> Addresses.normalize(token, "baseTokens")).toList();
        if (new HashSet<>(baseTokens).size() != baseTokens.size()) {
            throw new IllegalArgumentException("baseTokens of chain " + chainId + " must not repeat a token");
        }
    }

    /** The most preferred base token among {@code tokens}, if any of them is one. */
    public Optional<String> preferredBase(List<String> tokens) {
        return baseTokens.stream().filter(tokens::contains).findFirst();
    }

    /** Whether {@code token} is a base token of this chain. */
    public boolean isBase(String token) {
        return baseTokens.contains(token);
    }
}
