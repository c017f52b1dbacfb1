package io.flashbank.rank;

import static io.flashbank.rank.OpportunityFixture.CHAIN;
import static io.flashbank.rank.OpportunityFixture.USDC;
import static io.flashbank.rank.OpportunityFixture.WETH;
import static io.flashbank.rank.OpportunityFixture.cycle;
import static io.flashbank.rank.OpportunityFixture.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpportunityTest {
    private static final Instant AT = Instant.ofEpochSecond(1);
    private static final List<RouteHop> ROUTE = List.of(
            new RouteHop(CHAIN, pool("a"), WETH, USDC), new RouteHop(CHAIN, pool("b"), USDC, WETH));

    @Test
    void theIdIsStableForTheSameKindAndRoute() {
        assertThat(cycle("a", "b", 10, AT).id()).isEqualTo(cycle("a", "b", 99, AT.plusSeconds(5)).id());
        assertThat(Opportunity.idOf(Opportunity.Kind.CYCLIC, ROUTE)).hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void theIdDiffersForAnotherDirectionOrKind() {
        assertThat(cycle("a", "b", 10, AT).id()).isNotEqualTo(cycle("b", "a", 10, AT).id());
        assertThat(Opportunity.idOf(Opportunity.Kind.CYCLIC, ROUTE))
                .isNotEqualTo(Opportunity.idOf(Opportunity.Kind.CROSS_CHAIN, ROUTE));
    }

    @Test
    void kindsHaveTheirWireNames() {
        assertThat(Opportunity.Kind.CYCLIC.wireName()).isEqualTo("cyclic");
        assertThat(Opportunity.Kind.CROSS_CHAIN.wireName()).isEqualTo("crossChain");
    }

    @Test
    void rejectsANetProfitThatIsNotGrossLessFeeAndGas() {
        assertThatThrownBy(() -> new Opportunity("x", Opportunity.Kind.CYCLIC, List.of(CHAIN), ROUTE, BigInteger.TEN,
                BigInteger.valueOf(100), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(99), Map.of(CHAIN, 1L), AT,
                WETH)).hasMessageContaining("netProfit");
    }

    @Test
    void rejectsABaseTokenThatIsNotTheFirstInput() {
        assertThatThrownBy(() -> new Opportunity("x", Opportunity.Kind.CYCLIC, List.of(CHAIN), ROUTE, BigInteger.TEN,
                BigInteger.valueOf(100), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(98), Map.of(CHAIN, 1L), AT,
                USDC)).hasMessageContaining("baseToken");
    }

    @Test
    void rejectsACrossChainKindOnOneChain() {
        assertThatThrownBy(() -> new Opportunity("x", Opportunity.Kind.CROSS_CHAIN, List.of(CHAIN), ROUTE,
                BigInteger.TEN, BigInteger.valueOf(100), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(98),
                Map.of(CHAIN, 1L), AT, WETH)).hasMessageContaining("kind");
    }

    @Test
    void rejectsANonPositiveInput() {
        assertThatThrownBy(() -> new Opportunity("x", Opportunity.Kind.CYCLIC, List.of(CHAIN), ROUTE, BigInteger.ZERO,
                BigInteger.valueOf(100), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(98), Map.of(CHAIN, 1L), AT,
                WETH)).hasMessageContaining("amountIn");
    }

    @Test
    void knowsThePoolsItTouches() {
        Opportunity opportunity = cycle("a", "b", 10, AT);

        assertThat(opportunity.touches(OpportunityFixture.key("a"))).isTrue();
        assertThat(opportunity.touches(OpportunityFixture.key("c"))).isFalse();
    }
}
