package io.flashbank.ledger;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.List;

/**
 * A provider's standing in one token on one chain, from the ledger alone (no chain call).
 *
 * @param chainId the chain
 * @param token the token
 * @param commitment the cap of its latest {@code Committed} event (0 after a prune or after leaving)
 * @param feesEarned the sum of every fee share it was credited
 * @param withdrawn the sum of its {@code ProfitsWithdrawn} events
 * @param latestLoans its newest loans, newest first
 */
public record ProviderPosition(long chainId, String token, BigInteger commitment, BigInteger feesEarned, BigInteger withdrawn,
                               List<ProviderLoan> latestLoans) {
    public ProviderPosition {
        token = Addresses.normalize(token, "token");
        Amounts.requireUint256(commitment, "commitment");
        if (feesEarned == null || feesEarned.signum() < 0 || withdrawn == null || withdrawn.signum() < 0) {
            throw new IllegalArgumentException("feesEarned and withdrawn must not be negative");
        }
        latestLoans = List.copyOf(latestLoans);
    }

    /** Fees earned and not withdrawn yet: what FlashBank's {@code profitOf} should say once the ledger is current. */
    public BigInteger unwithdrawn() {
        return feesEarned.subtract(withdrawn);
    }
}
