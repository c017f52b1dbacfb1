package io.flashbank.market;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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
        List<HopReserves> hops = new java.util.ArrayList<>();
        for (int i = 0; i < reserves.length; i += 2) {
            hops.add(new HopReserves(reserves[i], reserves[i + 1], 30));
        }
        return new ExactRoute(hops, flashFeeBps);
    }
}
