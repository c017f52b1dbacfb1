package io.flashbank.bench.farm;

import io.flashbank.config.ChainConfig;
import io.flashbank.config.ConfigLoader;
import io.flashbank.config.ConfigWriter;
import io.flashbank.config.CrossChainAsset;
import io.flashbank.config.DatabaseConfig;
import io.flashbank.config.EngineConfig;
import io.flashbank.config.FactoryConfig;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine configuration for farmed benchmark chains, written as YAML (what {@code run --config} takes) and loaded. */
public final class FarmConfig {
    private FarmConfig() {
    }

    /**
     * Writes {@code file} for {@code chains} (every factory at Uniswap's 30 bps; the base token also prices gas) and
     * loads it back through {@link ConfigLoader}, so it is validated like any other and takes its defaults.
     *
     * @param crossChain map every token across the chains (the farms made the same addresses on each)
     * @param ledgerDir the embedded ledger database's directory
     */
    public static EngineConfig writeAndLoad(Path file, List<FarmedChain> chains, boolean crossChain, Path ledgerDir) {
        List<ChainConfig> configs = new ArrayList<>();
        for (FarmedChain c : chains) {
            configs.add(new ChainConfig(c.name(), c.chainId(), URI.create(c.wsUrl()),
                    c.factories().stream().map(f -> new FactoryConfig(f, 30)).toList(), List.of(), List.of(c.base()),
                    c.base(), c.flashBank(), c.executor(), c.poolQuery(), BigInteger.valueOf(100_000_000L)));
        }
        List<CrossChainAsset> assets = new ArrayList<>();
        if (crossChain && chains.size() > 1) {
            FarmedChain first = chains.get(0);
            for (int i = -1; i < first.tokens().size(); i++) {
                Map<Long, String> addresses = new LinkedHashMap<>();
                for (FarmedChain c : chains) {
                    String token = i < 0 ? c.base() : c.tokens().get(i);
                    if (!token.equals(i < 0 ? first.base() : first.tokens().get(i))) {
                        throw new IllegalStateException("the farms made different addresses for token " + i);
                    }
                    addresses.put(c.chainId(), token);
                }
                assets.add(new CrossChainAsset(i < 0 ? "BASE" : "T" + i, addresses));
            }
        }
        EngineConfig config = new EngineConfig(0, Duration.ofSeconds(1), BigInteger.ONE, 2, 50, configs, assets,
                new DatabaseConfig(null, ledgerDir, 1));
        return ConfigWriter.writeAndLoad(file, config, "Written by `flashbank bench` for its farmed anvil chains.");
    }
}
