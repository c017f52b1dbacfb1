package io.flashbank.market;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds tokens, pools and states with readable labels for tests. */
public final class MarketFixture {
    public static final BigInteger ETHER = BigInteger.TEN.pow(18);

    private MarketFixture() {
    }

    /** A deterministic address for {@code label}. */
    public static String address(String label) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 30 bps pool of {@code tokenA} and {@code tokenB} (addresses), token0 being the lower address. */
    public static Pool pool(long chainId, String label, String tokenA, String tokenB, String factoryLabel) {
        return pool(chainId, label, tokenA, tokenB, factoryLabel, 30);
    }

    public static Pool pool(long chainId, String label, String tokenA, String tokenB, String factoryLabel, int feeBps) {
        boolean aFirst = tokenA.compareTo(tokenB) < 0;
        return new Pool(chainId, address("pool:" + chainId + ":" + label), aFirst ? tokenA : tokenB,
                aFirst ? tokenB : tokenA, address("factory:" + factoryLabel), feeBps);
    }

    /** {@code pool} holding {@code reserveA} of {@code tokenA} and {@code reserveB} of the other token. */
    public static PoolState state(Pool pool, String tokenA, BigInteger reserveA, BigInteger reserveB, long block) {
        boolean aIsToken0 = pool.token0().equals(tokenA);
        return new PoolState(pool, aIsToken0 ? reserveA : reserveB, aIsToken0 ? reserveB : reserveA, block);
    }

    /** {@code amount} whole tokens of 18 decimals. */
    public static BigInteger ether(long amount) {
        return ETHER.multiply(BigInteger.valueOf(amount));
    }

    /** An exact route from {@code [reserveIn, reserveOut]} pairs, all at 30 bps. */
    public static ExactRoute route(int flashFeeBps, BigInteger... reserves) {
        List<HopReserves> hops = new ArrayList<>();
        for (int i = 0; i < reserves.length; i += 2) {
            hops.add(new HopReserves(reserves[i], reserves[i + 1], 30));
        }
        return new ExactRoute(hops, flashFeeBps);
    }

    /** A cycle of {@code hops} pools between tokens of random prices, each pool off its fair price by up to {@code skew}. */
    public static ExactRoute randomCycle(SplittableRandom random, int hops, double skew, int flashFeeBps) {
        double[] price = new double[hops];
        price[0] = 1;
        for (int t = 1; t < hops; t++) {
            price[t] = Math.pow(10, random.nextDouble(-2, 2));
        }
        List<HopReserves> reserves = new ArrayList<>();
        for (int h = 0; h < hops; h++) {
            double liquidity = Math.pow(10, random.nextDouble(15, 24));
            BigInteger in = new BigDecimal(liquidity / price[h]).toBigInteger().max(BigInteger.ONE);
            double fair = liquidity / price[(h + 1) % hops];
            double out = skew == 0 ? fair : fair * (1 + random.nextDouble(-skew, skew));
            BigInteger outReserve = new BigDecimal(out).toBigInteger().max(BigInteger.ONE);
            if (skew == 0) {
                // Exactly fair: the out reserve is the in reserve at the exact price ratio.
                outReserve = new BigDecimal(in).multiply(new BigDecimal(price[h] / price[(h + 1) % hops]))
                        .toBigInteger().max(BigInteger.ONE);
            }
            reserves.add(new HopReserves(in, outReserve, 30));
        }
        return new ExactRoute(reserves, flashFeeBps);
    }
}
