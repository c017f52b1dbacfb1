package io.flashbank.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.flashbank.ledger.LoanRecord;
import java.math.BigInteger;
import java.util.List;

/** The wire form of one recorded flash loan ({@code GET /api/v1/loans}): amounts as decimal strings of the token's unit. */
public record LoanJson(long chainId, String txHash, long logIndex, long blockNumber, String token, String receiver, String initiator,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger fee, List<Share> shares) {
    public LoanJson {
        shares = List.copyOf(shares);
    }

    /** What one provider lent to the loan and the part of the fee credited to it. */
    public record Share(String provider, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger pulled,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger feeShare) {
    }

    static LoanJson of(LoanRecord r) {
        return new LoanJson(r.chainId(), r.txHash(), r.logIndex(), r.blockNumber(), r.token(), r.receiver(), r.initiator(),
                r.amount(), r.fee(), r.shares().stream().map(s -> new Share(s.provider(), s.pulled(), s.feeShare())).toList());
    }
}
