package io.flashbank.ledger;

import io.flashbank.market.Addresses;
import java.util.List;

/**
 * Everything the ledger knows about one provider: one position per (chain, token) it ever committed to, lent in or
 * withdrew from; empty for an address the ledger has never seen.
 */
public record ProviderLedger(String provider, List<ProviderPosition> positions) {
    public ProviderLedger {
        provider = Addresses.normalize(provider, "provider");
        positions = List.copyOf(positions);
    }
}
