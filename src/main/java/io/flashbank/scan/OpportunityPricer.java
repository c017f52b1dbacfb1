package io.flashbank.scan;

import io.flashbank.market.Candidate;
import io.flashbank.market.ChainSettings;
import io.flashbank.market.ExactRoute;
import io.flashbank.market.Hop;
import io.flashbank.market.MarketState;
import io.flashbank.market.PoolState;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a candidate into an exactly priced {@link Opportunity}: integer optimum, flash fee, gas of every chain in the
 * base token, and the minimum net profit rule.
 */
final class OpportunityPricer {
    private final PricingSettings pricing;
    private final MarketState market;

    OpportunityPricer(PricingSettings pricing, MarketState market) {
        this.pricing = pricing;
        this.market = market;
    }

    /** The opportunity of candidate {@code index} at the market's current reserves, if it pays enough. */
    Optional<Opportunity> price(int index, Instant detectedAt) {
        ExactRoute route = market.exactRoute(index, pricing.flashFeeBps());
        Optional<RouteQuote> optimum = route.optimum();
        if (optimum.isEmpty()) {
            return Optional.empty();
        }
        Candidate candidate = market.candidate(index);
        Optional<BigInteger> gasCost = gasCost(candidate);
        if (gasCost.isEmpty()) {
            return Optional.empty();
        }
        RouteQuote quote = optimum.get();
        BigInteger net = quote.grossProfit().subtract(quote.flashFee()).subtract(gasCost.get());
        if (net.compareTo(pricing.minNetProfit()) < 0) {
            return Optional.empty();
        }
        List<RouteHop> routeHops = candidate.hops().stream()
                .map(hop -> new RouteHop(hop.pool().chainId(), hop.pool().address(), hop.tokenIn(), hop.tokenOut()))
                .toList();
        Opportunity.Kind kind = candidate.crossChain() ? Opportunity.Kind.CROSS_CHAIN : Opportunity.Kind.CYCLIC;
        return Optional.of(new Opportunity(Opportunity.idOf(kind, routeHops), kind, candidate.chains(), routeHops,
                quote.amountIn(), quote.grossProfit(), quote.flashFee(), gasCost.get(), net,
                market.blockNumbers(index), detectedAt, candidate.baseToken()));
    }

    /**
     * Gas of every chain the candidate touches, each converted into the route's base token on that chain (the first
     * hop's input on the first chain, the last hop's output on the last); empty when a chain has no gas price yet or
     * no pool prices its native token in the base token.
     */
    Optional<BigInteger> gasCost(Candidate candidate) {
        BigInteger total = BigInteger.ZERO;
        List<Hop> hops = candidate.hops();
        for (long chainId : candidate.chains()) {
            int swaps = (int) hops.stream().filter(hop -> hop.pool().chainId() == chainId).count();
            Optional<BigInteger> gasPrice = market.gasPrice(chainId);
            Optional<ChainSettings> chain = market.settings().chain(chainId);
            if (gasPrice.isEmpty() || chain.isEmpty()) {
                return Optional.empty();
            }
            BigInteger wei = gasPrice.get().multiply(BigInteger.valueOf(pricing.gasModel().gasUnits(swaps)));
            String base = hops.get(0).pool().chainId() == chainId
                    ? hops.get(0).tokenIn() : hops.get(hops.size() - 1).tokenOut();
            Optional<BigInteger> converted = inBaseToken(wei, chain.get(), base);
            if (converted.isEmpty()) {
                return Optional.empty();
            }
            total = total.add(converted.get());
        }
        return Optional.of(total);
    }

    /** {@code wei} of native token in {@code base}, at the spot price of the deepest pool, rounded up. */
    private Optional<BigInteger> inBaseToken(BigInteger wei, ChainSettings chain, String base) {
        String wrapped = chain.wrappedNative();
        if (base.equals(wrapped) || wei.signum() == 0) {
            return Optional.of(wei);
        }
        Optional<PoolState> deepest = market.deepestPool(chain.chainId(), wrapped, base);
        if (deepest.isEmpty() || deepest.get().reserveOf(wrapped).signum() == 0
                || deepest.get().reserveOf(base).signum() == 0) {
            return Optional.empty();
        }
        BigInteger[] quotient = wei.multiply(deepest.get().reserveOf(base)).divideAndRemainder(
                deepest.get().reserveOf(wrapped));
        return Optional.of(quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0]);
    }
}
