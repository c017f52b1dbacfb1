package io.flashbank.devnet;

import java.util.List;
import java.util.Map;

/**
 * Everything the demo deployed on one devnet chain.
 *
 * @param tokens symbol → address, WETH included
 * @param pairs every Uniswap V2 pair created, on either factory
 */
public record DeployedChain(String name, long chainId, String wsUrl, String weth, Map<String, String> tokens,
                            List<String> factories, List<String> pairs, String flashBank, String executor,
                            String poolQuery, String noiseTrader) {
    public DeployedChain {
        tokens = Map.copyOf(tokens);
        factories = List.copyOf(factories);
        pairs = List.copyOf(pairs);
    }
}
