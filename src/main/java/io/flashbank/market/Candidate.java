package io.flashbank.market;

import java.util.ArrayList;
import java.util.List;

/**
 * A route worth scanning: a cycle of two or three hops on one chain, or a cross-chain pair (buy on one chain, sell on
 * another) that is ranked but never executed.
 *
 * @param index the candidate's dense slot in its market, stable for the market's lifetime
 * @param crossChain whether the two hops are on different chains
 * @param hops the swaps in order; the first hop's {@code tokenIn} is the base token borrowed and repaid
 */
public record Candidate(int index, boolean crossChain, List<Hop> hops) {
    /** The most hops a candidate has (the scan batch's fixed stride). */
    public static final int MAX_HOPS = 3;

    public Candidate {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, got " + index);
        }
        hops = List.copyOf(hops);
        if (hops.size() < 2 || hops.size() > MAX_HOPS) {
            throw new IllegalArgumentException("hops must hold 2 to " + MAX_HOPS + " hops, got " + hops.size());
        }
        if (crossChain) {
            if (hops.size() != 2 || hops.get(0).pool().chainId() == hops.get(1).pool().chainId()) {
                throw new IllegalArgumentException("a cross-chain candidate is two hops on two chains");
            }
        } else {
            for (int i = 0; i < hops.size(); i++) {
                Hop hop = hops.get(i);
                Hop next = hops.get((i + 1) % hops.size());
                if (!hop.tokenOut().equals(next.tokenIn()) || hop.pool().chainId() != next.pool().chainId()) {
                    throw new IllegalArgumentException("hops must form a cycle on one chain, broken after hop " + i);
                }
            }
        }
    }

    /** The token borrowed and repaid, on the first hop's chain. */
    public String baseToken() {
        return hops.get(0).tokenIn();
    }

    /** The chains the route touches, in route order, each once. */
    public List<Long> chains() {
        List<Long> chains = new ArrayList<>(2);
        for (Hop hop : hops) {
            if (!chains.contains(hop.pool().chainId())) {
                chains.add(hop.pool().chainId());
            }
        }
        return List.copyOf(chains);
    }
}
