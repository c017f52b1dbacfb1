package io.flashbank.ledger;

import java.math.BigInteger;

/** Checks that ledger amounts fit the uint256 values they come from (and the NUMERIC(78,0) columns they go to). */
final class Amounts {
    static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private Amounts() {
    }

    static BigInteger requireUint256(BigInteger value, String field) {
        if (value == null || value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
            throw new IllegalArgumentException(field + " must be a uint256, got " + value);
        }
        return value;
    }

    static String requireHash(String hash, String field) {
        if (hash == null || !hash.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(field + " must be a 32-byte 0x hex hash, got " + hash);
        }
        return hash.toLowerCase(java.util.Locale.ROOT);
    }
}
