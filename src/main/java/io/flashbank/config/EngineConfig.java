package io.flashbank.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The whole engine's configuration, validated by {@link ConfigLoader}.
 *
 * @param httpPort the port of the HTTP/WebSocket/SSE server (0 picks a free one)
 * @param window the scan window (upper bound on staleness)
 * @param minNetProfit smallest net profit, in the base token's smallest unit, worth reporting
 * @param flashFeeBps the FlashBank fee assumed when pricing
 * @param topN how many opportunities the ranked view keeps
 * @param chains the chains to follow
 * @param crossChain assets mapped across chains
 * @param database where the ledger lives
 * @param execution whether and how opportunities are executed
 * @param http the HTTP server's client limits and timeouts
 */
public record EngineConfig(int httpPort, Duration window, BigInteger minNetProfit, int flashFeeBps, int topN,
                           List<ChainConfig> chains, List<CrossChainAsset> crossChain, DatabaseConfig database,
                           ExecutionConfig execution, HttpConfig http) {
    public EngineConfig {
        chains = List.copyOf(chains);
        crossChain = List.copyOf(crossChain);
        java.util.Objects.requireNonNull(http, "http");
    }

    /** A configuration with the default HTTP limits. */
    public EngineConfig(int httpPort, Duration window, BigInteger minNetProfit, int flashFeeBps, int topN,
                        List<ChainConfig> chains, List<CrossChainAsset> crossChain, DatabaseConfig database,
                        ExecutionConfig execution) {
        this(httpPort, window, minNetProfit, flashFeeBps, topN, chains, crossChain, database, execution, HttpConfig.defaults());
    }

    /** This configuration with {@code http} limits. */
    public EngineConfig withHttp(HttpConfig http) {
        return new EngineConfig(httpPort, window, minNetProfit, flashFeeBps, topN, chains, crossChain, database, execution, http);
    }

    /** A configuration with the default execution settings. */
    public EngineConfig(int httpPort, Duration window, BigInteger minNetProfit, int flashFeeBps, int topN,
                        List<ChainConfig> chains, List<CrossChainAsset> crossChain, DatabaseConfig database) {
        this(httpPort, window, minNetProfit, flashFeeBps, topN, chains, crossChain, database, ExecutionConfig.defaults());
    }
}
