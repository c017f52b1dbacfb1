package io.flashbank.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer is the loader's inverse: what it writes loads back as the same configuration. */
class ConfigWriterTest {
    private static final String A = "0x" + "a".repeat(40);
    private static final String B = "0x" + "b".repeat(40);
    private static final String C = "0x" + "c".repeat(40);

    private static ChainConfig chain(long id, List<String> tokens) {
        return new ChainConfig("chain \"" + id + "\"", id, URI.create("ws://127.0.0.1:" + (8000 + id)),
                List.of(new FactoryConfig(A, 30), new FactoryConfig(B, 25)), tokens, List.of(A), A, B, C, B,
                BigInteger.valueOf(123_456_789)).withStaleAfter(Duration.ofMillis(1500 + id));
    }

    @Test
    void loadsBackEveryFieldItWrote() {
        EngineConfig config = new EngineConfig(9123, Duration.ofMillis(250), new BigInteger("1000000000000000"), 3, 17,
                List.of(chain(1, List.of(A, B)).withLendingPool(C), chain(2, List.of())),
                List.of(new CrossChainAsset("WETH", Map.of(1L, A, 2L, C))),
                new DatabaseConfig("r2dbc:postgresql://flashbank@db:5432/ledger", Path.of("/var/lib/flashbank/pg"), 4),
                new ExecutionConfig(false, "proRata", BigInteger.TEN, Duration.ofSeconds(45)),
                new HttpConfig(100, 20, 5, 7, Duration.ofMillis(1500), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(90))
                        .withTransactionLimit(7, 11).withHost("::"));
        assertThat(ConfigLoader.parse(ConfigWriter.yaml(config, "test"))).isEqualTo(config);
    }

    @Test
    void loadsBackEveryPullMode() {
        for (String mode : ExecutionConfig.PULL_MODES) {
            EngineConfig config = new EngineConfig(0, Duration.ofSeconds(1), BigInteger.ONE, 2, 50, List.of(chain(1, List.of())), List.of(),
                    DatabaseConfig.defaults(), new ExecutionConfig(true, mode, BigInteger.ONE, Duration.ofSeconds(30)));
            assertThat(ConfigLoader.parse(ConfigWriter.yaml(config, "mode")).execution().pullMode()).isEqualTo(mode);
        }
    }

    @Test
    void loadsBackTheDefaultsOfAnEmbeddedLedgerAndWholeSecondWindows() {
        EngineConfig config = new EngineConfig(0, Duration.ofSeconds(2), BigInteger.ONE, 2, 50,
                List.of(chain(31337, List.of())), List.of(), DatabaseConfig.defaults());
        assertThat(ConfigLoader.parse(ConfigWriter.yaml(config, "defaults"))).isEqualTo(config);
    }
}
