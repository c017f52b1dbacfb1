package io.flashbank.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.app.Engine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Product code never reaches the benchmarks: no compiled class and no source file outside {@code io.flashbank.bench}
 * names that package, except the entry point {@code app.Main}, which may name {@link BenchCommand} and nothing else.
 */
class BenchIsolationTest {
    /** Slashed in descriptors and class references, dotted in imports and in strings handed to reflection. */
    private static final Pattern BENCH = Pattern.compile("io[/.]flashbank[/.]bench([/.$][A-Za-z0-9_$/.]*)?");
    private static final String ENTRY_POINT = "io/flashbank/app/Main";

    @Test
    void noCompiledProductClassReferencesTheBenchPackage() throws IOException, URISyntaxException {
        Path classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        List<String> fromMain = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("io/flashbank/bench/")) {
                    continue;
                }
                scanned++;
                // Class-file constant pools hold names as (modified) UTF-8; ASCII names read back unchanged as Latin-1.
                List<String> references = references(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                if (name.startsWith(ENTRY_POINT + ".") || name.startsWith(ENTRY_POINT + "$")) {
                    fromMain.addAll(references);
                } else if (!references.isEmpty()) {
                    offenders.add(name + " -> " + references);
                }
            }
        }
        assertThat(scanned).as("product classes scanned under %s", classes).isGreaterThan(100);
        assertThat(offenders).as("product classes naming io.flashbank.bench").isEmpty();
        assertThat(fromMain).as("what Main names in io.flashbank.bench")
                .isNotEmpty()
                .allMatch(r -> r.replace('.', '/').startsWith("io/flashbank/bench/BenchCommand"));
    }

    @Test
    void noProductSourceImportsTheBenchPackage() throws IOException {
        Path sources = Path.of("src", "main", "java", "io", "flashbank");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = sources.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("bench/") || name.equals("app/Main.java")) {
                    continue;
                }
                List<String> references = references(Files.readString(file));
                if (!references.isEmpty()) {
                    offenders.add(name + " -> " + references);
                }
            }
        }
        assertThat(offenders).as("product sources naming io.flashbank.bench").isEmpty();
    }

    private static List<String> references(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = BENCH.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
