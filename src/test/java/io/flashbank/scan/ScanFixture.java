package io.flashbank.scan;

import static io.flashbank.market.MarketFixture.address;
import static io.flashbank.market.MarketFixture.ether;
import static io.flashbank.market.MarketFixture.pool;
import static io.flashbank.market.MarketFixture.state;

import io.flashbank.market.CanonicalAsset;
import io.flashbank.market.ChainSettings;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.MarketSettings;
import io.flashbank.market.Pool;
import io.flashbank.market.PoolState;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A small market on chain 1 (and a mirror on chain 2): WETH/USDC on two venues 5 % apart (one paying cycle), WETH/DAI
 * on two venues at the same price (nothing pays), a USDC base token priced against WETH.
 */
final class ScanFixture {
    static final long CHAIN = 1;
    static final long OTHER_CHAIN = 2;
    static final String WETH = address("weth");
    static final String USDC = address("usdc");
    static final String DAI = address("dai");
    static final String WETH_2 = address("weth on 2");
    static final String USDC_2 = address("usdc on 2");

    static final Pool CHEAP_USDC = pool(CHAIN, "cheap", WETH, USDC, "A");
    static final Pool DEAR_USDC = pool(CHAIN, "dear", WETH, USDC, "B");
    static final Pool DAI_A = pool(CHAIN, "dai-a", WETH, DAI, "A");
    static final Pool DAI_B = pool(CHAIN, "dai-b", WETH, DAI, "B");
    static final Pool MIRROR = pool(OTHER_CHAIN, "mirror", WETH_2, USDC_2, "C");

    static final BigInteger GAS_PRICE = BigInteger.valueOf(10_000_000_000L);

    static final MarketSettings MARKET = new MarketSettings(
            List.of(new ChainSettings(CHAIN, WETH, List.of(WETH, USDC)),
                    new ChainSettings(OTHER_CHAIN, WETH_2, List.of(WETH_2))),
            List.of(new CanonicalAsset("WETH", Map.of(CHAIN, WETH, OTHER_CHAIN, WETH_2)),
                    new CanonicalAsset("USDC", Map.of(CHAIN, USDC, OTHER_CHAIN, USDC_2))));

    private ScanFixture() {
    }

    /** 1000 WETH against {@code usdcPerWeth} × 1000 USDC (18 decimals for simplicity). */
    static PoolState usdcPool(Pool pool, long usdcPerWeth, long block) {
        return state(pool, WETH, ether(1_000), ether(1_000 * usdcPerWeth), block);
    }

    /** The four chain-1 pools: cheap USDC at 2000, dear USDC at 2100, both DAI pools at 2000. */
    static MarketEvent.PoolsDiscovered discovered() {
        return new MarketEvent.PoolsDiscovered(CHAIN, List.of(
                usdcPool(CHEAP_USDC, 2_000, 10), usdcPool(DEAR_USDC, 2_100, 10),
                state(DAI_A, WETH, ether(1_000), ether(2_000_000), 10),
                state(DAI_B, WETH, ether(1_000), ether(2_000_000), 10)));
    }

    static MarketEvent.GasPriceChanged gas(long chainId) {
        return new MarketEvent.GasPriceChanged(chainId, 10, GAS_PRICE);
    }
}
