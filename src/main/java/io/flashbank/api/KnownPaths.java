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
    static final String TOKENS = "/api/v1/tokens";
    static final String FEES = "/api/v1/fees";

    private static final Map<Pattern, String> ALLOWED = allowed();

    private KnownPaths() {
    }

    private static Map<Pattern, String> allowed() {
        Map<String, String> byPath = new LinkedHashMap<>();
        for (String path : List.of(DASHBOARD, DASHBOARD_ASSET, OPPORTUNITIES, EVENTS, FEED, PROVIDER, LOANS, METRICS, TOKENS, FEES)) {
            byPath.put(path, "GET");
        }
        byPath.put(HEALTH, "GET, HEAD");
        for (String path : List.of(PREPARE_COMMIT, PREPARE_WITHDRAW, TRANSACTIONS)) {
            byPath.put(path, "POST");
        }
        Map<Pattern, String> patterns = new LinkedHashMap<>();
        byPath.forEach((path, methods) -> patterns.put(Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+\\}", "\\\\E[^/]+\\\\Q")), methods));
        return Map.copyOf(patterns);
    }

    /** The {@code Allow} header value for {@code path} (without its query), if the server routes it at all. */
    static Optional<String> allow(String path) {
        return ALLOWED.entrySet().stream().filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst();
    }
}
