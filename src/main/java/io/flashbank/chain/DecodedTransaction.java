package io.flashbank.chain;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Locale;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.ITransaction;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.crypto.transaction.type.Transaction2930;
import org.web3j.utils.Numeric;

/**
 * What a signed raw transaction says, read before it is broadcast: its type, chain, nonce, gas limit, target, value,
 * calldata and the sender recovered from the signature. Legacy (EIP-155 or not), EIP-2930 (type 1) and EIP-1559
 * (type 2) envelopes, decoded by web3j's {@link TransactionDecoder}; anything it cannot read is refused by name.
 *
 * @param type 0 (legacy), 1 or 2
 * @param chainId the chain it is signed for, or null for a legacy transaction without EIP-155 replay protection
 * @param nonce the sender's nonce
 * @param gasLimit the gas limit
 * @param from the sender, lower-case hex
 * @param to the called address, lower-case hex, or null for a contract creation
 * @param value wei sent along
 * @param data the calldata, lower-case 0x hex ("0x" when empty)
 */
public record DecodedTransaction(int type, Long chainId, BigInteger nonce, BigInteger gasLimit, String from, String to,
                                 BigInteger value, String data) {

    /** Decodes {@code hex} (0x-prefixed); throws IllegalArgumentException naming what is wrong. */
    public static DecodedTransaction decode(String hex) {
        byte[] raw;
        try {
            raw = Numeric.hexStringToByteArray(hex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not hex: " + e.getMessage());
        }
        if (raw.length == 0) {
            throw new IllegalArgumentException("empty transaction");
        }
        int first = raw[0] & 0xff;
        if (first < 0xc0 && first != 1 && first != 2) {
            throw new IllegalArgumentException("unknown transaction type 0x" + Integer.toHexString(first));
        }
        RawTransaction decoded;
        try {
            decoded = TransactionDecoder.decode(hex);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed RLP in a " + (first >= 0xc0 ? "legacy" : "type-" + first) + " transaction");
        }
        if (!(decoded instanceof SignedRawTransaction signed)) {
            throw new IllegalArgumentException("the transaction is not signed");
        }
        return new DecodedTransaction(first >= 0xc0 ? 0 : first, chainIdOf(signed), decoded.getNonce(), decoded.getGasLimit(),
                sender(signed), target(decoded.getTo()), decoded.getValue(), calldata(decoded.getData()));
    }

    private static Long chainIdOf(SignedRawTransaction signed) {
        ITransaction tx = signed.getTransaction();
        Long id;
        if (tx instanceof Transaction1559 t) {
            id = t.getChainId();
        } else if (tx instanceof Transaction2930 t) {
            id = t.getChainId();
        } else {
            byte v = signed.getSignatureData().getV()[0];
            if (v == 27 || v == 28) {
                return null;
            }
            id = signed.getChainId();
        }
        if (id == null || id <= 0) {
            throw new IllegalArgumentException("chainId " + id + " is out of range");
        }
        return id;
    }

    private static String sender(SignedRawTransaction signed) {
        try {
            return signed.getFrom().toLowerCase(Locale.ROOT);
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("the signature does not recover a sender: " + e.getMessage());
        }
    }

    private static String target(String to) {
        if (to == null || to.isEmpty() || "0x".equals(to)) {
            return null;
        }
        String hex = Numeric.prependHexPrefix(to).toLowerCase(Locale.ROOT);
        if (hex.length() != 42) {
            throw new IllegalArgumentException("to must be a 20-byte address, got " + hex);
        }
        return hex;
    }

    private static String calldata(String data) {
        return data == null || data.isEmpty() ? "0x" : Numeric.prependHexPrefix(data).toLowerCase(Locale.ROOT);
    }
}
