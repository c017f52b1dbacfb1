package io.flashbank.app;

import io.flashbank.config.ConfigLoader;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.FarmedChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The engine configuration for farmed benchmark chains, written as YAML (what {@code run --config} takes) and loaded. */
final class FarmConfig {
    private FarmConfig() {
    }

    /**
     * Writes {@code file} for {@code chains} (every factory at Uniswap's 30 bps; the base token also prices gas) and
     * loads it back through {@link ConfigLoader}, so it is validated like any other and takes its defaults.
     *
     * @param crossChain map every token across the chains (the farms made the same addresses on each)
     * @param ledgerDir the embedded ledger database's directory
     */
    static EngineConfig writeAndLoad(Path file, List<FarmedChain> chains, boolean crossChain, Path ledgerDir) {
        StringBuilder y = new StringBuilder("# Written by `flashbank bench` for its farmed anvil chains.\n");
        y.append("http:\n  port: 0\n");
        y.append("scan:\n  window: 1s\n  minNetProfit: 1\n  flashFeeBps: 2\n  topN: 50\n");
        y.append("database:\n  embeddedDir: \"").append(ledgerDir).append("\"\n  confirmations: 1\n");
        y.append("chains:\n");
        for (FarmedChain c : chains) {
            y.append("  - name: ").append(c.name()).append('\n')
                    .append("    chainId: ").append(c.chainId()).append('\n')
                    .append("    rpc: ").append(c.wsUrl()).append('\n')
                    .append("    factories:\n");
            c.factories().forEach(f -> y.append("      - { address: \"").append(f).append("\", feeBps: 30 }\n"));
            y.append("    baseTokens: [\"").append(c.base()).append("\"]\n")
                    .append("    wrappedNative: \"").append(c.base()).append("\"\n")
                    .append("    flashBank: \"").append(c.flashBank()).append("\"\n")
                    .append("    executor: \"").append(c.executor()).append("\"\n")
                    .append("    poolQuery: \"").append(c.poolQuery()).append("\"\n");
        }
        if (crossChain && chains.size() > 1) {
            y.append("crossChain:\n");
            FarmedChain first = chains.get(0);
            for (int i = -1; i < first.tokens().size(); i++) {
                int index = i;
                y.append("  - symbol: ").append(i < 0 ? "BASE" : "T" + i).append("\n    addresses:\n");
                for (FarmedChain c : chains) {
                    String token = index < 0 ? c.base() : c.tokens().get(index);
                    String expected = index < 0 ? first.base() : first.tokens().get(index);
                    if (!token.equals(expected)) {
                        throw new IllegalStateException("the farms made different addresses for token " + index);
                    }
                    y.append("      ").append(c.chainId()).append(": \"").append(token).append("\"\n");
                }
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return ConfigLoader.load(file);
    }
}
