package io.flashbank.api;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a token's {@code decimals()} and {@code symbol()} answers, checked against the ABI: decimals one word holding
 * a uint8, symbol an ABI string or (older tokens such as MKR) a bytes32, short, valid UTF-8 and printable.
 */
final class Erc20Answers {
    /** {@code decimals()} and {@code symbol()} selectors (keccak-256 of the signatures, first four bytes). */
    static final String DECIMALS = "0x313ce567";
    static final String SYMBOL = "0x95d89b41";
    private static final int MAX_SYMBOL_BYTES = 64;
    private static final Pattern WORDS = Pattern.compile("0x([0-9a-fA-F]{64})+");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}]+");

    private Erc20Answers() {
    }

    /** The decimals in a {@code decimals()} answer; empty unless it is exactly one word holding a value below 256. */
    static Optional<Integer> decimals(String data) {
        if (data == null || data.length() != 66 || !WORDS.matcher(data).matches()) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(data.substring(2), 16);
        return value.bitLength() <= 8 ? Optional.of(value.intValue()) : Optional.empty();
    }

    /** The symbol in a {@code symbol()} answer (an ABI string, or a zero-padded bytes32); empty when malformed. */
    static Optional<String> symbol(String data) {
        if (data == null || !WORDS.matcher(data).matches()) {
            return Optional.empty();
        }
        byte[] bytes = HexFormat.of().parseHex(data.substring(2));
        if (bytes.length == 32) {
            int end = 32;
            while (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            return text(bytes, 0, end);
        }
        BigInteger offset = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 0, 32));
        if (!offset.equals(BigInteger.valueOf(32)) || bytes.length < 64) {
            return Optional.empty();
        }
        BigInteger length = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
        if (length.compareTo(BigInteger.valueOf(MAX_SYMBOL_BYTES)) > 0 || 64 + length.intValue() > bytes.length) {
            return Optional.empty();
        }
        return text(bytes, 64, 64 + length.intValue());
    }

    private static Optional<String> text(byte[] bytes, int from, int to) {
        if (to <= from || to - from > MAX_SYMBOL_BYTES) {
            return Optional.empty();
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            return PRINTABLE.matcher(s).matches() ? Optional.of(s) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
