package io.flashbank.execute;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/** Loads the searcher's signing key from an environment variable, never echoing the key in any message. */
public final class SearcherKey {
    /** The variable {@code run} reads by default. */
    public static final String DEFAULT_VARIABLE = "FLASHBANK_EXECUTOR_KEY";
    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    /** The order of secp256k1: a private key must lie in [1, N). */
    private static final BigInteger CURVE_ORDER =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private SearcherKey() {
    }

    /** The key in the process environment's {@code variable}. */
    public static Credentials fromEnvironment(String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    /**
     * The key in {@code environment}'s {@code variable}: 64 hex digits, with or without 0x, surrounding blanks ignored.
     *
     * @throws IllegalStateException naming the variable (never its value) when it is unset, blank or not a valid key
     */
    public static Credentials fromEnvironment(String variable, Map<String, String> environment) {
        String text = environment.get(variable);
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("environment variable " + variable + " is not set: it must hold the searcher's "
                    + "private key (64 hex digits) for the account that owns the ArbitrageExecutor");
        }
        String trimmed = text.strip();
        if (!HEX_KEY.matcher(trimmed).matches()) {
            throw new IllegalStateException("environment variable " + variable + " is not a private key: expected 64 hex "
                    + "digits with an optional 0x prefix, got " + trimmed.length() + " characters (value not shown)");
        }
        BigInteger key = new BigInteger(trimmed.startsWith("0x") ? trimmed.substring(2) : trimmed, 16);
        if (key.signum() == 0 || key.compareTo(CURVE_ORDER) >= 0) {
            throw new IllegalStateException("environment variable " + variable + " is outside the secp256k1 key range "
                    + "(value not shown)");
        }
        return Credentials.create(ECKeyPair.create(key));
    }
}
