package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.ledger.LoanRecord;
import io.flashbank.ledger.LoanShare;
import io.flashbank.ledger.ProviderLoan;
import io.flashbank.ledger.ProviderPosition;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of the ledger's records on the LP endpoints: amounts as decimal strings, exact past 2^64. */
class LedgerJsonTest {
    private static final String TX = "0x" + "ab".repeat(32);
    private static final String BLOCK = "0x" + "cd".repeat(32);
    private static final String TOKEN = "0x" + "11".repeat(20);
    private static final String A = "0x" + "22".repeat(20);
    private static final String B = "0x" + "33".repeat(20);

    @Test
    void writesALoanWithEveryShareInOrder() {
        BigInteger amount = BigInteger.TWO.pow(100).add(BigInteger.ONE);
        LoanRecord loan = new LoanRecord(31337, TX, 4, 120, BLOCK, TOKEN, A, B, amount, BigInteger.valueOf(2000),
                List.of(new LoanShare(A, BigInteger.valueOf(700), BigInteger.valueOf(1400)), new LoanShare(B, BigInteger.valueOf(300),
                        BigInteger.valueOf(600))));
        assertThat(ApiServer.write(LoanJson.of(loan))).isEqualTo("{\"chainId\":31337,\"txHash\":\"" + TX + "\",\"logIndex\":4,"
                + "\"blockNumber\":120,\"token\":\"" + TOKEN + "\",\"receiver\":\"" + A + "\",\"initiator\":\"" + B + "\","
                + "\"amount\":\"1267650600228229401496703205377\",\"fee\":\"2000\",\"shares\":["
                + "{\"provider\":\"" + A + "\",\"pulled\":\"700\",\"feeShare\":\"1400\"},"
                + "{\"provider\":\"" + B + "\",\"pulled\":\"300\",\"feeShare\":\"600\"}]}");
    }

    @Test
    void writesAProviderPositionWithItsLatestLoans() {
        ProviderPosition p = new ProviderPosition(1, TOKEN, BigInteger.TEN.pow(20), BigInteger.valueOf(50), BigInteger.valueOf(20),
                List.of(new ProviderLoan(1, TX, 2, 99, BigInteger.valueOf(1000), BigInteger.valueOf(2), BigInteger.valueOf(600),
                        BigInteger.ONE)));
        assertThat(ApiServer.write(ProviderLedgerJson.of(p))).isEqualTo("{\"chainId\":1,\"token\":\"" + TOKEN + "\","
                + "\"commitment\":\"100000000000000000000\",\"feesEarned\":\"50\",\"withdrawn\":\"20\",\"unwithdrawn\":\"30\","
                + "\"latestLoans\":[{\"txHash\":\"" + TX + "\",\"logIndex\":2,\"blockNumber\":99,\"amount\":\"1000\",\"fee\":\"2\","
                + "\"pulled\":\"600\",\"feeShare\":\"1\"}]}");
    }
}
