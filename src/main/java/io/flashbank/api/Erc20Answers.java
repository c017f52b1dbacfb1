package io.flashbank.api;

import io.flashbank.chain.AbiWords;
import io.flashbank.chain.RpcException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a token's {@code decimals()} and {@code symbol()} answers through {@link AbiWords}: decimals one word holding
 * a uint8, symbol an ABI string or (older tokens such as MKR) a bytes32, short, valid UTF-8 and printable.
 */
final class Erc20Answers {
    /** {@code decimals()} and {@code symbol()} selectors (keccak-256 of the signatures, first four bytes). */
    static final String DECIMALS = "0x313ce567";
    static final String SYMBOL = "0x95d89b41";
    private static final int MAX_SYMBOL_BYTES = 64;
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}]+");

    private Erc20Answers() {
    }

    /** The decimals in a {@code decimals()} answer; empty unless it is exactly one word holding a value below 256. */
    static Optional<Integer> decimals(String data) {
        try {
            return Optional.of(AbiWords.exactly(data, 1, "decimals()").uint(0, 8).intValue());
        } catch (RpcException e) {
            return Optional.empty();
        }
    }

    /** The symbol in a {@code symbol()} answer (an ABI string, or a zero-padded bytes32); empty when malformed. */
    static Optional<String> symbol(String data) {
        try {
            AbiWords words = AbiWords.of(data, "symbol()");
            if (words.size() == 1) {
                byte[] bytes = words.bytes32(0);
                int end = 32;
                while (end > 0 && bytes[end - 1] == 0) {
                    end--;
                }
                return text(bytes, 0, end);
            }
            if (words.size() < 2) {
                return Optional.empty();
            }
            words.requireOffset(0, 32);
            byte[] bytes = words.dynamicBytes(0, MAX_SYMBOL_BYTES);
            return text(bytes, 0, bytes.length);
        } catch (RpcException e) {
            return Optional.empty();
        }
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
