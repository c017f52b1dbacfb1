package io.flashbank.market;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The market as the scanner sees it: every pool's latest reserves, each chain's gas price, the candidates, and which
 * pools changed since the changes were last taken.
 *
 * <p>Not thread-safe: one owner (the scan scheduler) applies events and reads it. Reserves are also kept as doubles per
 * pool so a scan batch fills without converting big integers.
 */
public final class MarketState {
    private final MarketSettings settings;
    private final PoolGraph graph;
    private final CandidateSet candidates;
    private final Map<Long, BigInteger> gasPrices = new HashMap<>();
    private final BitSet changed = new BitSet();
    private PoolState[] states = new PoolState[64];
    private double[] reserve0 = new double[64];
    private double[] reserve1 = new double[64];
    private double[] gamma = new double[64];

    public MarketState(MarketSettings settings) {
        this.settings = settings;
        this.graph = new PoolGraph(settings);
        this.candidates = new CandidateSet(settings, graph);
    }

    /** The settings the candidates were generated under. */
    public MarketSettings settings() {
        return settings;
    }

    /**
     * Applies one event: new pools add their candidates and count as changed; new reserves replace the old (a pool not
     * seen before is added as if discovered) and count as changed when they differ; a gas price replaces the chain's,
     * and the chain's first one counts all of its pools as changed.
     */
    public void apply(MarketEvent event) {
        if (event instanceof MarketEvent.PoolsDiscovered discovered) {
            discovered.pools().forEach(this::put);
        } else if (event instanceof MarketEvent.ReservesChanged reserves) {
            reserves.changed().forEach(this::put);
        } else if (event instanceof MarketEvent.GasPriceChanged gas) {
            if (gasPrices.put(gas.chainId(), gas.gasPriceWei()) == null) {
                markChainChanged(gas.chainId());
            }
        }
    }

    /**
     * Counts every pool of {@code chainId} as changed: until its first gas price no candidate of the chain could be
     * priced, so the ones scanned before it (the start-up snapshot) must be scanned again, not wait for a Sync.
     */
    private void markChainChanged(long chainId) {
        for (int i = 0; i < graph.size(); i++) {
            if (graph.pool(i).chainId() == chainId) {
                changed.set(i);
            }
        }
    }

    private void put(PoolState state) {
        int index = graph.indexOf(state.pool().key());
        if (index < 0) {
            index = graph.add(state.pool());
            grow(index + 1);
            states[index] = state;
            candidates.addPool(index);
        } else {
            PoolState old = states[index];
            states[index] = state;
            if (old.reserve0().equals(state.reserve0()) && old.reserve1().equals(state.reserve1())) {
                return;
            }
        }
        reserve0[index] = state.reserve0().doubleValue();
        reserve1[index] = state.reserve1().doubleValue();
        gamma[index] = (10_000 - state.pool().feeBps()) / 10_000.0;
        changed.set(index);
    }

    private void grow(int size) {
        if (size > states.length) {
            int capacity = Math.max(size, states.length * 2);
            states = Arrays.copyOf(states, capacity);
            reserve0 = Arrays.copyOf(reserve0, capacity);
            reserve1 = Arrays.copyOf(reserve1, capacity);
            gamma = Arrays.copyOf(gamma, capacity);
        }
    }

    /** How many pools are known. */
    public int poolCount() {
        return graph.size();
    }

    /** How many candidates exist; candidate indices are {@code 0 .. candidateCount() - 1}. */
    public int candidateCount() {
        return candidates.size();
    }

    public Candidate candidate(int index) {
        return candidates.get(index);
    }

    /** The latest state of the pool with {@code key}, if known. */
    public Optional<PoolState> state(Pool.PoolKey key) {
        int index = graph.indexOf(key);
        return index < 0 ? Optional.empty() : Optional.of(states[index]);
    }

    /** The indices of the candidates that swap through the pool with {@code key}. */
    public int[] candidatesTouching(Pool.PoolKey key) {
        int index = graph.indexOf(key);
        return index < 0 ? new int[0] : candidates.touching(index);
    }

    /** The pools changed since the last call (new pools included), and forgets them. */
    public List<Pool.PoolKey> takeChangedPools() {
        List<Pool.PoolKey> keys = new ArrayList<>(changed.cardinality());
        for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
            keys.add(graph.pool(i).key());
        }
        changed.clear();
        return keys;
    }

    /** The candidates touching any of {@code pools}, each once, in ascending order. */
    public int[] candidatesTouching(List<Pool.PoolKey> pools) {
        BitSet hit = new BitSet(candidates.size());
        for (Pool.PoolKey key : pools) {
            int index = graph.indexOf(key);
            if (index >= 0) {
                candidates.forEachTouching(index, hit::set);
            }
        }
        return hit.stream().toArray();
    }

    /** The number of hops of candidate {@code index}. */
    public int hopCount(int index) {
        return candidates.get(index).hops().size();
    }

    /** The input-side reserve of hop {@code hop} of candidate {@code index}, as a double. */
    public double reserveIn(int index, int hop) {
        int ref = candidates.hopRef(index, hop);
        return (ref & 1) == 0 ? reserve0[ref >>> 1] : reserve1[ref >>> 1];
    }

    /** The output-side reserve of hop {@code hop} of candidate {@code index}, as a double. */
    public double reserveOut(int index, int hop) {
        int ref = candidates.hopRef(index, hop);
        return (ref & 1) == 0 ? reserve1[ref >>> 1] : reserve0[ref >>> 1];
    }

    /** The fee factor {@code (10000 - feeBps) / 10000} of hop {@code hop} of candidate {@code index}. */
    public double gamma(int index, int hop) {
        return gamma[candidates.hopRef(index, hop) >>> 1];
    }

    /** Candidate {@code index} at its pools' latest exact reserves. */
    public ExactRoute exactRoute(int index, int flashFeeBps) {
        Candidate candidate = candidates.get(index);
        List<HopReserves> hops = new ArrayList<>(candidate.hops().size());
        for (int k = 0; k < candidate.hops().size(); k++) {
            hops.add(HopReserves.of(states[candidates.hopRef(index, k) >>> 1], candidate.hops().get(k)));
        }
        return new ExactRoute(hops, flashFeeBps);
    }

    /** Per chain of candidate {@code index}, the latest block among the reserves its pools hold. */
    public Map<Long, Long> blockNumbers(int index) {
        Map<Long, Long> blocks = new TreeMap<>();
        for (int k = 0; k < hopCount(index); k++) {
            PoolState state = states[candidates.hopRef(index, k) >>> 1];
            blocks.merge(state.pool().chainId(), state.blockNumber(), Math::max);
        }
        return blocks;
    }

    /** The latest gas price of {@code chainId} in wei, if one has been seen. */
    public Optional<BigInteger> gasPrice(long chainId) {
        return Optional.ofNullable(gasPrices.get(chainId));
    }

    /** Among the pools of {@code token} and {@code counterToken} on {@code chainId}, the one holding most {@code token}. */
    public Optional<PoolState> deepestPool(long chainId, String token, String counterToken) {
        PoolState deepest = null;
        for (int index : graph.poolsOfPair(chainId, token, counterToken)) {
            PoolState state = states[index];
            if (deepest == null || state.reserveOf(token).compareTo(deepest.reserveOf(token)) > 0) {
                deepest = state;
            }
        }
        return Optional.ofNullable(deepest);
    }
}
