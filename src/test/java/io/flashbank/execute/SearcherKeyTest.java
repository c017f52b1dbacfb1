package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SearcherKeyTest {
    /** Anvil's public test account 9: published with Foundry, never for real value. */
    private static final String ANVIL_9 = "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

    @Test
    void loadsAKeyWithOrWithoutThePrefix() {
        assertThat(SearcherKey.fromEnvironment("K", Map.of("K", "0x" + ANVIL_9)).getAddress())
                .isEqualTo("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
        assertThat(SearcherKey.fromEnvironment("K", Map.of("K", " " + ANVIL_9 + "\n")).getAddress())
                .isEqualTo("0xa0ee7a142d267c1f36714e4a8f75612f20a79720");
    }

    @Test
    void failsNamingTheVariableWhenItIsMissing() {
        assertThatThrownBy(() -> SearcherKey.fromEnvironment("FLASHBANK_EXECUTOR_KEY", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FLASHBANK_EXECUTOR_KEY is not set");
    }

    @Test
    void failsWithoutEchoingAMalformedKey() {
        String almost = ANVIL_9.substring(0, 63) + "z";
        assertThatThrownBy(() -> SearcherKey.fromEnvironment("K", Map.of("K", almost)))
                .hasMessageContaining("is not a private key").hasMessageNotContaining(almost.substring(0, 16));
        assertThatThrownBy(() -> SearcherKey.fromEnvironment("K", Map.of("K", "0".repeat(64))))
                .hasMessageContaining("outside the secp256k1 key range");
    }
}
