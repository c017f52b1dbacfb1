package io.flashbank.api;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * The call a signed raw transaction makes: its target (null for a contract creation), the ether it sends and its
 * calldata. Read from the same envelopes as {@link io.flashbank.chain.DecodedTransaction} (legacy, EIP-2930, EIP-1559),
 * whose decoding must have succeeded first.
 */
record TransactionCall(String to, BigInteger value, String data) {
    /** {@code approve(address,uint256)}. */
    static final String APPROVE = "0x095ea7b3";

    /** Reads the call of {@code rawHex}; throws IllegalArgumentException when the envelope has no such fields. */
    static TransactionCall of(String rawHex) {
        byte[] raw = Numeric.hexStringToByteArray(rawHex);
        int first = raw.length == 0 ? -1 : raw[0] & 0xff;
        // the index of `to` among the envelope's fields; value and data follow it
        int to = first >= 0xc0 ? 3 : first == 1 ? 4 : first == 2 ? 5 : -1;
        if (to < 0) {
            throw new IllegalArgumentException("not a legacy, EIP-2930 or EIP-1559 transaction");
        }
        byte[] rlp = first >= 0xc0 ? raw : java.util.Arrays.copyOfRange(raw, 1, raw.length);
        List<RlpType> top = RlpDecoder.decode(rlp).getValues();
        if (top.size() != 1 || !(top.get(0) instanceof RlpList list) || list.getValues().size() < to + 3) {
            throw new IllegalArgumentException("the transaction has too few fields");
        }
        byte[] target = bytes(list.getValues().get(to));
        if (target.length != 0 && target.length != 20) {
            throw new IllegalArgumentException("the target is " + target.length + " bytes, not an address");
        }
        return new TransactionCall(target.length == 0 ? null : Numeric.toHexString(target).toLowerCase(Locale.ROOT),
                new BigInteger(1, bytes(list.getValues().get(to + 1))), Numeric.toHexString(bytes(list.getValues().get(to + 2))));
    }

    /** The spender when this is exactly {@code approve(spender, amount)} (selector and two words), lower-case. */
    Optional<String> approveSpender() {
        String hex = data.toLowerCase(Locale.ROOT);
        if (!hex.startsWith(APPROVE) || hex.length() != APPROVE.length() + 128 || !hex.startsWith("0".repeat(24), APPROVE.length())) {
            return Optional.empty();
        }
        return Optional.of("0x" + hex.substring(APPROVE.length() + 24, APPROVE.length() + 64));
    }

    private static byte[] bytes(RlpType field) {
        if (!(field instanceof RlpString s)) {
            throw new IllegalArgumentException("a transaction field is a list where bytes belong");
        }
        return s.getBytes();
    }
}
