package io.flashbank.scan;

import static io.flashbank.market.MarketFixture.ether;
import static io.flashbank.market.MarketFixture.pool;
import static io.flashbank.market.MarketFixture.state;
import static io.flashbank.scan.ScanFixture.CHAIN;
import static io.flashbank.scan.ScanFixture.CHEAP_USDC;
import static io.flashbank.scan.ScanFixture.DAI;
import static io.flashbank.scan.ScanFixture.DEAR_USDC;
import static io.flashbank.scan.ScanFixture.GAS_PRICE;
import static io.flashbank.scan.ScanFixture.MARKET;
import static io.flashbank.scan.ScanFixture.MIRROR;
import static io.flashbank.scan.ScanFixture.OTHER_CHAIN;
import static io.flashbank.scan.ScanFixture.USDC;
import static io.flashbank.scan.ScanFixture.USDC_2;
import static io.flashbank.scan.ScanFixture.WETH;
import static io.flashbank.scan.ScanFixture.WETH_2;
import static io.flashbank.scan.ScanFixture.discovered;
import static io.flashbank.scan.ScanFixture.gas;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.market.Candidate;
import io.flashbank.market.Hop;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.MarketState;
import io.flashbank.market.Pool;
import io.flashbank.rank.GasModel;
import io.flashbank.rank.Opportunity;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpportunityPricerTest {
    private static final Instant NOW = Instant.ofEpochSecond(100);
    private static final BigInteger GAS_WEI = GAS_PRICE.multiply(BigInteger.valueOf(180_000));
    private static final Pool USDC_DAI_LOW = pool(CHAIN, "usdc-dai-low", USDC, DAI, "A");
    private static final Pool USDC_DAI_HIGH = pool(CHAIN, "usdc-dai-high", USDC, DAI, "B");

    private final MarketState market = new MarketState(MARKET);

    @Test
    void gasOfACycleStartingInWrappedNativeIsPricedDirectly() {
        market.apply(discovered());
        market.apply(gas(CHAIN));

        Opportunity opportunity = price(new Hop(DEAR_USDC, WETH, USDC), new Hop(CHEAP_USDC, USDC, WETH));

        assertThat(opportunity.gasCost()).isEqualTo(GAS_WEI);
    }

    @Test
    void gasOfACycleInAnotherBaseTokenIsConvertedThroughTheDeepestWrappedNativePool() {
        market.apply(new MarketEvent.PoolsDiscovered(CHAIN, List.of(
                state(CHEAP_USDC, WETH, ether(1_000), ether(2_000_000), 10),
                state(DEAR_USDC, WETH, ether(2_000), ether(4_200_000), 10),
                state(USDC_DAI_LOW, USDC, ether(1_000_000), ether(1_000_000), 10),
                state(USDC_DAI_HIGH, USDC, ether(1_000_000), ether(1_050_000), 10))));
        market.apply(gas(CHAIN));

        Opportunity opportunity = price(new Hop(USDC_DAI_HIGH, USDC, DAI), new Hop(USDC_DAI_LOW, DAI, USDC));

        assertThat(opportunity.baseToken()).isEqualTo(USDC);
        assertThat(opportunity.gasCost()).isEqualTo(GAS_WEI.multiply(BigInteger.valueOf(2_100)));
        assertThat(opportunity.netProfit())
                .isEqualTo(opportunity.expectedProfit().subtract(opportunity.flashFee()).subtract(opportunity.gasCost()));
    }

    @Test
    void aCandidateIsSkippedWhenNoPoolPricesGasInItsBaseToken() {
        market.apply(new MarketEvent.PoolsDiscovered(CHAIN, List.of(
                state(USDC_DAI_LOW, USDC, ether(1_000_000), ether(1_000_000), 10),
                state(USDC_DAI_HIGH, USDC, ether(1_000_000), ether(1_050_000), 10))));
        market.apply(gas(CHAIN));

        assertThat(pricer(PricingSettings.defaults()).price(indexOf(
                new Hop(USDC_DAI_HIGH, USDC, DAI), new Hop(USDC_DAI_LOW, DAI, USDC)), NOW)).isEmpty();
    }

    @Test
    void aCrossChainPairPaysGasOnBothChains() {
        market.apply(discovered());
        market.apply(new MarketEvent.PoolsDiscovered(OTHER_CHAIN, List.of(
                state(MIRROR, WETH_2, ether(1_000), ether(2_300_000), 20))));
        market.apply(gas(CHAIN));
        market.apply(gas(OTHER_CHAIN));

        Opportunity opportunity = price(new Hop(MIRROR, WETH_2, USDC_2), new Hop(CHEAP_USDC, USDC, WETH));

        assertThat(opportunity.kind()).isEqualTo(Opportunity.Kind.CROSS_CHAIN);
        assertThat(opportunity.chains()).containsExactly(OTHER_CHAIN, CHAIN);
        assertThat(opportunity.baseToken()).isEqualTo(WETH_2);
        assertThat(opportunity.gasCost()).isEqualTo(GAS_WEI.multiply(BigInteger.TWO));
        assertThat(opportunity.blockNumbers()).isEqualTo(Map.of(CHAIN, 10L, OTHER_CHAIN, 20L));
    }

    @Test
    void aCrossChainPairIsSkippedWhileOneChainHasNoGasPrice() {
        market.apply(discovered());
        market.apply(new MarketEvent.PoolsDiscovered(OTHER_CHAIN, List.of(
                state(MIRROR, WETH_2, ether(1_000), ether(2_300_000), 20))));
        market.apply(gas(CHAIN));

        assertThat(pricer(PricingSettings.defaults()).price(indexOf(
                new Hop(MIRROR, WETH_2, USDC_2), new Hop(CHEAP_USDC, USDC, WETH)), NOW)).isEmpty();
    }

    @Test
    void anOpportunityBelowTheMinimumNetProfitIsSkipped() {
        market.apply(discovered());
        market.apply(gas(CHAIN));
        int index = indexOf(new Hop(DEAR_USDC, WETH, USDC), new Hop(CHEAP_USDC, USDC, WETH));
        BigInteger net = pricer(PricingSettings.defaults()).price(index, NOW).orElseThrow().netProfit();

        assertThat(pricer(new PricingSettings(2, net, GasModel.defaults())).price(index, NOW)).isPresent();
        assertThat(pricer(new PricingSettings(2, net.add(BigInteger.ONE), GasModel.defaults())).price(index, NOW))
                .isEmpty();
    }

    @Test
    void threeHopRoutesUseTheThreeHopGasEstimate() {
        market.apply(discovered());
        market.apply(gas(CHAIN));
        GasModel model = GasModel.fixed(100_000, 300_000);
        OpportunityPricer pricer = pricer(new PricingSettings(2, BigInteger.ONE, model));
        Candidate twoHop = market.candidate(indexOf(new Hop(DEAR_USDC, WETH, USDC), new Hop(CHEAP_USDC, USDC, WETH)));

        assertThat(pricer.gasCost(twoHop)).contains(GAS_PRICE.multiply(BigInteger.valueOf(100_000)));
        assertThat(model.gasUnits(3)).isEqualTo(300_000);
    }

    private Opportunity price(Hop... hops) {
        return pricer(PricingSettings.defaults()).price(indexOf(hops), NOW).orElseThrow();
    }

    private OpportunityPricer pricer(PricingSettings pricing) {
        return new OpportunityPricer(pricing, market);
    }

    private int indexOf(Hop... hops) {
        return IntStream.range(0, market.candidateCount())
                .filter(i -> market.candidate(i).hops().equals(List.of(hops)))
                .findFirst().orElseThrow();
    }
}
