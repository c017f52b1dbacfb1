package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutorSettingsTest {
    private final ExecutorSettings defaults = ExecutorSettings.defaults();

    @Test
    void defaultsAreValidAndFair() {
        assertThat(defaults.pullMode()).isEqualTo(PullMode.FAIR);
        assertThat(defaults.gasMultiplier()).isEqualTo(1.2);
    }

    @Test
    void namesEachBadField() {
        assertThatThrownBy(() -> defaults.withMinNetProfit(BigInteger.ZERO)).hasMessageContaining("minNetProfit");
        assertThatThrownBy(() -> defaults.withGasMultiplier(0.9)).hasMessageContaining("gasMultiplier");
        assertThatThrownBy(() -> defaults.withGasMultiplier(Double.NaN)).hasMessageContaining("gasMultiplier");
        assertThatThrownBy(() -> defaults.withPriorityFeeWei(BigInteger.valueOf(-1))).hasMessageContaining("priorityFeeWei");
        assertThatThrownBy(() -> defaults.withReceiptTimeout(Duration.ZERO, Duration.ofMillis(1))).hasMessageContaining("receiptTimeout");
        assertThatThrownBy(() -> defaults.withReceiptTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2))).hasMessageContaining("receiptPoll");
        assertThatThrownBy(() -> defaults.withPullMode(null)).hasMessageContaining("pullMode");
    }

    @Test
    void parsesPullModesAsConfigurationSpellsThem() {
        assertThat(PullMode.parse("fair")).isEqualTo(PullMode.FAIR);
        assertThat(PullMode.parse("greedy")).isEqualTo(PullMode.GREEDY);
        assertThat(PullMode.parse("proRata")).isEqualTo(PullMode.PRO_RATA);
        assertThat(PullMode.parse("PRORATA")).isEqualTo(PullMode.PRO_RATA);
        assertThatThrownBy(() -> PullMode.parse("random")).hasMessageContaining("'fair', 'greedy' or 'proRata'");
    }
}
