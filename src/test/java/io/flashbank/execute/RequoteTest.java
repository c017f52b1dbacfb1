package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.chain.PoolQueryClient;
import io.flashbank.market.ExactRoute;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequoteTest {
    private static final String WETH = "0x00000000000000000000000000000000000000e1";
    private static final String TKA = "0x00000000000000000000000000000000000000f2";
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    /** WETH → TKA on a pool where TKA is cheap, TKA → WETH on one where it is dear. */
    private static final List<RouteHop> ROUTE = List.of(new RouteHop(1, "0x00000000000000000000000000000000000000a1", WETH, TKA),
            new RouteHop(1, "0x00000000000000000000000000000000000000a2", TKA, WETH));
    // Pair token0 is WETH (the lower address) in both: reserve0 = WETH, reserve1 = TKA.
    private static final PoolQueryClient.Reserves RESERVES = new PoolQueryClient.Reserves(
            List.of(ether(60), ether(100)), List.of(ether(60 * 2000), ether(100 * 1900)));

    @Test
    void orientsReservesByTokenOrderAndFindsTheExactOptimum() {
        ExactRoute route = Requote.route(ROUTE, RESERVES, 2);
        assertThat(route.hops().get(0).reserveIn()).isEqualTo(ether(60));
        assertThat(route.hops().get(1).reserveIn()).isEqualTo(ether(190_000));
        RouteQuote best = Requote.best(route, ether(1000)).orElseThrow();
        assertThat(best.profitAfterFee()).isPositive();
        assertThat(route.profit(best.amountIn().add(ether(1).divide(BigInteger.TEN)))).isLessThan(best.profitAfterFee());
    }

    @Test
    void capsTheInputAtWhatTheLendersCanLend() {
        ExactRoute route = Requote.route(ROUTE, RESERVES, 2);
        BigInteger optimum = Requote.best(route, ether(1000)).orElseThrow().amountIn();
        BigInteger cap = optimum.divide(BigInteger.valueOf(3));
        RouteQuote capped = Requote.best(route, cap).orElseThrow();
        assertThat(capped.amountIn()).isEqualTo(cap);
        assertThat(capped.profitAfterFee()).isEqualTo(route.profit(cap));
        assertThat(Requote.best(route, BigInteger.ZERO)).isEmpty();
    }

    @Test
    void findsNothingWhenPricesAgree() {
        PoolQueryClient.Reserves fair = new PoolQueryClient.Reserves(List.of(ether(60), ether(100)), List.of(ether(120_000), ether(200_000)));
        assertThat(Requote.best(Requote.route(ROUTE, fair, 2), ether(1000))).isEmpty();
    }

    private static BigInteger ether(long n) {
        return ETHER.multiply(BigInteger.valueOf(n));
    }
}
