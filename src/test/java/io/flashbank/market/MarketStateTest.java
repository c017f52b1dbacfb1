package io.flashbank.market;

import static io.flashbank.market.MarketFixture.address;
import static io.flashbank.market.MarketFixture.ether;
import static io.flashbank.market.MarketFixture.pool;
import static io.flashbank.market.MarketFixture.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarketStateTest {
    private static final long CHAIN = 1;
    private static final long OTHER_CHAIN = 2;
    private static final String WETH = address("weth");
    private static final String USDC = address("usdc");
    private static final String DAI = address("dai");
    private static final String LINK = address("link");
    private static final String WETH_2 = address("weth on 2");
    private static final String USDC_2 = address("usdc on 2");

    // Factory A: WETH/USDC, WETH/DAI, USDC/DAI, WETH/LINK. Factory B: WETH/USDC, WETH/DAI, DAI/LINK.
    private static final Pool A_WETH_USDC = pool(CHAIN, "a1", WETH, USDC, "A");
    private static final Pool A_WETH_DAI = pool(CHAIN, "a2", WETH, DAI, "A");
    private static final Pool A_USDC_DAI = pool(CHAIN, "a3", USDC, DAI, "A");
    private static final Pool A_WETH_LINK = pool(CHAIN, "a4", WETH, LINK, "A");
    private static final Pool B_WETH_USDC = pool(CHAIN, "b1", WETH, USDC, "B");
    private static final Pool B_WETH_DAI = pool(CHAIN, "b2", WETH, DAI, "B");
    private static final Pool B_DAI_LINK = pool(CHAIN, "b3", DAI, LINK, "B");
    private static final Pool C_WETH_USDC = pool(OTHER_CHAIN, "c1", WETH_2, USDC_2, "C");

    private static final MarketSettings SETTINGS = new MarketSettings(
            List.of(new ChainSettings(CHAIN, WETH, List.of(WETH, USDC)),
                    new ChainSettings(OTHER_CHAIN, WETH_2, List.of(WETH_2))),
            List.of(new CanonicalAsset("WETH", Map.of(CHAIN, WETH, OTHER_CHAIN, WETH_2)),
                    new CanonicalAsset("USDC", Map.of(CHAIN, USDC, OTHER_CHAIN, USDC_2))));

    private static final List<Pool> CHAIN_ONE =
            List.of(A_WETH_USDC, A_WETH_DAI, A_USDC_DAI, A_WETH_LINK, B_WETH_USDC, B_WETH_DAI, B_DAI_LINK);

    @Test
    void generatesTwoHopCyclesForEachOrderedPairOfPoolsOfTheSamePair() {
        MarketState market = marketOf(CHAIN_ONE);

        List<Candidate> twoHop = candidates(market).stream().filter(c -> c.hops().size() == 2).toList();

        // WETH/USDC and WETH/DAI have two pools each: two directions each.
        assertThat(twoHop).hasSize(4);
        assertThat(twoHop).allSatisfy(c -> assertThat(c.baseToken()).isEqualTo(WETH));
        assertThat(twoHop).extracting(c -> poolsOf(c)).containsExactlyInAnyOrder(
                List.of(A_WETH_USDC, B_WETH_USDC), List.of(B_WETH_USDC, A_WETH_USDC),
                List.of(A_WETH_DAI, B_WETH_DAI), List.of(B_WETH_DAI, A_WETH_DAI));
    }

    @Test
    void generatesThreeHopCyclesThroughTheBaseTokenInBothDirections() {
        MarketState market = marketOf(CHAIN_ONE);

        List<Candidate> threeHop = candidates(market).stream().filter(c -> c.hops().size() == 3).toList();

        // WETH-USDC-DAI: 2 x 1 x 2 pool choices; WETH-DAI-LINK: 2 x 1 x 1; each in two directions.
        assertThat(threeHop).hasSize(12);
        assertThat(threeHop).allSatisfy(c -> {
            assertThat(c.baseToken()).isEqualTo(WETH);
            assertThat(Set.copyOf(poolsOf(c))).hasSize(3);
        });
        assertThat(threeHop).filteredOn(c -> poolsOf(c).contains(B_DAI_LINK)).hasSize(4);
        assertThat(threeHop).anySatisfy(c -> assertThat(c.hops()).containsExactly(
                new Hop(A_WETH_USDC, WETH, USDC), new Hop(A_USDC_DAI, USDC, DAI), new Hop(B_WETH_DAI, DAI, WETH)));
        assertThat(threeHop).anySatisfy(c -> assertThat(c.hops()).containsExactly(
                new Hop(B_WETH_DAI, WETH, DAI), new Hop(A_USDC_DAI, DAI, USDC), new Hop(A_WETH_USDC, USDC, WETH)));
    }

    @Test
    void indexesEachPoolToTheCandidatesTouchingIt() {
        MarketState market = marketOf(CHAIN_ONE);

        for (Pool pool : CHAIN_ONE) {
            int[] touching = market.candidatesTouching(pool.key());
            int[] expected = candidates(market).stream().filter(c -> poolsOf(c).contains(pool))
                    .mapToInt(Candidate::index).toArray();
            assertThat(touching).as(pool.address()).containsExactly(expected);
        }
        assertThat(market.candidatesTouching(A_USDC_DAI.key())).hasSize(8);
        assertThat(market.candidatesTouching(A_WETH_USDC.key())).hasSize(6);
        assertThat(market.candidatesTouching(A_WETH_LINK.key())).hasSize(4);
    }

    @Test
    void candidatesGrowIncrementallyToTheSameSetWhateverThePoolOrder() {
        List<Pool> shuffled = new ArrayList<>(CHAIN_ONE);
        Collections.shuffle(shuffled, new java.util.Random(7));
        MarketState oneByOne = new MarketState(SETTINGS);
        int before = 0;
        for (Pool pool : shuffled) {
            oneByOne.apply(new MarketEvent.PoolsDiscovered(CHAIN, List.of(stateOf(pool))));
            assertThat(oneByOne.candidateCount()).isGreaterThanOrEqualTo(before);
            before = oneByOne.candidateCount();
        }

        assertThat(routes(oneByOne)).isEqualTo(routes(marketOf(CHAIN_ONE)));
        assertThat(oneByOne.candidateCount()).isEqualTo(16);
    }

    @Test
    void rediscoveringAKnownPoolAddsNoCandidate() {
        MarketState market = marketOf(CHAIN_ONE);

        market.apply(new MarketEvent.PoolsDiscovered(CHAIN, List.of(stateOf(A_WETH_USDC))));

        assertThat(market.candidateCount()).isEqualTo(16);
    }

    @Test
    void pairsTheSameCanonicalPairAcrossChainsInBothDirections() {
        List<Pool> all = new ArrayList<>(CHAIN_ONE);
        all.add(C_WETH_USDC);
        MarketState market = marketOf(all);

        List<Candidate> crossChain = candidates(market).stream().filter(Candidate::crossChain).toList();

        assertThat(crossChain).hasSize(4);
        assertThat(crossChain).extracting(c -> poolsOf(c)).containsExactlyInAnyOrder(
                List.of(A_WETH_USDC, C_WETH_USDC), List.of(C_WETH_USDC, A_WETH_USDC),
                List.of(B_WETH_USDC, C_WETH_USDC), List.of(C_WETH_USDC, B_WETH_USDC));
        assertThat(crossChain).anySatisfy(c -> assertThat(c.hops()).containsExactly(
                new Hop(C_WETH_USDC, WETH_2, USDC_2), new Hop(A_WETH_USDC, USDC, WETH)));
        assertThat(crossChain).allSatisfy(c -> assertThat(c.chains()).hasSize(2));
        assertThat(market.candidateCount()).isEqualTo(20);
    }

    @Test
    void poolsOfAChainWithoutSettingsAreTrackedButMakeNoCandidates() {
        String x = address("x");
        String y = address("y");
        MarketState market = marketOf(List.of(pool(99, "p", x, y, "Z"), pool(99, "q", x, y, "Y")));

        assertThat(market.poolCount()).isEqualTo(2);
        assertThat(market.candidateCount()).isZero();
    }

    @Test
    void onlyPoolsWhoseReservesChangedAreTakenAsChanged() {
        MarketState market = marketOf(CHAIN_ONE);
        assertThat(market.takeChangedPools()).hasSize(CHAIN_ONE.size());
        assertThat(market.takeChangedPools()).isEmpty();

        market.apply(new MarketEvent.ReservesChanged(CHAIN, 11, List.of(
                state(A_USDC_DAI, USDC, ether(1_000), ether(999), 11),
                stateOf(B_DAI_LINK))));

        List<Pool.PoolKey> changed = market.takeChangedPools();
        assertThat(changed).containsExactly(A_USDC_DAI.key());
        assertThat(market.candidatesTouching(changed)).hasSize(8);
        assertThat(market.state(A_USDC_DAI.key())).get().extracting(PoolState::blockNumber).isEqualTo(11L);
        assertThat(market.blockNumbers(market.candidatesTouching(A_USDC_DAI.key())[0])).containsEntry(CHAIN, 11L);
    }

    @Test
    void reservesOfAnUnknownPoolAddItAsIfDiscovered() {
        MarketState market = marketOf(List.of(A_WETH_USDC));

        market.apply(new MarketEvent.ReservesChanged(CHAIN, 12, List.of(stateOf(B_WETH_USDC))));

        assertThat(market.candidateCount()).isEqualTo(2);
        assertThat(market.takeChangedPools()).contains(B_WETH_USDC.key());
    }

    @Test
    void candidatesTouchingSeveralChangedPoolsAreListedOnce() {
        MarketState market = marketOf(CHAIN_ONE);

        int[] touching = market.candidatesTouching(List.of(A_WETH_USDC.key(), A_USDC_DAI.key(), B_WETH_USDC.key()));

        assertThat(touching).doesNotHaveDuplicates().isSorted();
        assertThat(touching).hasSize((int) candidates(market).stream()
                .filter(c -> poolsOf(c).contains(A_WETH_USDC) || poolsOf(c).contains(A_USDC_DAI)
                        || poolsOf(c).contains(B_WETH_USDC)).count());
    }

    @Test
    void doubleReservesFollowTheHopDirection() {
        MarketState market = marketOf(List.of(A_WETH_USDC, B_WETH_USDC));
        market.apply(new MarketEvent.ReservesChanged(CHAIN, 5, List.of(
                state(A_WETH_USDC, WETH, ether(10), ether(30_000), 5))));

        for (int c = 0; c < market.candidateCount(); c++) {
            Candidate candidate = market.candidate(c);
            for (int h = 0; h < 2; h++) {
                PoolState state = market.state(candidate.hops().get(h).pool().key()).orElseThrow();
                assertThat(market.reserveIn(c, h)).isEqualTo(state.reserveOf(candidate.hops().get(h).tokenIn()).doubleValue());
                assertThat(market.reserveOut(c, h)).isEqualTo(state.reserveOf(candidate.hops().get(h).tokenOut()).doubleValue());
                assertThat(market.gamma(c, h)).isEqualTo(0.997);
            }
            assertThat(market.exactRoute(c, 2).hops()).hasSize(2);
        }
    }

    private static MarketState marketOf(List<Pool> pools) {
        MarketState market = new MarketState(SETTINGS);
        Map<Long, List<PoolState>> byChain = pools.stream().map(MarketStateTest::stateOf)
                .collect(Collectors.groupingBy(s -> s.pool().chainId()));
        byChain.forEach((chain, states) -> market.apply(new MarketEvent.PoolsDiscovered(chain, states)));
        return market;
    }

    private static PoolState stateOf(Pool pool) {
        return new PoolState(pool, ether(1_000), ether(1_000), 10);
    }

    private static List<Candidate> candidates(MarketState market) {
        return IntStream.range(0, market.candidateCount()).mapToObj(market::candidate).toList();
    }

    private static List<Pool> poolsOf(Candidate candidate) {
        return candidate.hops().stream().map(Hop::pool).toList();
    }

    private static Set<List<Hop>> routes(MarketState market) {
        return candidates(market).stream().map(Candidate::hops).collect(Collectors.toSet());
    }

}
