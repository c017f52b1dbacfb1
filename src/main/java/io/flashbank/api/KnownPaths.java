package io.flashbank.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every path the server routes and the methods it answers on it, so a wrong method gets 405 with {@code Allow}, not 404. */
final class KnownPaths {
    static final String DASHBOARD = "/";
    static final String DASHBOARD_ASSET = "/dashboard/{file}";
    static final String HEALTH = "/health";
    static final String OPPORTUNITIES = "/api/v1/opportunities";
    static final String EVENTS = "/events";
    static final String FEED = "/ws/opportunities";
    static final String PREPARE_COMMIT = "/api/v1/commitments/prepare";
    static final String PREPARE_WITHDRAW = "/api/v1/withdrawals/prepare";
    static final String TRANSACTIONS = "/api/v1/transactions";
    static final String PROVIDER = "/api/v1/providers/{address}";
    static final String LOANS = "/api/v1/loans";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi.json";
    static final String TOKENS = "/api/v1/tokens";
    static final String FEES = "/api/v1/fees";

    private static final Map<String, String> BY_PATH = byPath();
    private static final Map<Pattern, String> ALLOWED = allowed();
    private static final Map<Pattern, String> TEMPLATES = templates();

    private KnownPaths() {
    }

    /** Every routed path (templates such as {@code {address}} as written) and its {@code Allow} value. */
    static Map<String, String> all() {
        return BY_PATH;
    }

    private static Map<String, String> byPath() {
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String path : List.of(DASHBOARD, DASHBOARD_ASSET, OPPORTUNITIES, EVENTS, FEED, PROVIDER, LOANS, METRICS, OPENAPI, TOKENS, FEES)) {
            byPath.put(path, "GET");
        }
        byPath.put(HEALTH, "GET, HEAD");
        for (String path : List.of(PREPARE_COMMIT, PREPARE_WITHDRAW, TRANSACTIONS)) {
            byPath.put(path, "POST");
        }
        return java.util.Collections.unmodifiableMap(byPath);
    }

    private static Map<Pattern, String> allowed() {
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        BY_PATH.forEach((path, methods) -> patterns.put(Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+\\}", "\\\\E[^/]+\\\\Q")), methods));
        return Map.copyOf(patterns);
    }

    private static Map<Pattern, String> templates() {
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        for (String path : BY_PATH.keySet()) {
            patterns.put(Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+\\}", "\\\\E[^/]+\\\\Q")), path);
        }
        return Map.copyOf(patterns);
    }

    /**
     * The route template {@code uri} (with or without a query) falls under, e.g. {@code /api/v1/providers/{address}},
     * or {@code other}: a bounded label for metrics, whatever paths clients invent.
     */
    static String template(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return TEMPLATES.entrySet().stream().filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst()
                .orElse("other");
    }

    /** The {@code Allow} header value for {@code path} (without its query), if the server routes it at all. */
    static Optional<String> allow(String path) {
        return ALLOWED.entrySet().stream().filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst();
    }
}
