package io.flashbank.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the HTTP/WebSocket/SSE server listens and its limits, so that no client, slow or many, can take more than its
 * share.
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
 * @param host the address the server binds: an IPv4 or IPv6 literal ({@code 0.0.0.0} or {@code ::} for every
 *     interface) or a host name, never resolved here
 * @param transactionBurst {@code POST /api/v1/transactions} requests one client address may make at once
 * @param transactionsPerMinute how fast a client's allowance refills after a burst (a token bucket); past it, 429
 */
public record HttpConfig(int maxConnections, int maxWebSocketClients, int maxSseClients, int maxStreamsPerAddress,
                         Duration slowClientTimeout, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout,
                         String host, int transactionBurst, int transactionsPerMinute) {
    /** The default relay limit: a burst of 60, then one a second. */
    public static final int DEFAULT_TRANSACTION_BURST = 60;
    public static final int DEFAULT_TRANSACTIONS_PER_MINUTE = 60;

    /** Connections above {@code maxConnections} still admitted for {@code /health} and {@code /metrics}. */
    public static final int HEALTH_HEADROOM = 64;
    /** Loopback only, unless the configuration says otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_LIKE = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public HttpConfig {
        checkHost(host);
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

    /** These limits on {@link #DEFAULT_HOST} with the default relay limit. */
    public HttpConfig(int maxConnections, int maxWebSocketClients, int maxSseClients, int maxStreamsPerAddress,
                      Duration slowClientTimeout, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout) {
        this(maxConnections, maxWebSocketClients, maxSseClients, maxStreamsPerAddress, slowClientTimeout, headerTimeout,
                requestTimeout, idleTimeout, DEFAULT_HOST, DEFAULT_TRANSACTION_BURST, DEFAULT_TRANSACTIONS_PER_MINUTE);
    }

    /**
     * 4,096 connections, 2,000 feed and 500 monitor clients, 1,000 streams per address; 10 s, 10 s, 10 s, 60 s;
     * loopback; relayed transactions 60 at once, then 60 a minute per client.
     */
    public static HttpConfig defaults() {
        return new HttpConfig(4096, 2000, 500, 1000, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** These limits with relayed transactions limited to {@code burst} at once and {@code perMinute} after. */
    public HttpConfig withTransactionLimit(int burst, int perMinute) {
        return new HttpConfig(maxConnections, maxWebSocketClients, maxSseClients, maxStreamsPerAddress, slowClientTimeout,
                headerTimeout, requestTimeout, idleTimeout, host, burst, perMinute);
    }

    /** These limits on {@code host}. */
    public HttpConfig withHost(String host) {
        return new HttpConfig(maxConnections, maxWebSocketClients, maxSseClients, maxStreamsPerAddress, slowClientTimeout,
                headerTimeout, requestTimeout, idleTimeout, host, transactionBurst, transactionsPerMinute);
    }

    /**
     * {@code host} when it is something a server can bind: an IPv4 literal, an IPv6 literal (without brackets) or a
     * host name of RFC 1123 labels; no port, scheme, path or space. Resolves nothing.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("must be an IP address or a host name, got nothing");
        }
        boolean ok;
        if (IPV4_LIKE.matcher(host).matches()) {
            ok = IPV4.matcher(host).matches();
        } else if (IPV6_LIKE.matcher(host).matches()) {
            ok = ipv6(host);
        } else {
            ok = HOST_NAME.matcher(host).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("must be an IP address or a host name (no port, scheme or brackets), got '" + host + "'");
        }
        return host;
    }

    /**
     * Whether {@code literal} is an IPv6 address (an IPv4-mapped one too): the JDK takes a string that starts with a hex
     * digit or a colon and holds a colon as a literal, and never looks it up.
     */
    private static boolean ipv6(String literal) {
        try {
            return InetAddress.getByName(literal) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
