package io.flashbank.execute;

import io.flashbank.chain.PoolQueryClient;
import io.flashbank.market.ExactRoute;
import io.flashbank.market.HopReserves;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Re-prices a route exactly at fresh reserves, the way the pairs and FlashBank will compute it on-chain. */
final class Requote {
    /** ArbitrageExecutor quotes every pair with Uniswap V2's fixed 997/1000, so that is what it gets paid. */
    static final int PAIR_FEE_BPS = 30;

    private Requote() {
    }

    /** The route at {@code reserves} (index for index with the route's pools, in each pair's token0/token1 order). */
    static ExactRoute route(List<RouteHop> route, PoolQueryClient.Reserves reserves, int flashFeeBps) {
        List<HopReserves> hops = new ArrayList<>(route.size());
        for (int i = 0; i < route.size(); i++) {
            BigInteger r0 = reserves.reserve0().get(i);
            BigInteger r1 = reserves.reserve1().get(i);
            boolean zeroForOne = ExecutorAbi.zeroForOne(route.get(i));
            hops.add(new HopReserves(zeroForOne ? r0 : r1, zeroForOne ? r1 : r0, PAIR_FEE_BPS));
        }
        return new ExactRoute(hops, flashFeeBps);
    }

    /**
     * The exact integer optimum of {@code route}, capped at {@code liquidity} (what the lenders can lend now; the
     * profit rises towards the optimum, so the cap itself is the best input that can be borrowed); empty when no
     * input that can be borrowed pays more than the flash fee.
     */
    static Optional<RouteQuote> best(ExactRoute route, BigInteger liquidity) {
        Optional<RouteQuote> optimum = route.optimum();
        if (optimum.isEmpty() || optimum.get().amountIn().compareTo(liquidity) <= 0) {
            return optimum;
        }
        if (liquidity.signum() <= 0) {
            return Optional.empty();
        }
        RouteQuote capped = route.quote(liquidity);
        return capped.profitAfterFee().signum() > 0 ? Optional.of(capped) : Optional.empty();
    }
}
