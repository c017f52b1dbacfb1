package io.flashbank.rank;

import static io.flashbank.market.MarketFixture.address;

import io.flashbank.market.Pool;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds opportunities and reports over labelled pools of chain 1. */
final class OpportunityFixture {
    static final long CHAIN = 1;
    static final String WETH = address("weth");
    static final String USDC = address("usdc");

    private OpportunityFixture() {
    }

    static String pool(String label) {
        return address("pool:" + label);
    }

    static Pool.PoolKey key(String label) {
        return new Pool.PoolKey(CHAIN, pool(label));
    }

    /** WETH → USDC through {@code buy}, back through {@code sell}, netting {@code net} after a fee of 2 and gas of 5. */
    static Opportunity cycle(String buy, String sell, long net, Instant at) {
        List<RouteHop> route = List.of(new RouteHop(CHAIN, pool(buy), WETH, USDC), new RouteHop(CHAIN, pool(sell), USDC, WETH));
        BigInteger fee = BigInteger.TWO;
        BigInteger gas = BigInteger.valueOf(5);
        BigInteger netProfit = BigInteger.valueOf(net);
        return new Opportunity(Opportunity.idOf(Opportunity.Kind.CYCLIC, route), Opportunity.Kind.CYCLIC,
                List.of(CHAIN), route, BigInteger.valueOf(10_000), netProfit.add(fee).add(gas), fee, gas, netProfit,
                Map.of(CHAIN, 7L), at, WETH);
    }

    static WindowReport report(long index, Set<String> changedPools, Opportunity... opportunities) {
        return new WindowReport(index, Instant.ofEpochSecond(index), opportunities.length, opportunities.length, 1,
                "jvm", changedPools.stream().map(OpportunityFixture::key).collect(java.util.stream.Collectors.toSet()),
                List.of(opportunities));
    }
}
