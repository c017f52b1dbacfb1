package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;

/** The decimals and symbol answers a token gives, checked against the ABI before the dashboard trusts them. */
class Erc20AnswersTest {
    private static final String WORD_6 = "0x" + "0".repeat(63) + "6";

    @Test
    void selectorsAreTheKeccakOfTheSignatures() {
        assertThat(Erc20Answers.DECIMALS).isEqualTo(Hash.sha3String("decimals()").substring(0, 10));
        assertThat(Erc20Answers.SYMBOL).isEqualTo(Hash.sha3String("symbol()").substring(0, 10));
    }

    @Test
    void readsDecimalsFromOneWordHoldingAUint8() {
        assertThat(Erc20Answers.decimals(WORD_6)).contains(6);
        assertThat(Erc20Answers.decimals("0x" + "0".repeat(62) + "ff")).contains(255);
    }

    @Test
    void refusesDecimalsThatAreEmptyShortWideOrLong() {
        assertThat(Erc20Answers.decimals("0x")).as("an account without code answers 0x").isEmpty();
        assertThat(Erc20Answers.decimals("0x06")).isEmpty();
        assertThat(Erc20Answers.decimals("0x" + "0".repeat(61) + "100")).as("256 is no uint8").isEmpty();
        assertThat(Erc20Answers.decimals(WORD_6 + "0".repeat(64))).as("two words").isEmpty();
        assertThat(Erc20Answers.decimals("0x" + "z".repeat(64))).isEmpty();
    }

    @Test
    void readsAnAbiStringSymbolAndABytes32One() {
        String usdc = "0x" + FunctionEncoder.encodeConstructor(java.util.List.of(new Utf8String("USDC")));
        assertThat(Erc20Answers.symbol(usdc)).contains("USDC");
        String mkr = "0x" + "4d4b52" + "0".repeat(58);
        assertThat(Erc20Answers.symbol(mkr)).as("MKR answers bytes32").contains("MKR");
    }

    @Test
    void refusesSymbolsWithABadOffsetALengthPastTheDataControlCharactersOrBadUtf8() {
        String len4 = "0".repeat(63) + "4";
        String usdcBytes = "55534443" + "0".repeat(56);
        assertThat(Erc20Answers.symbol("0x" + "0".repeat(62) + "40" + len4 + usdcBytes)).as("offset 64").isEmpty();
        assertThat(Erc20Answers.symbol("0x" + "0".repeat(62) + "20" + "0".repeat(62) + "21" + usdcBytes)).as("33 bytes in one word").isEmpty();
        assertThat(Erc20Answers.symbol("0x" + "0".repeat(62) + "20" + len4 + "55530a43" + "0".repeat(56))).as("a newline").isEmpty();
        assertThat(Erc20Answers.symbol("0x" + "0".repeat(62) + "20" + len4 + "5553ff43" + "0".repeat(56))).as("0xff").isEmpty();
        assertThat(Erc20Answers.symbol("0x" + "0".repeat(64))).as("an all-zero bytes32").isEmpty();
        assertThat(Erc20Answers.symbol("0x")).isEmpty();
    }
}
