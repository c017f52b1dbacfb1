package io.flashbank.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The accounts every anvil node funds by default, derived from anvil's PUBLIC test mnemonic. These keys are
 * published with Foundry and known to everyone: never send real value to them.
 */
public final class DevnetAccounts {
    /** Anvil's default, public, test-only mnemonic. */
    public static final String PUBLIC_TEST_MNEMONIC = "test test test test test test test test test test test junk";
    private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;
    private static final List<Credentials> ACCOUNTS = derive(10);

    /** Roles the demo gives the accounts. */
    public static final int DEPLOYER = 0;
    public static final int FIRST_LP = 1;
    public static final int LP_COUNT = 5;
    public static final int TRADER = 6;
    public static final int SEARCHER = 9;

    private DevnetAccounts() {
    }

    /** Account {@code index} (0-9) of the public test mnemonic. */
    public static Credentials credentials(int index) {
        return ACCOUNTS.get(index);
    }

    /** Its address, lower-case. */
    public static String address(int index) {
        return ACCOUNTS.get(index).getAddress().toLowerCase(Locale.ROOT);
    }

    private static List<Credentials> derive(int count) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(PUBLIC_TEST_MNEMONIC, ""));
        List<Credentials> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, i};
            out.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
        return List.copyOf(out);
    }
}
