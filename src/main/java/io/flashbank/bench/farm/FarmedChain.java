package io.flashbank.bench.farm;

import java.util.List;

/**
 * A benchmark market built by {@link PairFarmMarket} on one devnet chain.
 *
 * @param base the token every cycle starts from; it also stands for the wrapped native token when pricing gas
 * @param tokens the other tokens, in the order the farm made them
 * @param factories the real Uniswap V2 factories, in creation order
 * @param pairs every seeded pair, factory by factory, in each factory's {@code allPairs} order
 * @param farm the PairFarm contract, which holds the tokens and moves prices
 */
public record FarmedChain(String name, long chainId, String wsUrl, String base, List<String> tokens,
                          List<String> factories, List<String> pairs, String farm, String poolQuery, String flashBank,
                          String executor) {
    public FarmedChain {
        tokens = List.copyOf(tokens);
        factories = List.copyOf(factories);
        pairs = List.copyOf(pairs);
    }
}
