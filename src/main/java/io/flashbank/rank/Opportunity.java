package io.flashbank.rank;

import io.flashbank.market.Addresses;
import io.flashbank.market.Pool;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A route priced exactly at the reserves of known blocks: how much to borrow, what it earns, and what it costs.
 * All amounts are in the smallest unit of {@link #baseToken()}; {@code netProfit = expectedProfit − flashFee − gasCost}.
 *
 * @param id stable for the same kind and route (see {@link #idOf})
 * @param kind cyclic (one chain, executable) or cross-chain (two legs, ranked only)
 * @param chains the chains the route touches, in route order
 * @param route the swaps in order; the first hop's {@code tokenIn} is borrowed, the last hop's {@code tokenOut} repays
 * @param amountIn what is borrowed and swapped in
 * @param expectedProfit gross: the route's output minus {@code amountIn}
 * @param flashFee the lender's fee on {@code amountIn}, rounded up
 * @param gasCost the gas of every chain involved, converted into the base token, rounded up
 * @param netProfit what is left after the fee and gas
 * @param blockNumbers per chain, the block whose reserves the quote used
 * @param detectedAt when the window that found it closed
 * @param baseToken the borrowed token's address on the first hop's chain
 */
public record Opportunity(String id, Kind kind, List<Long> chains, List<RouteHop> route, BigInteger amountIn,
                          BigInteger expectedProfit, BigInteger flashFee, BigInteger gasCost, BigInteger netProfit,
                          Map<Long, Long> blockNumbers, Instant detectedAt, String baseToken) {

    /** The shape of an opportunity, with the name it has on the wire. */
    public enum Kind {
        CYCLIC("cyclic"),
        CROSS_CHAIN("crossChain");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** {@code "cyclic"} or {@code "crossChain"}. */
        public String wireName() {
            return wireName;
        }
    }

    public Opportunity {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        chains = List.copyOf(chains);
        route = List.copyOf(route);
        if (route.size() < 2 || route.size() > 3) {
            throw new IllegalArgumentException("route must hold 2 or 3 hops, got " + route.size());
        }
        if (chains.isEmpty() || Set.copyOf(chains).size() != chains.size()
                || !Set.copyOf(chains).equals(route.stream().map(RouteHop::chainId).collect(Collectors.toSet()))) {
            throw new IllegalArgumentException("chains must list each chain of the route once, got " + chains);
        }
        if ((kind == Kind.CROSS_CHAIN) != (chains.size() > 1)) {
            throw new IllegalArgumentException("kind " + kind + " does not fit a route over chains " + chains);
        }
        requirePositive(amountIn, "amountIn");
        Objects.requireNonNull(expectedProfit, "expectedProfit");
        requireNonNegative(flashFee, "flashFee");
        requireNonNegative(gasCost, "gasCost");
        Objects.requireNonNull(netProfit, "netProfit");
        if (!netProfit.equals(expectedProfit.subtract(flashFee).subtract(gasCost))) {
            throw new IllegalArgumentException("netProfit must equal expectedProfit - flashFee - gasCost");
        }
        blockNumbers = Map.copyOf(blockNumbers);
        if (!chains.containsAll(blockNumbers.keySet()) || blockNumbers.size() != chains.size()) {
            throw new IllegalArgumentException("blockNumbers must name one block per chain, got " + blockNumbers);
        }
        Objects.requireNonNull(detectedAt, "detectedAt");
        baseToken = Addresses.normalize(baseToken, "baseToken");
        if (!baseToken.equals(route.get(0).tokenIn())) {
            throw new IllegalArgumentException("baseToken must be the first hop's tokenIn");
        }
    }

    private static void requirePositive(BigInteger value, String field) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void requireNonNegative(BigInteger value, String field) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }

    /** The id of a route: the first 16 bytes of SHA-256 over the kind and every hop, in hex. */
    public static String idOf(Kind kind, List<RouteHop> route) {
        StringBuilder text = new StringBuilder(kind.wireName());
        for (RouteHop hop : route) {
            text.append('|').append(hop.chainId()).append(':').append(hop.pool())
                    .append(':').append(hop.tokenIn()).append(':').append(hop.tokenOut());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether the route swaps through the pool with {@code key}. */
    public boolean touches(Pool.PoolKey key) {
        return route.stream().anyMatch(hop -> hop.chainId() == key.chainId() && hop.pool().equals(key.address()));
    }
}
