package io.flashbank.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * What a signed raw transaction says, read before it is broadcast: its type, chain, nonce, gas limit and the sender
 * recovered from the signature. Legacy (EIP-155 or not), EIP-2930 (type 1) and EIP-1559 (type 2) envelopes.
 *
 * @param type 0 (legacy), 1 or 2
 * @param chainId the chain it is signed for, or null for a legacy transaction without EIP-155 replay protection
 * @param nonce the sender's nonce
 * @param gasLimit the gas limit
 * @param from the sender, lower-case hex
 */
public record DecodedTransaction(int type, Long chainId, BigInteger nonce, BigInteger gasLimit, String from) {

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
        if (first >= 0xc0) {
            return legacy(raw);
        }
        if (first == 1 || first == 2) {
            return typed(first, raw);
        }
        throw new IllegalArgumentException("unknown transaction type 0x" + Integer.toHexString(first));
    }

    private static List<RlpType> fields(byte[] rlp, int expected, String kind) {
        List<RlpType> top;
        try {
            top = RlpDecoder.decode(rlp).getValues();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed RLP in a " + kind + " transaction");
        }
        if (top.size() != 1 || !(top.get(0) instanceof RlpList list) || list.getValues().size() != expected) {
            throw new IllegalArgumentException("a " + kind + " transaction has " + expected + " fields");
        }
        return list.getValues();
    }

    private static DecodedTransaction typed(int type, byte[] raw) {
        byte[] body = Arrays.copyOfRange(raw, 1, raw.length);
        int count = type == 2 ? 12 : 11;
        List<RlpType> f = fields(body, count, "type-" + type);
        int unsigned = count - 3;
        byte[] payload = RlpEncoder.encode(new RlpList(f.subList(0, unsigned)));
        byte[] signing = new byte[payload.length + 1];
        signing[0] = (byte) type;
        System.arraycopy(payload, 0, signing, 1, payload.length);
        BigInteger yParity = number(f.get(unsigned), "yParity");
        if (yParity.compareTo(BigInteger.ONE) > 0) {
            throw new IllegalArgumentException("yParity must be 0 or 1, got " + yParity);
        }
        String from = recover(Hash.sha3(signing), 27 + yParity.intValueExact(), f.get(unsigned + 1), f.get(unsigned + 2));
        BigInteger gas = number(f.get(type == 2 ? 4 : 3), "gasLimit");
        return new DecodedTransaction(type, chainIdOf(number(f.get(0), "chainId")), number(f.get(1), "nonce"), gas, from);
    }

    private static DecodedTransaction legacy(byte[] raw) {
        List<RlpType> f = fields(raw, 9, "legacy");
        BigInteger v = number(f.get(6), "v");
        Long chainId;
        List<RlpType> signed;
        int recId;
        if (v.equals(BigInteger.valueOf(27)) || v.equals(BigInteger.valueOf(28))) {
            chainId = null;
            signed = f.subList(0, 6);
            recId = v.intValueExact();
        } else if (v.compareTo(BigInteger.valueOf(35)) >= 0) {
            BigInteger id = v.subtract(BigInteger.valueOf(35)).shiftRight(1);
            chainId = chainIdOf(id);
            signed = new java.util.ArrayList<>(f.subList(0, 6));
            signed.add(RlpString.create(id));
            signed.add(RlpString.create(new byte[0]));
            signed.add(RlpString.create(new byte[0]));
            recId = v.subtract(BigInteger.valueOf(35)).testBit(0) ? 28 : 27;
        } else {
            throw new IllegalArgumentException("legacy v must be 27, 28 or at least 35, got " + v);
        }
        String from = recover(Hash.sha3(RlpEncoder.encode(new RlpList(signed))), recId, f.get(7), f.get(8));
        return new DecodedTransaction(0, chainId, number(f.get(0), "nonce"), number(f.get(2), "gasLimit"), from);
    }

    private static Long chainIdOf(BigInteger id) {
        if (id.signum() <= 0 || id.bitLength() > 63) {
            throw new IllegalArgumentException("chainId " + id + " is out of range");
        }
        return id.longValueExact();
    }

    private static String recover(byte[] digest, int v, RlpType r, RlpType s) {
        byte[] rBytes = Numeric.toBytesPadded(number(r, "r"), 32);
        byte[] sBytes = Numeric.toBytesPadded(number(s, "s"), 32);
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData((byte) v, rBytes, sBytes));
            return ("0x" + org.web3j.crypto.Keys.getAddress(key)).toLowerCase(Locale.ROOT);
        } catch (java.security.SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("the signature does not recover a sender: " + e.getMessage());
        }
    }

    private static BigInteger number(RlpType field, String name) {
        if (!(field instanceof RlpString string)) {
            throw new IllegalArgumentException(name + " must be a number, got a list");
        }
        byte[] bytes = string.getBytes();
        if (bytes.length > 32) {
            throw new IllegalArgumentException(name + " is longer than 32 bytes");
        }
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new IllegalArgumentException(name + " has a leading zero byte (not canonical RLP)");
        }
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(1, bytes);
    }
}
