package io.flashbank.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the YAML configuration and validates every field, failing with the path of the first bad one. */
public final class ConfigLoader {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");
    private static final Set<String> TOP_LEVEL = Set.of("http", "scan", "chains", "crossChain", "database", "execution");
    private static final Set<String> CHAIN_FIELDS = Set.of("name", "chainId", "rpc", "factories", "tokens", "baseTokens",
            "wrappedNative", "flashBank", "executor", "poolQuery", "priorityFeeWei", "staleAfter", "lendingPool");

    private ConfigLoader() {
    }

    /** Loads and validates {@code file}. */
    public static EngineConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text);
    }

    /** Validates YAML text. */
    public static EngineConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("(file)", "must be a YAML mapping with 'chains'");
        }
        unknownFields(root, TOP_LEVEL, "");
        JsonNode http = section(root.path("http"), "http", Set.of("host", "port", "maxConnections", "maxWebSocketClients",
                "maxSseClients", "maxStreamsPerAddress", "slowClientTimeout", "headerTimeout", "requestTimeout", "idleTimeout",
                "transactionBurst", "transactionsPerMinute"));
        JsonNode scan = section(root.path("scan"), "scan", Set.of("window", "minNetProfit", "flashFeeBps", "topN"));
        int port = integer(http, "port", "http.port", 8080, 0, 65535);
        Duration window = duration(scan, "window", "scan.window", Duration.ofSeconds(1));
        BigInteger minNetProfit = amount(scan, "minNetProfit", "scan.minNetProfit", BigInteger.ONE);
        int feeBps = integer(scan, "flashFeeBps", "scan.flashFeeBps", 2, 0, 100);
        int topN = integer(scan, "topN", "scan.topN", 50, 1, 10_000);

        JsonNode chainsNode = root.get("chains");
        if (chainsNode == null || !chainsNode.isArray() || chainsNode.isEmpty()) {
            throw new ConfigException("chains", "must list at least one chain");
        }
        List<ChainConfig> chains = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < chainsNode.size(); i++) {
            ChainConfig chain = chain(chainsNode.get(i), "chains[" + i + "]");
            if (!ids.add(chain.chainId())) {
                throw new ConfigException("chains[" + i + "].chainId", "duplicate chain id " + chain.chainId());
            }
            chains.add(chain);
        }
        List<CrossChainAsset> assets = crossChain(root.path("crossChain"), ids);
        return new EngineConfig(port, window, minNetProfit, feeBps, topN, chains, assets, database(root.path("database")),
                execution(root.path("execution")), http(http));
    }

    private static ChainConfig chain(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(path, "must be a mapping");
        }
        unknownFields(node, CHAIN_FIELDS, path + ".");
        String name = text(node, "name", path + ".name");
        long chainId = longInteger(node, "chainId", path + ".chainId");
        URI rpc = wsUrl(node, path + ".rpc");
        JsonNode factoriesNode = node.get("factories");
        if (factoriesNode == null || !factoriesNode.isArray() || factoriesNode.isEmpty()) {
            throw new ConfigException(path + ".factories", "must list at least one factory");
        }
        List<FactoryConfig> factories = new ArrayList<>();
        for (int i = 0; i < factoriesNode.size(); i++) {
            JsonNode f = factoriesNode.get(i);
            String fp = path + ".factories[" + i + "]";
            if (f.isTextual()) {
                factories.add(new FactoryConfig(address(f, fp), 30));
            } else {
                section(f, fp, Set.of("address", "feeBps"));
                factories.add(new FactoryConfig(address(f.get("address"), fp + ".address"),
                        integer(f, "feeBps", fp + ".feeBps", 30, 0, 9999)));
            }
        }
        List<String> tokens = addresses(node.get("tokens"), path + ".tokens", false);
        List<String> baseTokens = addresses(node.get("baseTokens"), path + ".baseTokens", true);
        if (!tokens.isEmpty() && !tokens.containsAll(baseTokens)) {
            throw new ConfigException(path + ".baseTokens", "every base token must also be in tokens");
        }
        return new ChainConfig(name, chainId, rpc, factories, tokens, baseTokens,
                address(node.get("wrappedNative"), path + ".wrappedNative"),
                address(node.get("flashBank"), path + ".flashBank"),
                address(node.get("executor"), path + ".executor"),
                address(node.get("poolQuery"), path + ".poolQuery"),
                amount(node, "priorityFeeWei", path + ".priorityFeeWei", BigInteger.valueOf(100_000_000L)),
                duration(node, "staleAfter", path + ".staleAfter", ChainConfig.DEFAULT_STALE_AFTER),
                node.hasNonNull("lendingPool") ? address(node.get("lendingPool"), path + ".lendingPool") : null);
    }

    private static ExecutionConfig execution(JsonNode node) {
        ExecutionConfig defaults = ExecutionConfig.defaults();
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new ConfigException("execution", "must be a mapping with enabled, pullMode, minNetProfit or receiptTimeout");
        }
        unknownFields(node, Set.of("enabled", "pullMode", "minNetProfit", "receiptTimeout"), "execution.");
        JsonNode enabled = node.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw new ConfigException("execution.enabled", "must be true or false");
        }
        String pullMode = node.hasNonNull("pullMode") ? text(node, "pullMode", "execution.pullMode") : defaults.pullMode();
        if (!ExecutionConfig.PULL_MODES.contains(pullMode)) {
            throw new ConfigException("execution.pullMode", "must be fair, greedy or proRata, got " + pullMode);
        }
        BigInteger min = amount(node, "minNetProfit", "execution.minNetProfit", defaults.minNetProfit());
        if (min.signum() <= 0) {
            throw new ConfigException("execution.minNetProfit", "must be at least 1");
        }
        return new ExecutionConfig(enabled == null ? defaults.enabled() : enabled.asBoolean(), pullMode, min,
                duration(node, "receiptTimeout", "execution.receiptTimeout", defaults.receiptTimeout()));
    }

    private static HttpConfig http(JsonNode node) {
        HttpConfig d = HttpConfig.defaults();
        return new HttpConfig(
                integer(node, "maxConnections", "http.maxConnections", d.maxConnections(), 1, 1_000_000),
                integer(node, "maxWebSocketClients", "http.maxWebSocketClients", d.maxWebSocketClients(), 1, 1_000_000),
                integer(node, "maxSseClients", "http.maxSseClients", d.maxSseClients(), 1, 1_000_000),
                integer(node, "maxStreamsPerAddress", "http.maxStreamsPerAddress", d.maxStreamsPerAddress(), 1, 1_000_000),
                positiveDuration(node, "slowClientTimeout", "http.slowClientTimeout", d.slowClientTimeout()),
                positiveDuration(node, "headerTimeout", "http.headerTimeout", d.headerTimeout()),
                positiveDuration(node, "requestTimeout", "http.requestTimeout", d.requestTimeout()),
                positiveDuration(node, "idleTimeout", "http.idleTimeout", d.idleTimeout()),
                host(node),
                integer(node, "transactionBurst", "http.transactionBurst", d.transactionBurst(), 1, 1_000_000),
                integer(node, "transactionsPerMinute", "http.transactionsPerMinute", d.transactionsPerMinute(), 1, 1_000_000));
    }

    private static String host(JsonNode node) {
        JsonNode value = node.get("host");
        if (value == null) {
            return HttpConfig.DEFAULT_HOST;
        }
        if (!value.isTextual()) {
            throw new ConfigException("http.host", "must be a string (an IP address or a host name), got " + value);
        }
        try {
            return HttpConfig.checkHost(value.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.host", e.getMessage());
        }
    }

    private static Duration positiveDuration(JsonNode node, String field, String path, Duration fallback) {
        Duration d = duration(node, field, path, fallback);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(path, "must be a positive duration, got " + node.get(field).asText());
        }
        return d;
    }

    private static DatabaseConfig database(JsonNode node) {
        DatabaseConfig defaults = DatabaseConfig.defaults();
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            throw new ConfigException("database", "must be a mapping with url, embeddedDir, confirmations or outbox");
        }
        unknownFields(node, Set.of("url", "embeddedDir", "confirmations", "outbox"), "database.");
        String url = null;
        if (node.hasNonNull("url")) {
            url = text(node, "url", "database.url");
            if (!url.startsWith("r2dbc:postgresql://") && !url.startsWith("r2dbc:pool:postgresql://")) {
                throw new ConfigException("database.url", "must be an r2dbc:postgresql:// URL");
            }
            if (url.matches("r2dbc:(pool:)?postgresql://[^/@]*:[^/@]*@.*")) {
                throw new ConfigException("database.url", "must not contain a password; set FLASHBANK_DB_PASSWORD");
            }
        }
        java.nio.file.Path dir = node.hasNonNull("embeddedDir")
                ? java.nio.file.Path.of(text(node, "embeddedDir", "database.embeddedDir")) : defaults.embeddedDir();
        int confirmations = integer(node, "confirmations", "database.confirmations", defaults.confirmations(), 0, 64);
        java.nio.file.Path outbox = node.hasNonNull("outbox")
                ? java.nio.file.Path.of(text(node, "outbox", "database.outbox")) : DatabaseConfig.defaultOutbox(dir);
        return new DatabaseConfig(url, dir, confirmations, outbox);
    }

    private static List<CrossChainAsset> crossChain(JsonNode node, Set<Long> chainIds) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException("crossChain", "must be a list of assets");
        }
        List<CrossChainAsset> assets = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "crossChain[" + i + "]";
            JsonNode asset = section(node.get(i), path, Set.of("symbol", "addresses"));
            String symbol = text(asset, "symbol", path + ".symbol");
            JsonNode addresses = asset.get("addresses");
            if (addresses == null || !addresses.isObject() || addresses.size() < 2) {
                throw new ConfigException(path + ".addresses", "must map at least two chain ids to addresses");
            }
            Map<Long, String> byChain = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = addresses.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long id;
                try {
                    id = Long.parseLong(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new ConfigException(path + ".addresses." + e.getKey(), "key must be a chain id");
                }
                if (!chainIds.contains(id)) {
                    throw new ConfigException(path + ".addresses." + id, "no configured chain has this id");
                }
                byChain.put(id, address(e.getValue(), path + ".addresses." + id));
            }
            assets.add(new CrossChainAsset(symbol, byChain));
        }
        return assets;
    }

    /**
     * {@code node} (missing or null: an empty section) when it is a mapping with only {@code allowed} fields; else the
     * error names {@code path} or the unknown field under it.
     */
    private static JsonNode section(JsonNode node, String path, Set<String> allowed) {
        if (node.isMissingNode() || node.isNull()) {
            return node;
        }
        if (!node.isObject()) {
            throw new ConfigException(path, "must be a mapping with " + new java.util.TreeSet<>(allowed));
        }
        unknownFields(node, allowed, path + ".");
        return node;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(prefix + name, "unknown field (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ConfigException(path, "must be a non-empty string");
        }
        return value.asText();
    }

    private static URI wsUrl(JsonNode node, String path) {
        String text = text(node, "rpc", path);
        try {
            URI uri = URI.create(text);
            if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(path, "must be a ws:// or wss:// URL, got " + text);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, "not a URL: " + text);
        }
    }

    private static String address(JsonNode value, String path) {
        if (value == null || !value.isTextual() || !ADDRESS.matcher(value.asText()).matches()) {
            throw new ConfigException(path, "must be a 0x-prefixed 20-byte hex address, got " + value);
        }
        return value.asText().toLowerCase(Locale.ROOT);
    }

    private static List<String> addresses(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new ConfigException(path, "must list at least one address");
            }
            return List.of();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw new ConfigException(path, "must be a list of addresses");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(address(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static int integer(JsonNode node, String field, String path, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new ConfigException(path, "must be an integer in [" + min + ", " + max + "], got " + value);
        }
        return value.asInt();
    }

    private static long longInteger(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || value.asLong() <= 0) {
            throw new ConfigException(path, "must be a positive integer, got " + value);
        }
        return value.asLong();
    }

    private static BigInteger amount(JsonNode node, String field, String path, BigInteger fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.asText();
        if (!text.matches("\\d{1,78}")) {
            throw new ConfigException(path, "must be a non-negative integer amount in the smallest unit, got " + value);
        }
        return new BigInteger(text);
    }

    private static Duration duration(JsonNode node, String field, String path, Duration fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.asText());
        if (!m.matches()) {
            throw new ConfigException(path, "must be a duration like 1s or 250ms, got " + value);
        }
        long n = Long.parseLong(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        if (d.toMillis() < 10 || d.toMinutes() > 10) {
            throw new ConfigException(path, "must be between 10ms and 10m, got " + value);
        }
        return d;
    }
}
