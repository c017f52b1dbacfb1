package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.chain.DecodedTransaction;
import io.flashbank.execute.SignedTransaction;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Reading a signed transaction's target, value and calldata, and recognising {@code approve(spender, amount)}. */
class TransactionCallTest {
    private static final String TOKEN = "0x" + "ab".repeat(20);
    private static final String SPENDER = "0x" + "cd".repeat(20);
    private static final String APPROVE = TransactionCall.APPROVE + "000000000000000000000000" + SPENDER.substring(2) + "f".repeat(64);

    @Test
    void readsALegacyEip155Transaction() {
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(60_000), TOKEN,
                BigInteger.valueOf(5), APPROVE);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, 31337, DevnetAccounts.credentials(DevnetAccounts.FIRST_LP)));
        TransactionCall call = TransactionCall.of(DecodedTransaction.decode(raw));
        assertThat(call.to()).isEqualTo(TOKEN);
        assertThat(call.value()).isEqualTo(5);
        assertThat(call.data()).isEqualTo(APPROVE);
        assertThat(call.approveSpender()).hasValue(SPENDER);
    }

    @Test
    void readsAnEip1559TransactionAndAContractCreation() {
        String raw = SignedTransaction.eip1559(DevnetAccounts.credentials(DevnetAccounts.FIRST_LP), 31337, BigInteger.ZERO, BigInteger.ONE,
                BigInteger.TEN, BigInteger.valueOf(21_000), TOKEN, BigInteger.ZERO, "0x").raw();
        TransactionCall call = TransactionCall.of(DecodedTransaction.decode(raw));
        assertThat(call.to()).isEqualTo(TOKEN);
        assertThat(call.data()).isEqualTo("0x");
        assertThat(call.approveSpender()).isEmpty();
        RawTransaction create = RawTransaction.createContractTransaction(BigInteger.ONE, BigInteger.TEN, BigInteger.valueOf(90_000),
                BigInteger.ZERO, "0x6000");
        String created = Numeric.toHexString(TransactionEncoder.signMessage(create, 31337, DevnetAccounts.credentials(1)));
        assertThat(TransactionCall.of(DecodedTransaction.decode(created)).to()).isNull();
    }

    @Test
    void anApproveIsExactlyTheSelectorAndTwoWordsWithAnAddressInTheFirst() {
        assertThat(new TransactionCall(TOKEN, BigInteger.ZERO, APPROVE + "00").approveSpender()).as("trailing bytes").isEmpty();
        assertThat(new TransactionCall(TOKEN, BigInteger.ZERO, APPROVE.substring(0, APPROVE.length() - 2)).approveSpender()).isEmpty();
        String dirty = TransactionCall.APPROVE + "1".repeat(24) + SPENDER.substring(2) + "0".repeat(64);
        assertThat(new TransactionCall(TOKEN, BigInteger.ZERO, dirty).approveSpender()).as("high bytes in the address word").isEmpty();
        String transfer = "0xa9059cbb" + APPROVE.substring(10);
        assertThat(new TransactionCall(TOKEN, BigInteger.ZERO, transfer).approveSpender()).as("transfer is not approve").isEmpty();
    }

    @Test
    void refusesAnUnknownEnvelope() {
        assertThatThrownBy(() -> TransactionCall.of(DecodedTransaction.decode("0x04c0"))).isInstanceOf(IllegalArgumentException.class);
    }
}
