// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IRateModel} from "../../../src/lending/interfaces/IRateModel.sol";

/// @title A test-only, independent reference of the lending pool's rate math, written from the paper's definitions
/// (src/lending/README-model.md) to check `RateModel` and `RayMath` against.
/// @notice Rates are rays (1e27 = 100 %) per year unless named per second; utilisation is a ray; the reserve factor
/// is in basis points. Every division uses OpenZeppelin's 512-bit `Math.mulDiv` with the rounding named, so nothing
/// here overflows before the result does, and nothing here shares code with the pool's own libraries.
/// Rounding, always the pool's side: what borrowers pay (variable and stable rates, the debt index) rounds up;
/// what suppliers earn (overall rate, supply rate, the liquidity index) and the average stable rate (which the pool
/// counts as an asset) round down.
library RateReference {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SECONDS_PER_YEAR = 365 days;

    /// @notice U = Bt / S with S = cash + Bt the total supplied; 0 for an empty reserve. Rounds down.
    function utilization(uint256 totalDebt, uint256 cash) internal pure returns (uint256 uRay) {
        uint256 supplied = cash + totalDebt;
        if (supplied == 0) return 0;
        return Math.mulDiv(totalDebt, RAY, supplied);
    }

    /// @notice The kinked variable rate: Rv0 + U/Uopt·Rs1 for U <= Uopt, else Rv0 + Rs1 + (U−Uopt)/(1−Uopt)·Rs2.
    function variableRate(IRateModel.Curve memory c, uint256 uRay) internal pure returns (uint256) {
        return _kinked(uRay, c.optimalUtilizationRay, c.baseVariableRateRay, c.variableSlope1Ray, c.variableSlope2Ray);
    }

    /// @notice The stable rate offered to a new stable borrow, the same kinked shape on the stable parameters.
    function stableRate(IRateModel.Curve memory c, uint256 uRay) internal pure returns (uint256) {
        return _kinked(uRay, c.optimalUtilizationRay, c.baseStableRateRay, c.stableSlope1Ray, c.stableSlope2Ray);
    }

    function _kinked(uint256 u, uint256 uOpt, uint256 base, uint256 slope1, uint256 slope2)
        private
        pure
        returns (uint256)
    {
        require(u <= RAY && uOpt <= RAY, "RateReference: utilisation above 1");
        if (u <= uOpt) {
            // uOpt == 0 only reaches here with u == 0: the first slope has no length, so nothing of it is paid.
            if (uOpt == 0) return base;
            return base + Math.mulDiv(u, slope1, uOpt, Math.Rounding.Ceil);
        }
        // u > uOpt, so uOpt < RAY and RAY - uOpt > 0.
        return base + slope1 + Math.mulDiv(u - uOpt, slope2, RAY - uOpt, Math.Rounding.Ceil);
    }

    /// @notice Ro = (Bv·Rv + Bs·Rs_avg) / Bt with Bt = Bv + Bs; 0 without debt. Rounds down.
    function overallRate(uint256 variableDebt, uint256 variableRateRay, uint256 stableDebt, uint256 avgStableRateRay)
        internal
        pure
        returns (uint256)
    {
        uint256 total = variableDebt + stableDebt;
        if (total == 0) return 0;
        // Interest per year in asset·ray units; checked arithmetic (amounts below 2^128, rates below 2^128).
        uint256 interest = variableDebt * variableRateRay + stableDebt * avgStableRateRay;
        return interest / total;
    }

    /// @notice The corrected supply (liquidity) rate Ro·U·(1 − rf). Rounds down.
    function supplyRate(uint256 overallRateRay, uint256 uRay, uint256 reserveFactorBps)
        internal
        pure
        returns (uint256)
    {
        require(reserveFactorBps <= BPS, "RateReference: reserve factor above 100 %");
        return Math.mulDiv(overallRateRay, uRay * (BPS - reserveFactorBps), RAY * BPS);
    }

    /// @notice The same supply rate straight from the debts, with no rounded Ro or U in between:
    /// (Bv·Rv + Bs·Rs_avg)/S · (1 − rf), since Ro·U = (Bv·Rv + Bs·Rs_avg)/Bt · Bt/S. Rounds down.
    function supplyRateFromDebts(
        uint256 variableDebt,
        uint256 variableRateRay,
        uint256 stableDebt,
        uint256 avgStableRateRay,
        uint256 cash,
        uint256 reserveFactorBps
    ) internal pure returns (uint256) {
        uint256 supplied = cash + variableDebt + stableDebt;
        if (supplied == 0) return 0;
        uint256 interest = variableDebt * variableRateRay + stableDebt * avgStableRateRay;
        return Math.mulDiv(interest, BPS - reserveFactorBps, supplied * BPS);
    }

    /// @notice The draft paper's supply rate Ro / U: WRONG, kept only to show that it pays suppliers more than
    /// borrowers pay whenever U < 1 (README-model.md). Rounds down; 0 for U = 0.
    function paperSupplyRate(uint256 overallRateRay, uint256 uRay) internal pure returns (uint256) {
        if (uRay == 0) return 0;
        return Math.mulDiv(overallRateRay, RAY, uRay);
    }

    /// @notice Rs_avg after a stable borrow of `amount` at `rateRay` onto `stableDebt` at `avgRateRay`:
    /// (Bs·Rs_avg + b·r) / (Bs + b). Rounds down.
    function avgStableRateAfterBorrow(uint256 stableDebt, uint256 avgRateRay, uint256 amount, uint256 rateRay)
        internal
        pure
        returns (uint256)
    {
        uint256 total = stableDebt + amount;
        if (total == 0) return 0;
        return (stableDebt * avgRateRay + amount * rateRay) / total;
    }

    /// @notice Rs_avg after repaying `amount` of a stable debt borrowed at `rateRay`:
    /// (Bs·Rs_avg − b·r) / (Bs − b); 0 when nothing stays borrowed or rounding left the weighted sum short.
    /// Rounds down.
    function avgStableRateAfterRepay(uint256 stableDebt, uint256 avgRateRay, uint256 amount, uint256 rateRay)
        internal
        pure
        returns (uint256)
    {
        if (amount >= stableDebt) return 0;
        uint256 weighted = stableDebt * avgRateRay;
        uint256 leaving = amount * rateRay;
        if (leaving >= weighted) return 0;
        return (weighted - leaving) / (stableDebt - amount);
    }

    /// @notice A per-year rate as a per-second rate, rounded up (for what borrowers pay).
    function perSecondUp(uint256 ratePerYearRay) internal pure returns (uint256) {
        return Math.ceilDiv(ratePerYearRay, SECONDS_PER_YEAR);
    }

    /// @notice A per-year rate as a per-second rate, rounded down (for what suppliers earn).
    function perSecondDown(uint256 ratePerYearRay) internal pure returns (uint256) {
        return ratePerYearRay / SECONDS_PER_YEAR;
    }

    /// @notice (1 + r)^dt in ray by exponentiation by squaring, every product rounded up: at least the true value.
    /// @dev Error: each product adds under one wei, i.e. a relative error under 1e-27 (every value is >= 1 ray);
    /// squaring doubles the relative error the base already carries, so (1+r)^(2^k) carries under (2^k − 1)·1e-27
    /// and the result, a product over dt's set bits, under (dt + 2·bitlength(dt))·1e-27 to first order: above the
    /// truth by less than (dt + 2·bitlength(dt))·⌈(1+r)^dt⌉ wei. For a year (3.15e7 s) that is a relative 3.2e-20.
    function compoundUp(uint256 ratePerSecondRay, uint256 dt) internal pure returns (uint256) {
        return _pow(RAY + ratePerSecondRay, dt, Math.Rounding.Ceil);
    }

    /// @notice (1 + r)^dt in ray, every product rounded down: at most the true value.
    function compoundDown(uint256 ratePerSecondRay, uint256 dt) internal pure returns (uint256) {
        return _pow(RAY + ratePerSecondRay, dt, Math.Rounding.Floor);
    }

    function _pow(uint256 base, uint256 exponent, Math.Rounding rounding) private pure returns (uint256 result) {
        result = RAY;
        while (exponent != 0) {
            if (exponent & 1 == 1) result = Math.mulDiv(result, base, RAY, rounding);
            exponent >>= 1;
            // Squaring only while bits remain keeps `base` at most (1+r)^(largest power of two <= dt).
            if (exponent != 0) base = Math.mulDiv(base, base, RAY, rounding);
        }
    }

    /// @notice The three-term binomial approximation 1 + n·r + C(n,2)·r² + C(n,3)·r³ that Aave uses, in ray,
    /// rounded down: what a truncated `compound` computes, for measuring its error against `compoundUp`.
    function compoundBinomial3(uint256 ratePerSecondRay, uint256 dt) internal pure returns (uint256) {
        if (dt == 0) return RAY;
        uint256 r = ratePerSecondRay;
        uint256 n = dt;
        uint256 second = n * (n - 1) / 2; // C(n, 2), exact
        uint256 third = n >= 2 ? n * (n - 1) * (n - 2) / 6 : 0; // C(n, 3), exact
        // One rounding per term, after the whole product.
        return RAY + n * r + Math.mulDiv(second * r, r, RAY) + Math.mulDiv(third * r, r * r, RAY * RAY);
    }
}
