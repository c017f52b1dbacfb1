package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final Set<String> RUN = Set.of("--config", "--kernel");

    @Test
    void readsKnownFlagsAndWords() {
        CommandLine args = CommandLine.parse("bench", List.of("scan", "--runs", "3"), Set.of("--runs"), 1);
        assertThat(args.word(0, "all")).isEqualTo("scan");
        assertThat(args.integer("--runs", 7, 1, 100)).isEqualTo(3);
        assertThat(args.string("--kernel", "auto")).isEqualTo("auto");
        assertThat(CommandLine.parse("bench", List.of(), Set.of("--runs"), 1).word(0, "all")).isEqualTo("all");
    }

    @Test
    void refusesAnUnknownFlagNamingItAndTheAllowedOnes() {
        assertThatThrownBy(() -> CommandLine.parse("run", List.of("--config", "f", "--prot", "9"), RUN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run: unknown flag --prot (allowed: --config, --kernel)");
    }

    @Test
    void refusesAFlagWithoutValueGivenTwiceOrAStrayWord() {
        assertThatThrownBy(() -> CommandLine.parse("run", List.of("--config"), RUN, 0)).hasMessage("run: --config needs a value");
        assertThatThrownBy(() -> CommandLine.parse("run", List.of("--config", "--kernel", "jvm"), RUN, 0))
                .hasMessage("run: --config needs a value");
        assertThatThrownBy(() -> CommandLine.parse("run", List.of("--config", "a", "--config", "b"), RUN, 0))
                .hasMessage("run: --config is given twice");
        assertThatThrownBy(() -> CommandLine.parse("run", List.of("extra"), RUN, 0)).hasMessage("run: unexpected argument 'extra'");
    }

    @Test
    void namesTheFlagOfABadOrOutOfRangeInteger() {
        CommandLine args = CommandLine.parse("demo", List.of("--port", "x", "--chains", "9"), Set.of("--port", "--chains"), 0);
        assertThatThrownBy(() -> args.integer("--port", 8080, 0, 65535)).hasMessage("demo: --port must be an integer, got 'x'");
        assertThatThrownBy(() -> args.integer("--chains", 2, 1, 4)).hasMessage("demo: --chains must be in [1, 4], got 9");
    }

    @Test
    void takesARelativeConfigFromTheCallersDirectory() {
        String previous = System.getProperty("flashbank.callerDir");
        try {
            System.setProperty("flashbank.callerDir", "/home/lp/work");
            assertThat(Main.fromCallersDirectory("conf/engine.yaml")).isEqualTo(Path.of("/home/lp/work/conf/engine.yaml"));
            assertThat(Main.fromCallersDirectory("/etc/flashbank.yaml")).isEqualTo(Path.of("/etc/flashbank.yaml"));
            System.clearProperty("flashbank.callerDir");
            assertThat(Main.fromCallersDirectory("conf/engine.yaml")).isEqualTo(Path.of("conf/engine.yaml"));
        } finally {
            if (previous == null) {
                System.clearProperty("flashbank.callerDir");
            } else {
                System.setProperty("flashbank.callerDir", previous);
            }
        }
    }
}
