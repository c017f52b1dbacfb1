package io.flashbank.execute;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * A signed transaction ready for {@code eth_sendRawTransaction}, and the one way FlashBank signs: an EIP-1559 call
 * with an empty access list, encoded and signed by web3j.
 *
 * @param raw the EIP-2718 envelope, 0x hex
 * @param hash its keccak256: the transaction hash the node will report
 * @param from the signer's address, lower-case
 */
public record SignedTransaction(String raw, String hash, String from) {
    public SignedTransaction {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(from, "from");
    }

    /**
     * Signs an EIP-1559 (type 2) call of {@code data} on {@code to} with {@code signer}'s key. Refuses what a node
     * would refuse later: a max fee below the tip, no gas, a chain id that is not positive, data that is not hex bytes.
     */
    public static SignedTransaction eip1559(Credentials signer, long chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas,
                                            BigInteger maxFeePerGas, BigInteger gasLimit, String to, BigInteger value, String data) {
        Objects.requireNonNull(signer, "signer");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive, got " + chainId);
        }
        requireNonNegative(nonce, "nonce");
        requireNonNegative(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        requireNonNegative(maxFeePerGas, "maxFeePerGas");
        if (maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
            throw new IllegalArgumentException("maxFeePerGas (" + maxFeePerGas + ") must be at least maxPriorityFeePerGas ("
                    + maxPriorityFeePerGas + ")");
        }
        if (gasLimit == null || gasLimit.signum() <= 0) {
            throw new IllegalArgumentException("gasLimit must be positive, got " + gasLimit);
        }
        requireNonNegative(value, "value");
        if (data == null || !data.matches("0x([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException("data must be 0x-prefixed hex bytes");
        }
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, Addresses.normalize(to, "to"), value,
                data.toLowerCase(Locale.ROOT), maxPriorityFeePerGas, maxFeePerGas);
        byte[] raw = TransactionEncoder.signMessage(tx, signer);
        return new SignedTransaction(Numeric.toHexString(raw), Numeric.toHexString(Hash.sha3(raw)),
                signer.getAddress().toLowerCase(Locale.ROOT));
    }

    private static void requireNonNegative(BigInteger value, String field) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
