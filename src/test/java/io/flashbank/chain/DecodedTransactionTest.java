package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.execute.SignedTransaction;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Decoding signed transactions made by our EIP-1559 signer and by web3j's legacy encoder. */
class DecodedTransactionTest {
    /** Anvil's PUBLIC test key #1; never holds real value. */
    private static final Credentials KEY = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    @Test
    void readsAnEip1559TransactionAndRecoversItsSender() {
        SignedTransaction signed = SignedTransaction.eip1559(KEY, 31337, BigInteger.valueOf(42), BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(210_000), "0x" + "AB".repeat(20), BigInteger.valueOf(5), "0x1234");
        DecodedTransaction tx = DecodedTransaction.decode(signed.raw());
        assertThat(tx).isEqualTo(new DecodedTransaction(2, 31337L, BigInteger.valueOf(42), BigInteger.valueOf(210_000),
                KEY.getAddress().toLowerCase(), "0x" + "ab".repeat(20), BigInteger.valueOf(5), "0x1234"));
    }

    @Test
    void readsLegacyTransactionsWithAndWithoutEip155() {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(7), BigInteger.valueOf(1_000_000_000),
                BigInteger.valueOf(50_000), "0x" + "cd".repeat(20), BigInteger.ONE, "0x");
        DecodedTransaction protectedTx = DecodedTransaction.decode(Numeric.toHexString(TransactionEncoder.signMessage(raw, 31338L, KEY)));
        assertThat(protectedTx).isEqualTo(new DecodedTransaction(0, 31338L, BigInteger.valueOf(7), BigInteger.valueOf(50_000),
                KEY.getAddress().toLowerCase(), "0x" + "cd".repeat(20), BigInteger.ONE, "0x"));
        DecodedTransaction bare = DecodedTransaction.decode(Numeric.toHexString(TransactionEncoder.signMessage(raw, KEY)));
        assertThat(bare.chainId()).isNull();
        assertThat(bare.from()).isEqualTo(KEY.getAddress().toLowerCase());
    }

    @Test
    void refusesWhatIsNotASignedTransaction() {
        assertThatThrownBy(() -> DecodedTransaction.decode("0x02abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodedTransaction.decode("0x05c0")).hasMessageContaining("unknown transaction type");
        assertThatThrownBy(() -> DecodedTransaction.decode("0x")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DecodedTransaction.decode("0xc0")).hasMessageContaining("malformed");
    }
}
