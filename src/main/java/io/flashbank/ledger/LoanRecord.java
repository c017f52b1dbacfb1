package io.flashbank.ledger;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.List;

/**
 * One FlashBank flash loan as the ledger recorded it from its {@code FlashLoan} event, with every provider's share.
 *
 * @param chainId the chain
 * @param txHash the loan's transaction
 * @param logIndex the event's index in its block
 * @param blockNumber the block it was mined in
 * @param blockHash that block's hash
 * @param token the lent token
 * @param receiver the ERC-3156 borrower
 * @param initiator who called {@code flashLoan}/{@code flashLoanFrom}
 * @param amount the loan, the sum of the shares' pulls
 * @param fee the fee, the sum of the shares' fee shares
 * @param shares one per provider pulled from, in the event's order
 */
public record LoanRecord(long chainId, String txHash, long logIndex, long blockNumber, String blockHash, String token,
                         String receiver, String initiator, BigInteger amount, BigInteger fee, List<LoanShare> shares) {
    public LoanRecord {
        if (chainId <= 0 || logIndex < 0 || blockNumber < 0) {
            throw new IllegalArgumentException("chainId must be positive and logIndex, blockNumber not negative");
        }
        txHash = Amounts.requireHash(txHash, "txHash");
        blockHash = Amounts.requireHash(blockHash, "blockHash");
        token = Addresses.normalize(token, "token");
        receiver = Addresses.normalize(receiver, "receiver");
        initiator = Addresses.normalize(initiator, "initiator");
        Amounts.requireUint256(amount, "amount");
        Amounts.requireUint256(fee, "fee");
        shares = List.copyOf(shares);
    }
}
