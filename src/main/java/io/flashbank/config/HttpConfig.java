package io.flashbank.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the HTTP/WebSocket/SSE server, so that no client, slow or many, can take more than its share.
 *
 * @param maxConnections open connections served normally; beyond it (up to {@link #HEALTH_HEADROOM} more) only
 *     {@code /health} and {@code /metrics} are answered, the rest get 503; beyond that a new connection is closed
 * @param maxWebSocketClients WebSocket feed clients at once; the next one is closed with 1013
 * @param maxSseClients SSE monitor subscribers at once; the next one gets 503
 * @param maxStreamsPerAddress WebSocket plus SSE clients from one remote address
 * @param slowClientTimeout a stream client whose socket has not taken a message for this long is closed (1008)
 * @param headerTimeout the time a new connection has to send its request's headers (slowloris)
 * @param requestTimeout the time a request's body may take to arrive
 * @param idleTimeout a keep-alive connection with no request for this long is closed
 * @param transactionBurst {@code POST /api/v1/transactions} requests one client address may make at once
 * @param transactionsPerMinute how fast a client's allowance refills after a burst (a token bucket); past it, 429
 */
public record HttpConfig(int maxConnections, int maxWebSocketClients, int maxSseClients, int maxStreamsPerAddress,
                         Duration slowClientTimeout, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout,
                         int transactionBurst, int transactionsPerMinute) {
    /** The default relay limit: a burst of 60, then one a second. */
    public static final int DEFAULT_TRANSACTION_BURST = 60;
    public static final int DEFAULT_TRANSACTIONS_PER_MINUTE = 60;

    /** Connections above {@code maxConnections} still admitted for {@code /health} and {@code /metrics}. */
    public static final int HEALTH_HEADROOM = 64;

    public HttpConfig {
        positive(maxConnections, "maxConnections");
        positive(maxWebSocketClients, "maxWebSocketClients");
        positive(maxSseClients, "maxSseClients");
        positive(maxStreamsPerAddress, "maxStreamsPerAddress");
        positive(transactionBurst, "transactionBurst");
        positive(transactionsPerMinute, "transactionsPerMinute");
        for (Duration d : new Duration[] {slowClientTimeout, headerTimeout, requestTimeout, idleTimeout}) {
            Objects.requireNonNull(d, "timeouts");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("HTTP timeouts must be positive, got " + d);
            }
        }
    }

    /** These limits with the default relay limit. */
    public HttpConfig(int maxConnections, int maxWebSocketClients, int maxSseClients, int maxStreamsPerAddress,
                      Duration slowClientTimeout, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout) {
        this(maxConnections, maxWebSocketClients, maxSseClients, maxStreamsPerAddress, slowClientTimeout, headerTimeout,
                requestTimeout, idleTimeout, DEFAULT_TRANSACTION_BURST, DEFAULT_TRANSACTIONS_PER_MINUTE);
    }

    /**
     * 4,096 connections, 2,000 feed and 500 monitor clients, 1,000 streams per address; 10 s, 10 s, 10 s, 60 s; relayed
     * transactions 60 at once, then 60 a minute per client.
     */
    public static HttpConfig defaults() {
        return new HttpConfig(4096, 2000, 500, 1000, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** These limits with relayed transactions limited to {@code burst} at once and {@code perMinute} after. */
    public HttpConfig withTransactionLimit(int burst, int perMinute) {
        return new HttpConfig(maxConnections, maxWebSocketClients, maxSseClients, maxStreamsPerAddress, slowClientTimeout,
                headerTimeout, requestTimeout, idleTimeout, burst, perMinute);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
