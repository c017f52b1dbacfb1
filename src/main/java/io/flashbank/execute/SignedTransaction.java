package io.flashbank.execute;

import java.util.Objects;

/**
 * A signed transaction ready for {@code eth_sendRawTransaction}.
 *
 * @param raw the EIP-2718 envelope, 0x hex
 * @param hash its keccak256: the transaction hash the node will report
 * @param from the signer's address, lower-case
 */
public record SignedTransaction(String raw, String hash, String from) {
    public SignedTransaction {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(from, "from");
    }
}
