package io.flashbank.execute;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * An EIP-1559 (type 2) contract call with an empty access list, and its signature.
 *
 * <p>Encoded here with web3j's RLP because web3j 5.0.0 knows only legacy transactions.
 *
 * @param chainId the chain it is valid on
 * @param nonce the sender's nonce
 * @param maxPriorityFeePerGas the tip per gas, in wei
 * @param maxFeePerGas the most paid per gas (base fee plus tip), in wei; at least the tip
 * @param gasLimit the gas limit
 * @param to the called contract, lower-case 0x hex
 * @param value wei sent along
 * @param data the calldata, 0x hex
 */
public record Eip1559Transaction(long chainId, BigInteger nonce, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
                                 BigInteger gasLimit, String to, BigInteger value, String data) {
    private static final byte TYPE = 0x02;
    private static final Pattern HEX_DATA = Pattern.compile("0x([0-9a-fA-F]{2})*");

    public Eip1559Transaction {
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
        to = Addresses.normalize(to, "to");
        requireNonNegative(value, "value");
        if (data == null || !HEX_DATA.matcher(data).matches()) {
            throw new IllegalArgumentException("data must be 0x-prefixed hex bytes");
        }
        data = data.toLowerCase(Locale.ROOT);
    }

    /** What is signed: {@code 0x02 || rlp([chainId, nonce, tip, maxFee, gasLimit, to, value, data, []])}. */
    public byte[] signingPayload() {
        return typed(RlpEncoder.encode(new RlpList(fields())));
    }

    /** Signs with {@code signer}'s key: the signature is over keccak256 of {@link #signingPayload()}. */
    public SignedTransaction sign(Credentials signer) {
        Objects.requireNonNull(signer, "signer");
        byte[] digest = Hash.sha3(signingPayload());
        Sign.SignatureData signature = Sign.signMessage(digest, signer.getEcKeyPair(), false);
        int yParity = signature.getV()[0] - 27;
        if (yParity != 0 && yParity != 1) {
            throw new IllegalStateException("unexpected recovery id " + signature.getV()[0]);
        }
        List<RlpType> signed = fields();
        signed.add(integer(BigInteger.valueOf(yParity)));
        signed.add(integer(new BigInteger(1, signature.getR())));
        signed.add(integer(new BigInteger(1, signature.getS())));
        byte[] raw = typed(RlpEncoder.encode(new RlpList(signed)));
        return new SignedTransaction(Numeric.toHexString(raw), Numeric.toHexString(Hash.sha3(raw)),
                signer.getAddress().toLowerCase(Locale.ROOT));
    }

    private List<RlpType> fields() {
        List<RlpType> list = new ArrayList<>(12);
        list.add(integer(BigInteger.valueOf(chainId)));
        list.add(integer(nonce));
        list.add(integer(maxPriorityFeePerGas));
        list.add(integer(maxFeePerGas));
        list.add(integer(gasLimit));
        list.add(RlpString.create(Numeric.hexStringToByteArray(to)));
        list.add(integer(value));
        list.add(RlpString.create(Numeric.hexStringToByteArray(data)));
        list.add(new RlpList(new ArrayList<>()));
        return list;
    }

    /** An RLP scalar: big-endian with no leading zero bytes, and zero as the empty string. */
    static RlpString integer(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = 0;
        while (start < bytes.length && bytes[start] == 0) {
            start++;
        }
        return RlpString.create(Arrays.copyOfRange(bytes, start, bytes.length));
    }

    private static byte[] typed(byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = TYPE;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }

    private static void requireNonNegative(BigInteger value, String field) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
