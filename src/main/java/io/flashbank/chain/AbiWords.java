package io.flashbank.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of ABI-encoded words: call return data, event data and topics, read as 32-byte words — static words,
 * addresses and dynamic arrays of static words, the only shapes FlashBank's contracts, Uniswap V2 and PoolQuery answer
 * with. (Encoding is web3j's {@code FunctionEncoder}.) web3j's reflective decoder spends about 0.2 ms a pair on a
 * getPairs page (100 ms for 500 pairs, most of a 10k-pair snapshot); reading the words directly takes a few
 * microseconds a pair.
 *
 * <p>Every offset, length and value is checked against the data: malformed data fails with {@link RpcException}.
 */
public final class AbiWords {
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
    public static AbiWords of(String data, String what) {
        if (data == null) {
            throw new RpcException(what + " answered no data");
        }
        String hex = data.startsWith("0x") ? data.substring(2) : data;
        if (hex.length() % WORD != 0) {
            throw new RpcException(what + " answered " + hex.length() + " hex chars, not whole 32-byte words");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (Character.digit(c, 16) < 0) {
                throw new RpcException(what + " answered a non-hex character at " + i);
            }
        }
        return new AbiWords(hex, what);
    }

    /** {@code data} that must be exactly {@code count} words, e.g. a call returning one {@code uint256}. */
    public static AbiWords exactly(String data, int count, String what) {
        AbiWords words = of(data, what);
        if (words.words != count) {
            throw new RpcException(what + " answered " + words.words + " words, expected " + count);
        }
        return words;
    }

    /** The address an indexed topic holds: one word whose high 12 bytes are zero. */
    public static String topicAddress(String topic, String what) {
        AbiWords word = exactly(topic, 1, what);
        if (!word.hex.startsWith("0".repeat(24))) {
            throw new RpcException(what + " is not an address (high 12 bytes not zero): " + topic);
        }
        return word.address(0);
    }

    /** How many words the data has. */
    public int size() {
        return words;
    }

    /** Head word {@code index} as an unsigned number. */
    public BigInteger uint(int index) {
        return new BigInteger(word(index), 16);
    }

    /** Head word {@code index} as an unsigned number that must fit in {@code bits}. */
    public BigInteger uint(int index, int bits) {
        BigInteger value = uint(index);
        if (value.bitLength() > bits) {
            throw new RpcException(what + " answered a value wider than uint" + bits + " in word " + index);
        }
        return value;
    }

    /** Head word {@code index} as an address (lower-case, 0x-prefixed): its high 12 bytes must be zero. */
    public String address(int index) {
        return address(word(index), "in word " + index);
    }

    /** The byte offset head word {@code index} holds, checked to be where a canonical encoding puts it. */
    public void requireOffset(int index, long expectedBytes) {
        BigInteger offset = uint(index);
        if (!offset.equals(BigInteger.valueOf(expectedBytes))) {
            throw new RpcException(what + " is not in canonical ABI encoding: word " + index + " points at " + offset
                    + ", expected " + expectedBytes);
        }
    }

    /** The dynamic array of unsigned numbers whose offset is head word {@code index}; each must fit in {@code bits}. */
    public List<BigInteger> uintArray(int index, int bits) {
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
    public List<String> addressArray(int index) {
        int[] span = array(index);
        List<String> out = new ArrayList<>(span[1]);
        for (int i = 0; i < span[1]; i++) {
            out.add(address(word(span[0] + i), "at element " + i));
        }
        return out;
    }

    private String address(String word, String where) {
        for (int c = 0; c < 24; c++) {
            if (word.charAt(c) != '0') {
                throw new RpcException(what + " answered a word that is not an address " + where);
            }
        }
        return "0x" + word.substring(24).toLowerCase(Locale.ROOT);
    }

    /**
     * The dynamic {@code bytes} or {@code string} whose offset is head word {@code index}: its length word, then the
     * bytes, zero-padded to whole words; at most {@code maxLength} bytes.
     */
    public byte[] dynamicBytes(int index, int maxLength) {
        BigInteger offset = uint(index);
        if (offset.mod(BigInteger.valueOf(32)).signum() != 0 || offset.compareTo(BigInteger.valueOf((long) words * 32)) >= 0) {
            throw new RpcException(what + " answered a bad bytes offset " + offset + " in head word " + index);
        }
        int lengthWord = offset.intValue() / 32;
        BigInteger length = uint(lengthWord);
        if (length.compareTo(BigInteger.valueOf(maxLength)) > 0
                || length.compareTo(BigInteger.valueOf((words - lengthWord - 1L) * 32)) > 0) {
            throw new RpcException(what + " answered " + length + " bytes where at most " + maxLength + " fit");
        }
        int start = (lengthWord + 1) * WORD;
        return java.util.HexFormat.of().parseHex(hex, start, start + 2 * length.intValue());
    }

    /** Word {@code index} as 32 raw bytes (a {@code bytes32}). */
    public byte[] bytes32(int index) {
        return java.util.HexFormat.of().parseHex(word(index));
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
