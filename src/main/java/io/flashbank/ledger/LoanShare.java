package io.flashbank.ledger;

import io.flashbank.market.Addresses;
import java.math.BigInteger;

/**
 * What one provider lent in one flash loan and the fee share it was credited, in the loan token's smallest unit.
 *
 * @param provider the provider's wallet (lower-case)
 * @param pulled what was pulled from the wallet (and returned to it in the same transaction)
 * @param feeShare the part of the loan's fee credited to the provider
 */
public record LoanShare(String provider, BigInteger pulled, BigInteger feeShare) {
    public LoanShare {
        provider = Addresses.normalize(provider, "provider");
        Amounts.requireUint256(pulled, "pulled");
        Amounts.requireUint256(feeShare, "feeShare");
    }
}
