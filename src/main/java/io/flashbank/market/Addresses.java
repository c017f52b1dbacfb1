package io.flashbank.market;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validates and normalises EVM addresses to the lower-case 0x form every record in the engine uses. */
public final class Addresses {
    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {
    }

    /**
     * Returns {@code address} in lower case.
     *
     * @throws IllegalArgumentException naming {@code field} when it is not 0x followed by 40 hex digits
     */
    public static String normalize(String address, String field) {
        if (address == null || !HEX_ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(field + " must be a 0x-prefixed 20-byte hex address, got: " + address);
        }
        return address.toLowerCase(Locale.ROOT);
    }
}
