package io.flashbank.market;

import java.util.List;

/**
 * A route folded into one fee-less constant-product pool, in doubles: the closed form the scan kernel evaluates.
 *
 * <p>A hop with fee {@code γ} and reserves {@code (R_in, R_out)} pays {@code x·R_out / (R_in/γ + x)}, which is a
 * fee-less pool with reserves {@code (R_in/γ, R_out)}; two fee-less pools {@code (a_in, a_out)}, {@code (b_in, b_out)}
 * in a row are the fee-less pool {@code (a_in·b_in / (b_in + a_out), a_out·b_out / (b_in + a_out))}. With a flash fee
 * {@code f}, profit {@code x·E_out/(E_in + x) − (1+f)·x} peaks at {@code x* = √E_in·d/√(1+f)} with
 * {@code d = √E_out − √((1+f)·E_in)}, where it equals {@code d²}; it is positive only when {@code d > 0}. This is the
 * DESIGN form {@code (√(γ·E_in·E_out/(1+f)) − E_in)/γ} rewritten per-hop-γ and without the cancellation.
 *
 * @param reserveIn the virtual input reserve (already divided by the fees)
 * @param reserveOut the virtual output reserve
 */
public record VirtualPool(double reserveIn, double reserveOut) {
    public VirtualPool {
        if (!(reserveIn >= 0) || !(reserveOut >= 0)) {
            throw new IllegalArgumentException("virtual reserves must be non-negative numbers");
        }
    }

    /** Folds {@code hops} in order; any empty reserve folds to an empty pool. */
    public static VirtualPool fold(List<HopReserves> hops) {
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("hops must not be empty");
        }
        HopReserves first = hops.get(0);
        double in = first.reserveIn().doubleValue() / first.gamma();
        double out = first.reserveOut().doubleValue();
        for (int i = 1; i < hops.size(); i++) {
            HopReserves hop = hops.get(i);
            double bIn = hop.reserveIn().doubleValue();
            double gamma = hop.gamma();
            double scale = 1.0 / (bIn + gamma * out);
            in = in * bIn * scale;
            out = out * hop.reserveOut().doubleValue() * gamma * scale;
        }
        if (!(in > 0) || !(out > 0) || Double.isInfinite(in) || Double.isInfinite(out)) {
            return new VirtualPool(0, 0);
        }
        return new VirtualPool(in, out);
    }

    /** The input that maximises profit net of a flash fee at {@code flashFeeRate}; 0 when nothing pays. */
    public double optimalInput(double flashFeeRate) {
        double d = edge(flashFeeRate);
        return d > 0 ? Math.sqrt(reserveIn) * d / Math.sqrt(1 + flashFeeRate) : 0;
    }

    /** The profit net of the flash fee at the optimal input; 0 when nothing pays. */
    public double maxProfit(double flashFeeRate) {
        double d = edge(flashFeeRate);
        return d > 0 ? d * d : 0;
    }

    /** What the route pays out for {@code amountIn}. */
    public double amountOut(double amountIn) {
        return reserveIn > 0 ? amountIn * reserveOut / (reserveIn + amountIn) : 0;
    }

    /** The input above which the route no longer pays for itself and the flash fee. */
    public double breakEvenInput(double flashFeeRate) {
        return reserveIn > 0 ? Math.max(0, reserveOut / (1 + flashFeeRate) - reserveIn) : 0;
    }

    private double edge(double flashFeeRate) {
        if (!(reserveIn > 0)) {
            return 0;
        }
        return Math.sqrt(reserveOut) - Math.sqrt(1 + flashFeeRate) * Math.sqrt(reserveIn);
    }
}
