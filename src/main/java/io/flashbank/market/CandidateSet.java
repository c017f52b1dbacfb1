package io.flashbank.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The candidates of a market, generated incrementally as pools arrive, with an index from each pool to the candidates
 * that touch it and a flat copy of every hop (pool index and direction) for filling scan batches.
 *
 * <p>Each cycle is generated exactly once, when the last of its pools arrives. A cycle starts and ends in the most
 * preferred base token among its tokens (so a cycle through two base tokens is not repeated rotated); both directions
 * are separate candidates.
 */
final class CandidateSet {
    private final MarketSettings settings;
    private final PoolGraph graph;
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<Ids> touching = new ArrayList<>();
    /** Per pool, its two directed hops, shared by every candidate through it (a market holds millions of hops). */
    private final List<Hop[]> hopsOfPool = new ArrayList<>();
    private int[] hopRefs = new int[Candidate.MAX_HOPS * 64];

    CandidateSet(MarketSettings settings, PoolGraph graph) {
        this.settings = settings;
        this.graph = graph;
    }

    int size() {
        return candidates.size();
    }

    Candidate get(int index) {
        return candidates.get(index);
    }

    /** {@code poolIndex << 1 | 1 if the hop pays token1 in}, for hop {@code hop} of candidate {@code index}. */
    int hopRef(int index, int hop) {
        return hopRefs[index * Candidate.MAX_HOPS + hop];
    }

    /** The indices of the candidates that swap through pool {@code poolIndex}. */
    int[] touching(int poolIndex) {
        if (poolIndex >= touching.size()) {
            return new int[0];
        }
        Ids ids = touching.get(poolIndex);
        return Arrays.copyOf(ids.values, ids.size);
    }

    /** Visits the candidates touching pool {@code poolIndex} without copying. */
    void forEachTouching(int poolIndex, IntConsumer action) {
        if (poolIndex < touching.size()) {
            Ids ids = touching.get(poolIndex);
            for (int i = 0; i < ids.size; i++) {
                action.accept(ids.values[i]);
            }
        }
    }

    /** Generates the candidates pool {@code poolIndex} (just added to the graph) completes, and returns them. */
    List<Candidate> addPool(int poolIndex) {
        while (touching.size() <= poolIndex) {
            Pool added = graph.pool(touching.size());
            touching.add(new Ids());
            hopsOfPool.add(new Hop[] {new Hop(added, added.token0(), added.token1()),
                    new Hop(added, added.token1(), added.token0())});
        }
        int before = candidates.size();
        Pool pool = graph.pool(poolIndex);
        Optional<ChainSettings> chain = settings.chain(pool.chainId());
        if (chain.isPresent()) {
            addTwoHopCycles(poolIndex, pool, chain.get());
            addThreeHopCycles(poolIndex, pool, chain.get());
            addCrossChainPairs(poolIndex, pool, chain.get());
        }
        return List.copyOf(candidates.subList(before, candidates.size()));
    }

    private void addTwoHopCycles(int p, Pool pool, ChainSettings chain) {
        Optional<String> base = chain.preferredBase(List.of(pool.token0(), pool.token1()));
        if (base.isEmpty()) {
            return;
        }
        String other = pool.other(base.get());
        for (int q : graph.poolsOfPair(pool.chainId(), pool.token0(), pool.token1())) {
            if (q != p) {
                addCycle(new int[] {p, q}, new String[] {base.get(), other, base.get()});
                addCycle(new int[] {q, p}, new String[] {base.get(), other, base.get()});
            }
        }
    }

    private void addThreeHopCycles(int p, Pool pool, ChainSettings chain) {
        long chainId = pool.chainId();
        String u = pool.token0();
        String v = pool.token1();
        Set<String> thirdTokens = new HashSet<>();
        if (chain.isBase(u) || chain.isBase(v)) {
            List<Integer> uPools = graph.poolsOfToken(chainId, u);
            List<Integer> vPools = graph.poolsOfToken(chainId, v);
            String pivot = uPools.size() <= vPools.size() ? u : v;
            for (int s : uPools.size() <= vPools.size() ? uPools : vPools) {
                thirdTokens.add(graph.pool(s).other(pivot));
            }
        } else {
            thirdTokens.addAll(chain.baseTokens());
        }
        thirdTokens.remove(u);
        thirdTokens.remove(v);
        for (String w : thirdTokens) {
            for (int q : graph.poolsOfPair(chainId, v, w)) {
                for (int r : graph.poolsOfPair(chainId, w, u)) {
                    addTriangle(chain, new int[] {p, q, r}, new String[] {u, v, w});
                }
            }
        }
    }

    /** Pools {@code [p, q, r]} swap tokens {@code t[i] → t[i+1 mod 3]}; adds both directions from the base. */
    private void addTriangle(ChainSettings chain, int[] pools, String[] tokens) {
        Optional<String> base = chain.preferredBase(List.of(tokens));
        if (base.isEmpty()) {
            return;
        }
        int start = List.of(tokens).indexOf(base.get());
        int[] forwardPools = new int[3];
        String[] forwardTokens = new String[4];
        int[] backwardPools = new int[3];
        String[] backwardTokens = new String[4];
        for (int k = 0; k < 3; k++) {
            forwardPools[k] = pools[(start + k) % 3];
            forwardTokens[k] = tokens[(start + k) % 3];
            backwardPools[k] = pools[(start + 2 - k + 3) % 3];
            backwardTokens[k] = tokens[(start - k + 3) % 3];
        }
        forwardTokens[3] = base.get();
        backwardTokens[3] = base.get();
        addCycle(forwardPools, forwardTokens);
        addCycle(backwardPools, backwardTokens);
    }

    private void addCrossChainPairs(int p, Pool pool, ChainSettings chain) {
        for (int q : graph.poolsOfSameCanonicalPair(pool)) {
            Pool other = graph.pool(q);
            if (other.chainId() == pool.chainId()) {
                continue;
            }
            addCrossChain(p, pool, chain, q, other);
            Optional<ChainSettings> otherChain = settings.chain(other.chainId());
            if (otherChain.isPresent()) {
                addCrossChain(q, other, otherChain.get(), p, pool);
            }
        }
    }

    /** Buys on {@code buy}'s chain, starting from its preferred base token, and sells the same asset on {@code sell}. */
    private void addCrossChain(int buyIndex, Pool buy, ChainSettings buyChain, int sellIndex, Pool sell) {
        Optional<String> base = buyChain.preferredBase(List.of(buy.token0(), buy.token1()));
        if (base.isEmpty()) {
            return;
        }
        String middle = buy.other(base.get());
        Optional<String> sellMiddle = settings.canonicalOf(buy.chainId(), middle).flatMap(a -> a.on(sell.chainId()));
        // Both pools stand for the same canonical pair, so the sell pool's other token is the base token's twin.
        if (sellMiddle.isPresent()) {
            List<Hop> hops = List.of(hop(buyIndex, base.get()), hop(sellIndex, sellMiddle.get()));
            register(new Candidate(candidates.size(), true, hops), new int[] {buyIndex, sellIndex});
        }
    }

    /** Adds the cycle through {@code pools}, hop k swapping {@code tokens[k] → tokens[k+1]}. */
    private void addCycle(int[] pools, String[] tokens) {
        List<Hop> hops = new ArrayList<>(pools.length);
        for (int k = 0; k < pools.length; k++) {
            hops.add(hop(pools[k], tokens[k]));
        }
        register(new Candidate(candidates.size(), false, hops), pools);
    }

    /** The shared hop of pool {@code poolIndex} that pays {@code tokenIn} in. */
    private Hop hop(int poolIndex, String tokenIn) {
        for (Hop hop : hopsOfPool.get(poolIndex)) {
            if (hop.tokenIn().equals(tokenIn)) {
                return hop;
            }
        }
        throw new IllegalStateException("pool " + graph.pool(poolIndex).address() + " does not trade " + tokenIn);
    }

    private void register(Candidate candidate, int[] pools) {
        int index = candidate.index();
        candidates.add(candidate);
        if ((index + 1) * Candidate.MAX_HOPS > hopRefs.length) {
            hopRefs = Arrays.copyOf(hopRefs, hopRefs.length * 2);
        }
        for (int k = 0; k < pools.length; k++) {
            Hop hop = candidate.hops().get(k);
            hopRefs[index * Candidate.MAX_HOPS + k] = pools[k] << 1 | (hop.zeroForOne() ? 0 : 1);
            Ids ids = touching.get(pools[k]);
            if (ids.size == 0 || ids.values[ids.size - 1] != index) {
                ids.add(index);
            }
        }
    }

    /** A growable list of candidate indices, kept primitive because hub pools touch very many candidates. */
    private static final class Ids {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
