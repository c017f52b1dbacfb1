package io.flashbank.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creation bytecode of the contracts the devnet deploys: FlashBank's own from forge's {@code contracts/out}, and
 * the real Uniswap V2 core from the pinned npm package.
 */
public final class Artifacts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path contracts;

    /** @param contracts the Foundry project directory (built with {@code forge build}) */
    public Artifacts(Path contracts) {
        this.contracts = contracts;
    }

    /** The contracts directory: {@code -Dflashbank.contracts}, else {@code ./contracts}. */
    public static Artifacts locate() {
        return new Artifacts(Path.of(System.getProperty("flashbank.contracts", "contracts")).toAbsolutePath());
    }

    public Path contractsDir() {
        return contracts;
    }

    /**
     * The pinned native Foundry binary {@code tool} ({@code anvil}, {@code cast}, {@code forge}) from
     * {@code node_modules/@foundry-rs/<tool>-linux-amd64/bin}. Never the npm wrapper of the same name: that
     * wrapper always exits 0, hiding the tool's failures.
     */
    public Path foundryTool(String tool) {
        Path binary = contracts.resolve("node_modules/@foundry-rs").resolve(tool + "-linux-amd64").resolve("bin").resolve(tool);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("missing " + binary + "; install the contracts toolchain first (mvn package)");
        }
        return binary;
    }

    /** Creation bytecode of {@code name}, compiled from {@code src/.../<name>.sol}. */
    public String forge(String name) {
        JsonNode bytecode = read(contracts.resolve("out").resolve(name + ".sol").resolve(name + ".json")).path("bytecode").path("object");
        return hex(bytecode, name);
    }

    /** Creation bytecode of {@code name} from {@code @uniswap/v2-core/build}. */
    public String uniswap(String name) {
        return hex(read(contracts.resolve("node_modules/@uniswap/v2-core/build").resolve(name + ".json")).path("bytecode"), name);
    }

    private static String hex(JsonNode node, String name) {
        String text = node.asText("");
        if (text.isEmpty()) {
            throw new IllegalStateException("no bytecode for " + name + "; run `mvn -q -DskipTests package` (forge build) first");
        }
        return text.startsWith("0x") ? text : "0x" + text;
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing contract artifact " + file + "; build the contracts first (mvn package)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
