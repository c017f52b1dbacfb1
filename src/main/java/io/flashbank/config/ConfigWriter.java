package io.flashbank.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link EngineConfig} as the YAML {@link ConfigLoader} reads (its inverse): the file {@code demo} and the
 * benchmarks hand to the engine, which is also what a person would pass to {@code run --config}.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    /** The YAML form of {@code config}, headed by a {@code # comment} line. */
    public static String yaml(EngineConfig config, String comment) {
        StringBuilder y = new StringBuilder("# ").append(comment).append('\n');
        HttpConfig http = config.http();
        y.append("http:\n  host: ").append(quoted(http.host()))
                .append("\n  port: ").append(config.httpPort())
                .append("\n  maxConnections: ").append(http.maxConnections())
                .append("\n  maxWebSocketClients: ").append(http.maxWebSocketClients())
                .append("\n  maxSseClients: ").append(http.maxSseClients())
                .append("\n  maxStreamsPerAddress: ").append(http.maxStreamsPerAddress())
                .append("\n  slowClientTimeout: ").append(duration(http.slowClientTimeout()))
                .append("\n  headerTimeout: ").append(duration(http.headerTimeout()))
                .append("\n  requestTimeout: ").append(duration(http.requestTimeout()))
                .append("\n  idleTimeout: ").append(duration(http.idleTimeout()))
                .append("\n  transactionBurst: ").append(http.transactionBurst())
                .append("\n  transactionsPerMinute: ").append(http.transactionsPerMinute()).append('\n');
        y.append("scan:\n  window: ").append(duration(config.window()))
                .append("\n  minNetProfit: ").append(config.minNetProfit())
                .append("\n  flashFeeBps: ").append(config.flashFeeBps())
                .append("\n  topN: ").append(config.topN()).append('\n');
        DatabaseConfig db = config.database();
        y.append("database:\n");
        if (db.url() != null) {
            y.append("  url: ").append(quoted(db.url())).append('\n');
        }
        y.append("  embeddedDir: ").append(quoted(db.embeddedDir().toString()))
                .append("\n  confirmations: ").append(db.confirmations())
                .append("\n  outbox: ").append(quoted(db.outbox().toString())).append('\n');
        ExecutionConfig ex = config.execution();
        y.append("execution:\n  enabled: ").append(ex.enabled())
                .append("\n  pullMode: ").append(ex.pullMode())
                .append("\n  minNetProfit: ").append(ex.minNetProfit())
                .append("\n  receiptTimeout: ").append(duration(ex.receiptTimeout())).append('\n');
        y.append("chains:\n");
        for (ChainConfig c : config.chains()) {
            y.append("  - name: ").append(quoted(c.name()))
                    .append("\n    chainId: ").append(c.chainId())
                    .append("\n    rpc: ").append(quoted(c.rpc().toString()))
                    .append("\n    factories:\n");
            c.factories().forEach(f -> y.append("      - { address: ").append(quoted(f.address()))
                    .append(", feeBps: ").append(f.feeBps()).append(" }\n"));
            if (!c.tokens().isEmpty()) {
                y.append("    tokens: ").append(list(c.tokens())).append('\n');
            }
            y.append("    baseTokens: ").append(list(c.baseTokens()))
                    .append("\n    wrappedNative: ").append(quoted(c.wrappedNative()))
                    .append("\n    flashBank: ").append(quoted(c.flashBank()))
                    .append("\n    executor: ").append(quoted(c.executor()))
                    .append("\n    poolQuery: ").append(quoted(c.poolQuery()))
                    .append("\n    priorityFeeWei: ").append(c.priorityFeeWei())
                    .append("\n    staleAfter: ").append(duration(c.staleAfter())).append('\n');
            if (c.lendingPool() != null) {
                y.append("    lendingPool: ").append(quoted(c.lendingPool())).append('\n');
            }
        }
        if (!config.crossChain().isEmpty()) {
            y.append("crossChain:\n");
            for (CrossChainAsset asset : config.crossChain()) {
                y.append("  - symbol: ").append(quoted(asset.symbol())).append("\n    addresses:\n");
                for (Map.Entry<Long, String> e : asset.addresses().entrySet()) {
                    y.append("      ").append(e.getKey()).append(": ").append(quoted(e.getValue())).append('\n');
                }
            }
        }
        return y.toString();
    }

    /** Writes {@code config} to {@code file} and loads it back, so what the engine gets is validated like any file. */
    public static EngineConfig writeAndLoad(Path file, EngineConfig config, String comment) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml(config, comment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return ConfigLoader.load(file);
    }

    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(ConfigWriter::quoted).toList()) + "]";
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
