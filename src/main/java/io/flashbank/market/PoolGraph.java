package io.flashbank.market;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pools of a market as a graph of tokens: dense pool indices and lookups by pair, token and canonical pair. */
final class PoolGraph {
    private final MarketSettings settings;
    private final List<Pool> pools = new ArrayList<>();
    private final Map<Pool.PoolKey, Integer> indexByKey = new HashMap<>();
    private final Map<PairKey, List<Integer>> byPair = new HashMap<>();
    private final Map<TokenKey, List<Integer>> byToken = new HashMap<>();
    private final Map<CanonicalPair, List<Integer>> byCanonicalPair = new HashMap<>();

    PoolGraph(MarketSettings settings) {
        this.settings = settings;
    }

    /** Adds {@code pool} and returns its new index, or -1 when it is already known. */
    int add(Pool pool) {
        if (indexByKey.containsKey(pool.key())) {
            return -1;
        }
        int index = pools.size();
        pools.add(pool);
        indexByKey.put(pool.key(), index);
        byPair.computeIfAbsent(PairKey.of(pool.chainId(), pool.token0(), pool.token1()), k -> new ArrayList<>(2))
                .add(index);
        byToken.computeIfAbsent(new TokenKey(pool.chainId(), pool.token0()), k -> new ArrayList<>()).add(index);
        byToken.computeIfAbsent(new TokenKey(pool.chainId(), pool.token1()), k -> new ArrayList<>()).add(index);
        canonicalPair(pool).ifPresent(pair -> byCanonicalPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(index));
        return index;
    }

    int size() {
        return pools.size();
    }

    Pool pool(int index) {
        return pools.get(index);
    }

    /** The index of the pool with {@code key}, or -1. */
    int indexOf(Pool.PoolKey key) {
        return indexByKey.getOrDefault(key, -1);
    }

    List<Integer> poolsOfPair(long chainId, String tokenA, String tokenB) {
        return byPair.getOrDefault(PairKey.of(chainId, tokenA, tokenB), List.of());
    }

    List<Integer> poolsOfToken(long chainId, String token) {
        return byToken.getOrDefault(new TokenKey(chainId, token), List.of());
    }

    /** Pools on any chain whose tokens stand for the same two canonical assets as {@code pool}'s. */
    List<Integer> poolsOfSameCanonicalPair(Pool pool) {
        return canonicalPair(pool).map(pair -> byCanonicalPair.getOrDefault(pair, List.of())).orElse(List.of());
    }

    private Optional<CanonicalPair> canonicalPair(Pool pool) {
        Optional<CanonicalAsset> a = settings.canonicalOf(pool.chainId(), pool.token0());
        Optional<CanonicalAsset> b = settings.canonicalOf(pool.chainId(), pool.token1());
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        String x = a.get().symbol();
        String y = b.get().symbol();
        return Optional.of(x.compareTo(y) < 0 ? new CanonicalPair(x, y) : new CanonicalPair(y, x));
    }

    private record PairKey(long chainId, String low, String high) {
        static PairKey of(long chainId, String a, String b) {
            return a.compareTo(b) < 0 ? new PairKey(chainId, a, b) : new PairKey(chainId, b, a);
        }
    }

    private record TokenKey(long chainId, String token) {
    }

    private record CanonicalPair(String low, String high) {
    }
}
