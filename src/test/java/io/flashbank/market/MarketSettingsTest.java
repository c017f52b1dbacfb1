package io.flashbank.market;

import static io.flashbank.market.MarketFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketSettingsTest {
    private static final String WETH = address("weth");
    private static final String USDC = address("usdc");

    @Test
    void rejectsAChainWithoutBaseTokensNamingTheField() {
        assertThatThrownBy(() -> new ChainSettings(1, WETH, List.of())).hasMessageContaining("baseTokens");
    }

    @Test
    void rejectsABadWrappedNativeAddressNamingTheField() {
        assertThatThrownBy(() -> new ChainSettings(1, "0x12", List.of(WETH))).hasMessageContaining("wrappedNative");
    }

    @Test
    void rejectsTheSameChainTwice() {
        ChainSettings chain = new ChainSettings(1, WETH, List.of(WETH));
        assertThatThrownBy(() -> new MarketSettings(List.of(chain, chain), List.of())).hasMessageContaining("chains");
    }

    @Test
    void rejectsACanonicalAssetOnOneChainOnly() {
        assertThatThrownBy(() -> new CanonicalAsset("WETH", Map.of(1L, WETH))).hasMessageContaining("addresses");
    }

    @Test
    void normalisesAddressesToLowerCase() {
        ChainSettings chain = new ChainSettings(1, WETH.toUpperCase().replace("0X", "0x"), List.of(USDC.toUpperCase().replace("0X", "0x")));
        assertThat(chain.wrappedNative()).isEqualTo(WETH);
        assertThat(chain.baseTokens()).containsExactly(USDC);
    }

    @Test
    void prefersBaseTokensInTheirConfiguredOrder() {
        ChainSettings chain = new ChainSettings(1, WETH, List.of(USDC, WETH));
        assertThat(chain.preferredBase(List.of(WETH, USDC))).contains(USDC);
        assertThat(chain.preferredBase(List.of(address("dai")))).isEmpty();
    }

    @Test
    void findsTheCanonicalAssetOfATokenPerChain() {
        MarketSettings settings = new MarketSettings(List.of(new ChainSettings(1, WETH, List.of(WETH))),
                List.of(new CanonicalAsset("WETH", Map.of(1L, WETH, 2L, USDC))));
        assertThat(settings.canonicalOf(2, USDC)).get().extracting(CanonicalAsset::symbol).isEqualTo("WETH");
        assertThat(settings.canonicalOf(1, USDC)).isEmpty();
    }
}
