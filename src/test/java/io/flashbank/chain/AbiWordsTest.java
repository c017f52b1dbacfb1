package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;

/** Reading PoolQuery-shaped return data (words and arrays of words) straight from hex. */
class AbiWordsTest {
    private static final String A = "0x00000000000000000000000000000000000000aa";
    private static final String B = "0x00000000000000000000000000000000000000bb";

    /** The ABI encoding of (uint256, address[], uint256[]), as web3j writes it. */
    private static String encoded(BigInteger total, List<String> addresses, List<BigInteger> numbers) {
        return "0x" + FunctionEncoder.encodeConstructor(List.of(new Uint256(total),
                new DynamicArray<>(Address.class, addresses.stream().map(Address::new).toList()),
                new DynamicArray<>(Uint256.class, numbers.stream().map(Uint256::new).toList())));
    }

    @Test
    void readsWordsAndArraysAsWeb3jEncodesThem() {
        BigInteger big = BigInteger.TWO.pow(112).subtract(BigInteger.ONE);
        AbiWords words = AbiWords.of(encoded(BigInteger.valueOf(7), List.of(A, B), List.of(BigInteger.ONE, big)), "test");

        assertThat(words.uint(0)).isEqualTo(7);
        assertThat(words.addressArray(1)).containsExactly(A, B);
        assertThat(words.uintArray(2, 112)).containsExactly(BigInteger.ONE, big);
    }

    @Test
    void readsEmptyArrays() {
        AbiWords words = AbiWords.of(encoded(BigInteger.ZERO, List.of(), List.of()), "test");

        assertThat(words.addressArray(1)).isEmpty();
        assertThat(words.uintArray(2, 256)).isEmpty();
    }

    @Test
    void rejectsDataThatIsNotWholeWords() {
        assertThatThrownBy(() -> AbiWords.of("0x1234", "PoolQuery.getPairs"))
                .isInstanceOf(RpcException.class).hasMessageContaining("PoolQuery.getPairs").hasMessageContaining("whole 32-byte words");
    }

    @Test
    void rejectsAnArrayLongerThanTheData() {
        String hex = encoded(BigInteger.ONE, List.of(A, B), List.of(BigInteger.ONE));
        // Drop the last word: the second array now claims one element more than the data holds.
        AbiWords words = AbiWords.of(hex.substring(0, hex.length() - 64), "test");

        assertThatThrownBy(() -> words.uintArray(2, 256)).isInstanceOf(RpcException.class).hasMessageContaining("elements");
    }

    @Test
    void rejectsAnOffsetOutsideTheData() {
        String hex = encoded(BigInteger.ONE, List.of(A), List.of(BigInteger.ONE));
        String badOffset = hex.substring(0, 2 + 64) + "f".repeat(64) + hex.substring(2 + 128);

        assertThatThrownBy(() -> AbiWords.of(badOffset, "test").addressArray(1))
                .isInstanceOf(RpcException.class).hasMessageContaining("offset");
    }

    @Test
    void rejectsAWordWithHighBitsWhereAnAddressBelongs() {
        AbiWords words = AbiWords.of(encoded(BigInteger.ONE, List.of(A), List.of(BigInteger.TWO.pow(200))), "test");
        // The number array read as addresses: 2^200 does not fit in 160 bits.
        assertThatThrownBy(() -> words.addressArray(2)).isInstanceOf(RpcException.class).hasMessageContaining("not an address");
    }

    @Test
    void rejectsANumberWiderThanItsType() {
        AbiWords words = AbiWords.of(encoded(BigInteger.ONE, List.of(A), List.of(BigInteger.TWO.pow(32))), "test");

        assertThatThrownBy(() -> words.uintArray(2, 32)).isInstanceOf(RpcException.class).hasMessageContaining("uint32");
    }
}
