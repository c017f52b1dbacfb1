package io.flashbank.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of the YAML configuration: good files load, each bad field is named in the error. */
class ConfigLoaderTest {
    private static final String A = "0x" + "a".repeat(40);
    private static final String B = "0x" + "b".repeat(40);
    private static final String GOOD = """
            http: { port: 9000 }
            scan: { window: 250ms, minNetProfit: "1000", flashFeeBps: 2, topN: 20 }
            chains:
              - name: one
                chainId: 1
                rpc: ws://127.0.0.1:8545
                factories: [ { address: "%1$s", feeBps: 30 } ]
                tokens: ["%1$s", "%2$s"]
                baseTokens: ["%1$s"]
                wrappedNative: "%1$s"
                flashBank: "%2$s"
                executor: "%2$s"
                poolQuery: "%2$s"
            """.formatted(A, B);

    @Test
    void loadsAValidFileWithDefaultsFilledIn() {
        EngineConfig config = ConfigLoader.parse(GOOD);
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.window()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.chains()).hasSize(1);
        assertThat(config.chains().get(0).factories().get(0).feeBps()).isEqualTo(30);
        assertThat(config.chains().get(0).priorityFeeWei()).isPositive();
    }

    @Test
    void plansFairPullsUnlessTheFileChoosesGreedyOrProRata() {
        assertThat(ConfigLoader.parse(GOOD).execution().pullMode()).isEqualTo("fair");
        for (String mode : new String[] {"fair", "greedy", "proRata"}) {
            assertThat(ConfigLoader.parse(GOOD + "execution: { pullMode: " + mode + " }\n").execution().pullMode()).isEqualTo(mode);
        }
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD + "execution: { pullMode: roundRobin }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("execution.pullMode: must be fair, greedy or proRata, got roundRobin");
    }

    @Test
    void namesABadAddressByItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("flashBank: \"" + B, "flashBank: \"0x1234")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("chains[0].flashBank:");
    }

    @Test
    void namesANonWebSocketRpc() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("ws://127.0.0.1:8545", "http://127.0.0.1:8545")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("chains[0].rpc:");
    }

    @Test
    void namesAnUnknownField() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD + "privateKey: nope\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("privateKey:");
    }

    @Test
    void rejectsABadWindowAndPort() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("250ms", "soon")))
                .hasMessageStartingWith("scan.window:");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("port: 9000", "port: 70000")))
                .hasMessageStartingWith("http.port:");
    }

    @Test
    void rejectsABaseTokenOutsideTheTokenFilterAndAMissingChainList() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("baseTokens: [\"" + A, "baseTokens: [\"0x" + "c".repeat(40))))
                .hasMessageStartingWith("chains[0].baseTokens:");
        assertThatThrownBy(() -> ConfigLoader.parse("http: { port: 1 }\n")).hasMessageStartingWith("chains:");
        assertThatThrownBy(() -> ConfigLoader.parse("chains: [ : ")).hasMessageStartingWith("(file):");
    }

    @Test
    void refusesAnUnknownFieldInEverySectionNamingItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("scan: { window: 250ms", "scan: { windw: 250ms")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scan.windw");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, hots: x }")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.hots");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("feeBps: 30 }", "feeBps: 30, fee: 5 }")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chains[0].factories[0].fee");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD + "crossChain:\n  - { symbol: WETH, adresses: { 1: \"" + A + "\" } }\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("crossChain[0].adresses");
    }

    @Test
    void refusesASectionThatIsNotAMapping() {
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: 9000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("scan: { window: 250ms, minNetProfit: \"1000\", flashFeeBps: 2, topN: 20 }",
                "scan: [250ms]"))).isInstanceOf(ConfigException.class).hasMessageContaining("scan");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("factories: [ { address: \"" + A + "\", feeBps: 30 } ]", "factories: [ 5 ]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chains[0].factories[0]");
    }

    @Test
    void limitsRelayedTransactionsPerClientWithTheDefaultsUnlessTheFileSetsThem() {
        HttpConfig defaults = ConfigLoader.parse(GOOD).http();
        assertThat(defaults.transactionBurst()).isEqualTo(HttpConfig.DEFAULT_TRANSACTION_BURST);
        assertThat(defaults.transactionsPerMinute()).isEqualTo(HttpConfig.DEFAULT_TRANSACTIONS_PER_MINUTE);
        HttpConfig set = ConfigLoader.parse(GOOD.replace("http: { port: 9000 }",
                "http: { port: 9000, transactionBurst: 5, transactionsPerMinute: 12 }")).http();
        assertThat(set.transactionBurst()).isEqualTo(5);
        assertThat(set.transactionsPerMinute()).isEqualTo(12);
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, transactionBurst: 0 }")))
                .isInstanceOf(ConfigException.class).hasMessage("http.transactionBurst: must be an integer in [1, 1000000], got 0");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, transactionsPerMinute: 1.5 }")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("http.transactionsPerMinute:");
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, transactionsPerSecond: 1 }")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.transactionsPerSecond");
    }

    @Test
    void aChainHasNoLendingPoolUnlessItNamesOne() {
        assertThat(ConfigLoader.parse(GOOD).chains().get(0).lendingPool()).isNull();
        String withPool = GOOD.replace("poolQuery: \"" + B + "\"", "poolQuery: \"" + B + "\"\n    lendingPool: \"0x" + "C".repeat(40) + "\"");
        assertThat(ConfigLoader.parse(withPool).chains().get(0).lendingPool()).isEqualTo("0x" + "c".repeat(40));
        assertThatThrownBy(() -> ConfigLoader.parse(withPool.replace("0x" + "C".repeat(40), "pool")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("chains[0].lendingPool:");
    }

    @Test
    void aChainIsStaleAfterSixtySecondsUnlessItSaysOtherwise() {
        assertThat(ConfigLoader.parse(GOOD).chains().get(0).staleAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConfigLoader.parse(GOOD.replace("poolQuery: \"" + B + "\"", "poolQuery: \"" + B + "\"\n    staleAfter: 5s"))
                .chains().get(0).staleAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("poolQuery: \"" + B + "\"", "poolQuery: \"" + B + "\"\n    staleAfter: soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chains[0].staleAfter");
    }

    @Test
    void bindsLoopbackUnlessHttpHostSaysOtherwise() {
        assertThat(ConfigLoader.parse(GOOD).http().host()).isEqualTo("127.0.0.1");
        for (String host : new String[] {"0.0.0.0", "10.1.2.3", "::", "::1", "fe80::1", "::ffff:10.0.0.1", "localhost",
            "flashbank.internal", "engine-1.example.com"}) {
            assertThat(ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, host: \"" + host + "\" }"))
                    .http().host()).as("host %s", host).isEqualTo(host);
        }
    }

    @Test
    void refusesAHostThatCannotBeBoundNamingHttpHost() {
        for (String host : new String[] {"\"\"", "\"256.1.1.1\"", "\"10.0.0\"", "\"0.0.0.0:8080\"", "\"http://0.0.0.0\"",
            "\"[::1]\"", "\"1::2::3\"", "\"my host\"", "\"-engine\"", "\"engine_1\"", "\"" + "a".repeat(64) + ".com\"", "8080",
            "[127.0.0.1]", "{ ip: 127.0.0.1 }"}) {
            assertThatThrownBy(() -> ConfigLoader.parse(GOOD.replace("http: { port: 9000 }", "http: { port: 9000, host: " + host + " }")))
                    .as("host %s", host)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("http.host:");
        }
    }
}
