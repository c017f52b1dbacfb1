package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/** FlashBank's EIP-1559 signing through web3j, held to golden vectors made by Foundry's cast. */
class SignedTransactionTest {
    /** Anvil's public test account 9 (the devnet searcher); a published key, never for real value. */
    private static final Credentials ANVIL_9 = Credentials.create("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
    private static final String TO = "0x1111111111111111111111111111111111111111";

    @Test
    void encodesAndSignsByteForByteAsFoundryCastDoes() {
        // cast mktx --private-key <anvil 9> --chain 31337 --nonce 7 --gas-limit 210000 --priority-gas-price 1000000000
        //   --gas-price 3000000000 --value 0 0x1111111111111111111111111111111111111111 0x801e4835deadbeef
        String cast = "0x02f875827a6907843b9aca0084b2d05e00830334509411111111111111111111111111111111111111118088801e4835deadbeefc0"
                + "01a003e23f0ee330b74c919e42744ee2417152a659610077f26b981a0ea02c837693a060d77ea4def8352d8ffa417e3a89de94e99ecb9d90ff85bb"
                + "42975364f08fd74f";
        SignedTransaction signed = SignedTransaction.eip1559(ANVIL_9, 31337, BigInteger.valueOf(7), BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(210_000), TO, BigInteger.ZERO, "0x801e4835deadbeef");
        assertThat(signed.raw()).isEqualTo(cast);
        assertThat(signed.hash()).isEqualTo(Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(cast))));
        assertThat(signed.from()).isEqualTo("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
    }

    @Test
    void encodesZeroNonceEmptyDataAndAValueAsCastDoes() {
        // cast mktx --private-key <anvil 9> --chain 31337 --nonce 0 --gas-limit 21000 --priority-gas-price 1 --gas-price 2
        //   --value 1000000000000000000 0x1111111111111111111111111111111111111111
        String cast = "0x02f86c827a69800102825208941111111111111111111111111111111111111111880de0b6b3a764000080c080a02c3b0c082c69c00444"
                + "1117fb548c7a9527bbed75f8b01e87ea668532c366a70aa06043ffa8da4fd0ef27a18d6643876cb4afb1a524662d0b5c29e4c9f79a9448b8";
        SignedTransaction signed = SignedTransaction.eip1559(ANVIL_9, 31337, BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(21_000), TO, BigInteger.TEN.pow(18), "0x");
        assertThat(signed.raw()).isEqualTo(cast);
    }

    @Test
    void theSignatureRecoversTheSignerOverTheTypedPayload() throws Exception {
        for (int nonce = 0; nonce < 40; nonce++) {
            byte[] raw = Numeric.hexStringToByteArray(SignedTransaction.eip1559(ANVIL_9, 10, BigInteger.valueOf(nonce), BigInteger.valueOf(5),
                    BigInteger.valueOf(99), BigInteger.valueOf(300_000), TO, BigInteger.ZERO, "0xabcdef").raw());
            assertThat(raw[0]).isEqualTo((byte) 0x02);
            List<RlpType> fields = ((RlpList) RlpDecoder.decode(Arrays.copyOfRange(raw, 1, raw.length)).getValues().get(0)).getValues();
            assertThat(fields).hasSize(12);
            int yParity = ((RlpString) fields.get(9)).asPositiveBigInteger().intValueExact();
            byte[] r = ((RlpString) fields.get(10)).getBytes();
            byte[] s = ((RlpString) fields.get(11)).getBytes();
            assertThat(yParity).isBetween(0, 1);
            assertThat(r[0]).as("r is a minimal RLP integer").isNotZero();
            assertThat(s[0]).as("s is a minimal RLP integer").isNotZero();
            byte[] unsigned = RlpEncoder.encode(new RlpList(fields.subList(0, 9)));
            byte[] payload = new byte[unsigned.length + 1];
            payload[0] = 0x02;
            System.arraycopy(unsigned, 0, payload, 1, unsigned.length);
            Sign.SignatureData signature = new Sign.SignatureData((byte) (27 + yParity), Numeric.toBytesPadded(new BigInteger(1, r), 32),
                    Numeric.toBytesPadded(new BigInteger(1, s), 32));
            BigInteger key = Sign.signedMessageHashToKey(Hash.sha3(payload), signature);
            assertThat("0x" + Keys.getAddress(key)).isEqualTo(ANVIL_9.getAddress());
        }
    }

    @Test
    void rejectsAMaxFeeBelowTheTipAndMalformedFields() {
        assertThatThrownBy(() -> SignedTransaction.eip1559(ANVIL_9, 1, BigInteger.ZERO, BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, TO,
                BigInteger.ZERO, "0x")).hasMessageContaining("maxFeePerGas");
        assertThatThrownBy(() -> SignedTransaction.eip1559(ANVIL_9, 1, BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, TO,
                BigInteger.ZERO, "0x")).hasMessageContaining("gasLimit");
        assertThatThrownBy(() -> SignedTransaction.eip1559(ANVIL_9, 1, BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, TO,
                BigInteger.ZERO, "0xabc")).hasMessageContaining("data");
        assertThatThrownBy(() -> SignedTransaction.eip1559(ANVIL_9, 0, BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, TO,
                BigInteger.ZERO, "0x")).hasMessageContaining("chainId");
    }
}
