package io.flashbank.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.flashbank.ledger.ProviderLoan;
import io.flashbank.ledger.ProviderPosition;
import java.math.BigInteger;
import java.util.List;

/**
 * The ledger's part of {@code GET /api/v1/providers/{address}} for one chain and token: the commitment, fees earned,
 * withdrawn and not yet withdrawn, and the provider's latest loans; amounts as decimal strings of the token's unit.
 */
public record ProviderLedgerJson(long chainId, String token, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger commitment,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger feesEarned,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger withdrawn,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger unwithdrawn, List<Loan> latestLoans) {
    public ProviderLedgerJson {
        latestLoans = List.copyOf(latestLoans);
    }

    /** One loan the provider lent to: the whole loan's amount and fee, and this provider's pull and fee share. */
    public record Loan(String txHash, long logIndex, long blockNumber, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger fee,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger pulled,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger feeShare) {
        static Loan of(ProviderLoan l) {
            return new Loan(l.txHash(), l.logIndex(), l.blockNumber(), l.amount(), l.fee(), l.pulled(), l.feeShare());
        }
    }

    static ProviderLedgerJson of(ProviderPosition p) {
        return new ProviderLedgerJson(p.chainId(), p.token(), p.commitment(), p.feesEarned(), p.withdrawn(), p.unwithdrawn(),
                p.latestLoans().stream().map(Loan::of).toList());
    }
}
