package io.flashbank.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * Event topics and function selectors computed from compiled artifacts (forge's {@code contracts/out}, Uniswap's npm
 * build), so tests can hold every hand-typed signature in the product against what the contracts really declare.
 */
public final class CompiledAbi {
    private final JsonNode artifact;
    private final String name;

    private CompiledAbi(JsonNode artifact, String name) {
        this.artifact = artifact;
        this.name = name;
    }

    /** A forge artifact: {@code contracts/out/<contract>.sol/<contract>.json}. */
    public static CompiledAbi forge(String contract) {
        return load(Artifacts.locate().contractsDir().resolve("out").resolve(contract + ".sol").resolve(contract + ".json"), contract);
    }

    /** A Uniswap V2 core artifact from npm: {@code @uniswap/v2-core/build/<contract>.json}. */
    public static CompiledAbi uniswapV2(String contract) {
        return load(Artifacts.locate().contractsDir().resolve("node_modules/@uniswap/v2-core/build").resolve(contract + ".json"), contract);
    }

    private static CompiledAbi load(Path file, String name) {
        try {
            return new CompiledAbi(new ObjectMapper().readTree(file.toFile()), name);
        } catch (IOException e) {
            throw new UncheckedIOException("no compiled artifact " + file + " (run forge build / npm install in contracts/)", e);
        }
    }

    /** keccak256 of the canonical signature of event {@code event}, as a 0x topic; fails when it is not declared once. */
    public String eventTopic(String event) {
        return Hash.sha3String(signature("event", event));
    }

    /** The 4-byte selector (0x + 8 hex) of function {@code function}; fails when it is not declared once. */
    public String selector(String function) {
        return Hash.sha3String(signature("function", function)).substring(0, 10);
    }

    /** The canonical signature {@code name(type,…)} of the one {@code kind} entry called {@code entryName}. */
    public String signature(String kind, String entryName) {
        List<String> found = new ArrayList<>();
        for (JsonNode entry : artifact.path("abi")) {
            if (kind.equals(entry.path("type").asText()) && entryName.equals(entry.path("name").asText())) {
                found.add(entryName + "(" + types(entry.path("inputs")) + ")");
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(name + " declares " + found.size() + " " + kind + "s named " + entryName + ": " + found);
        }
        return found.get(0);
    }

    private static String types(JsonNode params) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : params) {
            String type = p.path("type").asText();
            if (type.startsWith("tuple")) {
                type = "(" + types(p.path("components")) + ")" + type.substring("tuple".length());
            }
            out.add(type);
        }
        return String.join(",", out);
    }
}
