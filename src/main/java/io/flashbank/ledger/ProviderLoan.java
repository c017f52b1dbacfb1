package io.flashbank.ledger;

import java.math.BigInteger;

/**
 * One loan a provider took part in, seen from that provider.
 *
 * @param chainId the chain
 * @param txHash the loan's transaction
 * @param logIndex the FlashLoan event's index in its block
 * @param blockNumber the block
 * @param amount the whole loan
 * @param fee the whole fee
 * @param pulled what this provider lent
 * @param feeShare what this provider was credited
 */
public record ProviderLoan(long chainId, String txHash, long logIndex, long blockNumber, BigInteger amount, BigInteger fee,
                           BigInteger pulled, BigInteger feeShare) {
    public ProviderLoan {
        txHash = Amounts.requireHash(txHash, "txHash");
        Amounts.requireUint256(amount, "amount");
        Amounts.requireUint256(fee, "fee");
        Amounts.requireUint256(pulled, "pulled");
        Amounts.requireUint256(feeShare, "feeShare");
    }
}
