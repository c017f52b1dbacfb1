package io.flashbank.bench.kernel;

import io.flashbank.market.ExactRoute;
import io.flashbank.market.HopReserves;
import io.flashbank.market.RouteQuote;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the exact integer re-quote every kept candidate gets before it is ranked or sent ({@link ExactRoute#optimum}),
 * on a two-hop route across two pools of one pair 2 % apart and a three-hop cycle, at demo-like WETH depths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExactQuoteMicrobenchmark {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);

    private ExactRoute twoHops;
    private ExactRoute threeHops;
    private BigInteger amountIn;

    @Setup
    public void buildRoutes() {
        // Buy the token where a WETH buys 3,060 of it, sell where 3,000 buy a WETH back: 2 % apart.
        twoHops = new ExactRoute(List.of(
                new HopReserves(ether(60), ether(183_600), 30),
                new HopReserves(ether(300_000), ether(100), 30)), 2);
        // WETH -> A -> B -> WETH, the three prices 2.8 % apart before the pools' fees.
        threeHops = new ExactRoute(List.of(
                new HopReserves(ether(80), ether(240_000), 30),
                new HopReserves(ether(120_000), ether(1_210_000), 30),
                new HopReserves(ether(3_000_000), ether(102), 25)), 2);
        amountIn = ether(1);
        if (twoHops.optimum().isEmpty() || threeHops.optimum().isEmpty()) {
            throw new IllegalStateException("the benchmark routes must pay, or optimum() returns early");
        }
    }

    @Benchmark
    public Optional<RouteQuote> optimumTwoHops() {
        return twoHops.optimum();
    }

    @Benchmark
    public Optional<RouteQuote> optimumThreeHops() {
        return threeHops.optimum();
    }

    /** One exact quote at a fixed input: the unit the optimum's search repeats. */
    @Benchmark
    public RouteQuote quoteThreeHops() {
        return threeHops.quote(amountIn);
    }

    private static BigInteger ether(long units) {
        return ETHER.multiply(BigInteger.valueOf(units));
    }
}
