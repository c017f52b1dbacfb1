package io.flashbank.scan;

import static io.flashbank.scan.ScanFixture.MARKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashbank.rank.GasModel;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScanSettingsTest {
    @Test
    void defaultsAreOneSecondTwoBpsAndTopFifty() {
        ScanSettings settings = ScanSettings.defaults(MARKET);

        assertThat(settings.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.topN()).isEqualTo(50);
        assertThat(settings.pricing().flashFeeBps()).isEqualTo(2);
        assertThat(settings.pricing().minNetProfit()).isEqualTo(BigInteger.ONE);
        assertThat(settings.pricing().gasModel().gasUnits(2)).isEqualTo(180_000);
        assertThat(settings.pricing().gasModel().gasUnits(3)).isEqualTo(240_000);
    }

    @Test
    void rejectsAZeroWindowNamingTheField() {
        assertThatThrownBy(() -> ScanSettings.defaults(MARKET).withWindow(Duration.ZERO)).hasMessageContaining("window");
    }

    @Test
    void rejectsANonPositiveTopNNamingTheField() {
        assertThatThrownBy(() -> new ScanSettings(Duration.ofSeconds(1), 8, 0, PricingSettings.defaults(), MARKET))
                .hasMessageContaining("topN");
    }

    @Test
    void rejectsANonPositiveRequoteCountNamingTheField() {
        assertThatThrownBy(() -> new ScanSettings(Duration.ofSeconds(1), 0, 5, PricingSettings.defaults(), MARKET))
                .hasMessageContaining("requoteTopK");
    }

    @Test
    void rejectsAMinimumNetProfitBelowOneNamingTheField() {
        assertThatThrownBy(() -> new PricingSettings(2, BigInteger.ZERO, GasModel.defaults()))
                .hasMessageContaining("minNetProfit");
    }

    @Test
    void rejectsAFlashFeeOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> new PricingSettings(-1, BigInteger.ONE, GasModel.defaults()))
                .hasMessageContaining("flashFeeBps");
    }

    @Test
    void rejectsNonPositiveGasEstimatesNamingTheField() {
        assertThatThrownBy(() -> GasModel.fixed(0, 240_000)).hasMessageContaining("twoHopUnits");
        assertThatThrownBy(() -> GasModel.fixed(180_000, -1)).hasMessageContaining("threeHopUnits");
    }
}
