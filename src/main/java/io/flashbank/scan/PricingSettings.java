package io.flashbank.scan;

import io.flashbank.rank.GasModel;
import java.math.BigInteger;
import java.util.Objects;

/**
 * How opportunities are priced after the exact re-quote.
 *
 * @param flashFeeBps the lender's fee in basis points, charged on the borrowed input and rounded up (FlashBank: 2)
 * @param minNetProfit the smallest net profit, in the base token's smallest unit, worth reporting (at least 1)
 * @param gasModel gas units per route shape
 */
public record PricingSettings(int flashFeeBps, BigInteger minNetProfit, GasModel gasModel) {
    /** FlashBank's default fee. */
    public static final int DEFAULT_FLASH_FEE_BPS = 2;

    public PricingSettings {
        if (flashFeeBps < 0 || flashFeeBps >= 10_000) {
            throw new IllegalArgumentException("flashFeeBps must be in [0, 10000), got " + flashFeeBps);
        }
        if (minNetProfit == null || minNetProfit.signum() <= 0) {
            throw new IllegalArgumentException("minNetProfit must be at least 1, got " + minNetProfit);
        }
        Objects.requireNonNull(gasModel, "gasModel");
    }

    /** 2 bps, a minimum net profit of 1, and the default gas estimates. */
    public static PricingSettings defaults() {
        return new PricingSettings(DEFAULT_FLASH_FEE_BPS, BigInteger.ONE, GasModel.defaults());
    }

    /** The flash fee as a rate (0.0002 for 2 bps), for the kernel. */
    public double flashFeeRate() {
        return flashFeeBps / 10_000.0;
    }
}
