// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title WAD/RAY fixed-point arithmetic for the lending pool, every division with an explicit rounding direction,
/// and the per-second compounding factor of the borrow indexes.
/// @notice `Down` floors, `Up` ceils; nothing here rounds half-up, so each call site says who the rounding favours.
library RayMath {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant RAY = 1e27;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SECONDS_PER_YEAR = 365 days;

    /// @notice floor(a·b / RAY)
    function rayMulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, RAY);
    }

    /// @notice ceil(a·b / RAY)
    function rayMulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, RAY, Math.Rounding.Ceil);
    }

    /// @notice floor(a·RAY / b)
    function rayDivDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, RAY, b);
    }

    /// @notice ceil(a·RAY / b)
    function rayDivUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, RAY, b, Math.Rounding.Ceil);
    }

    /// @notice floor(a·b / c)
    function mulDivDown(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        return Math.mulDiv(a, b, c);
    }

    /// @notice ceil(a·b / c)
    function mulDivUp(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        return Math.mulDiv(a, b, c, Math.Rounding.Ceil);
    }

    /// @notice A yearly ray rate as a per-second ray rate, rounded up (borrow rates: the pool is never short-changed).
    function perSecondUp(uint256 yearlyRay) internal pure returns (uint256) {
        return Math.ceilDiv(yearlyRay, SECONDS_PER_YEAR);
    }

    /// @notice A yearly ray rate as a per-second ray rate, rounded down (the supply rate: depositors never over-credited).
    function perSecondDown(uint256 yearlyRay) internal pure returns (uint256) {
        return yearlyRay / SECONDS_PER_YEAR;
    }

    /// @notice The compounding factor (1 + r)^dt in ray for a per-second ray rate `r`, by the binomial series
    /// Σ_k C(dt, k)·r^k summed term by term until a term floors to zero (or k reaches dt).
    /// @dev Each term is t_k = floor(t_{k-1}·(dt−k+1)·r / (k·RAY)) with t_0 = RAY. Every term of the series is
    /// non-negative and every step floors, so the result NEVER exceeds the exact (1 + r)^dt: it errs towards the
    /// borrower, by at most
    ///     exact − result ≤ exact / 1e18 + K wei    (K = the number of terms summed, K ≤ x + 64 with x = r·dt/RAY),
    /// which `test/lending/core/RayMath.t.sol` fuzzes against `compoundExact` for r up to 1000 %/year and dt from 1 s
    /// to 10 years. The floors lose < 1 wei per term and their propagation through later terms is below 1 wei per
    /// ray of result (each term's relative error is ≤ Σ 1/t_j over the larger earlier terms); the truncated tail is
    /// below the last non-zero term because the terms decrease once k > x. Unlike Aave's fixed three-term
    /// expansion (which under-accrues by ~x⁴/24, i.e. by most of the interest when x is large), the error bound
    /// holds at any x; the cost is one loop step per term: 4 steps at 10 %/year over 12 s, about x + 30 after
    /// years idle at a high rate.
    function compound(uint256 ratePerSecondRay, uint256 dt) internal pure returns (uint256 factorRay) {
        factorRay = RAY;
        if (ratePerSecondRay == 0 || dt == 0) return factorRay;
        uint256 term = RAY;
        for (uint256 k = 1; k <= dt; ++k) {
            uint256 f = (dt - k + 1) * ratePerSecondRay; // ≤ 2^64·2^128: no overflow for any sane rate and dt
            uint256 d = k * RAY;
            unchecked {
                uint256 p = term * f;
                term = (p / f == term) ? p / d : Math.mulDiv(term, f, d);
            }
            if (term == 0) break;
            factorRay += term;
        }
    }

    /// @notice (1 + r)^dt in ray by exponentiation by squaring at 1e30 precision, each product floored: the reference
    /// for tests. About 2·log2(dt) floors, each doubling the relative error at most: below 2^31 / 1e30 ≈ 2e-21 for
    /// dt < 2^30 (34 years), far inside the 1e-18 that `compound` promises.
    /// @dev Reverts on overflow (factors beyond ~1e47); 1000 %/year over 10 years is e^100 ≈ 2.7e43.
    function compoundExact(uint256 ratePerSecondRay, uint256 dt) internal pure returns (uint256 factorRay) {
        uint256 one = 1e30;
        uint256 base = one + ratePerSecondRay * 1e3;
        uint256 acc = one;
        while (dt != 0) {
            if (dt & 1 == 1) acc = Math.mulDiv(acc, base, one);
            dt >>= 1;
            if (dt != 0) base = Math.mulDiv(base, base, one);
        }
        factorRay = acc / 1e3;
    }
}
