package io.flashbank.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ABI-encoded return data read as 32-byte words: static words and dynamic arrays of static words, the only shapes
 * PoolQuery answers with. web3j's reflective decoder spends about 0.2 ms a pair on a getPairs page (100 ms for 500
 * pairs, most of a 10k-pair snapshot); reading the words directly takes a few microseconds a pair.
 *
 * <p>Every offset, length and value is checked against the data: malformed data fails with {@link RpcException}.
 */
final class AbiWords {
    private static final int WORD = 64;
    private final String hex;
    private final int words;
    private final String what;

    private AbiWords(String hex, String what) {
        this.hex = hex;
        this.words = hex.length() / WORD;
        this.what = what;
    }

    /**
     * @param data lower-case {@code 0x}-prefixed hex, as {@link Quantities#data} returns it
     * @param what names the answer in error messages, e.g. {@code PoolQuery.getPairs}
     */
    static AbiWords of(String data, String what) {
        String hex = data.startsWith("0x") ? data.substring(2) : data;
        if (hex.length() % WORD != 0) {
            throw new RpcException(what + " answered " + hex.length() + " hex chars, not whole 32-byte words");
        }
        return new AbiWords(hex, what);
    }

    /** Head word {@code index} as an unsigned number. */
    BigInteger uint(int index) {
        return new BigInteger(word(index), 16);
    }

    /** The dynamic array of unsigned numbers whose offset is head word {@code index}; each must fit in {@code bits}. */
    List<BigInteger> uintArray(int index, int bits) {
        int[] span = array(index);
        List<BigInteger> out = new ArrayList<>(span[1]);
        for (int i = 0; i < span[1]; i++) {
            BigInteger value = new BigInteger(word(span[0] + i), 16);
            if (value.bitLength() > bits) {
                throw new RpcException(what + " answered a value wider than uint" + bits + " at element " + i);
            }
            out.add(value);
        }
        return out;
    }

    /** The dynamic array of addresses (lower-case, 0x-prefixed) whose offset is head word {@code index}. */
    List<String> addressArray(int index) {
        int[] span = array(index);
        List<String> out = new ArrayList<>(span[1]);
        for (int i = 0; i < span[1]; i++) {
            String word = word(span[0] + i);
            for (int c = 0; c < 24; c++) {
                if (word.charAt(c) != '0') {
                    throw new RpcException(what + " answered a word that is not an address at element " + i);
                }
            }
            out.add("0x" + word.substring(24).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** {first element's word index, length} of the array whose byte offset is head word {@code index}. */
    private int[] array(int index) {
        BigInteger offset = uint(index);
        if (offset.mod(BigInteger.valueOf(32)).signum() != 0 || offset.compareTo(BigInteger.valueOf((long) words * 32)) >= 0) {
            throw new RpcException(what + " answered a bad array offset " + offset + " in head word " + index);
        }
        int lengthWord = offset.intValue() / 32;
        BigInteger length = uint(lengthWord);
        if (length.compareTo(BigInteger.valueOf(words - lengthWord - 1L)) > 0) {
            throw new RpcException(what + " answered an array of " + length + " elements in " + (words - lengthWord - 1)
                    + " words");
        }
        return new int[] {lengthWord + 1, length.intValue()};
    }

    private String word(int index) {
        if (index < 0 || index >= words) {
            throw new RpcException(what + " answered " + words + " words, word " + index + " is missing");
        }
        return hex.substring(index * WORD, (index + 1) * WORD);
    }
}
