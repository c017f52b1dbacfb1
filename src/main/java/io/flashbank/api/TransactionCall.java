package io.flashbank.api;

import io.flashbank.chain.DecodedTransaction;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The call a signed raw transaction makes, as the relay judges it: its target (null for a contract creation), the
 * ether it sends and its calldata, taken from the decoded transaction.
 */
record TransactionCall(String to, BigInteger value, String data) {
    /** {@code approve(address,uint256)}. */
    static final String APPROVE = "0x095ea7b3";

    /** The call {@code tx} makes. */
    static TransactionCall of(DecodedTransaction tx) {
        return new TransactionCall(tx.to(), tx.value(), tx.data());
    }

    /** The spender when this is exactly {@code approve(spender, amount)} (selector and two words), lower-case. */
    Optional<String> approveSpender() {
        String hex = data.toLowerCase(Locale.ROOT);
        if (!hex.startsWith(APPROVE) || hex.length() != APPROVE.length() + 128 || !hex.startsWith("0".repeat(24), APPROVE.length())) {
            return Optional.empty();
        }
        return Optional.of("0x" + hex.substring(APPROVE.length() + 24, APPROVE.length() + 64));
    }
}
