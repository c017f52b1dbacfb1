// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {RayMath} from "./RayMath.sol";

/// @title The kinked rate model of the FlashSwap paper with the supply rate corrected: variable, stable, overall and
/// supply rates from a reserve's debts and cash, and the paper's average stable rate.
/// @notice All rates are rays per year; utilisation is a ray. Borrow-side results round up, the supply rate rounds
/// down, so every rounding favours the pool.
library RateModel {
    using RayMath for uint256;

    uint256 internal constant RAY = 1e27;

    /// @notice The curve of one reserve (rays per year), a copy of the matching `ReserveParams` fields.
    struct Curve {
        uint256 optimalUtilizationRay;
        uint256 baseVariableRateRay;
        uint256 variableSlope1Ray;
        uint256 variableSlope2Ray;
        uint256 baseStableRateRay;
        uint256 stableSlope1Ray;
        uint256 stableSlope2Ray;
    }

    /// @notice What a reserve pays and charges now.
    struct Rates {
        uint256 variableRateRay; // Rv
        uint256 stableRateRay; // the rate a new stable borrow gets
        uint256 liquidityRateRay; // Ro·U·(1 − reserveFactor)
    }

    /// @notice U = Bt / (cash + Bt), rounded up (the borrow side) or down (the supply side); 0 without debt.
    function utilization(uint256 totalDebt, uint256 cash, bool roundUp) internal pure returns (uint256) {
        if (totalDebt == 0) return 0;
        return roundUp ? totalDebt.mulDivUp(RAY, cash + totalDebt) : totalDebt.mulDivDown(RAY, cash + totalDebt);
    }

    /// @notice `base + U/Uopt·slope1` below the optimum, `base + slope1 + (U−Uopt)/(1−Uopt)·slope2` above (rounded up).
    function kinked(uint256 u, uint256 uOpt, uint256 base, uint256 slope1, uint256 slope2) internal pure returns (uint256) {
        if (u <= uOpt) return base + u.mulDivUp(slope1, uOpt);
        return base + slope1 + (u - uOpt).mulDivUp(slope2, RAY - uOpt);
    }

    /// @notice The reserve's rates for its current debts, cash and average stable rate.
    /// @param variableDebt Bv; @param stableDebt Bs; @param averageStableRateRay Rs_avg.
    /// @dev Ro = (Bv·Rv + Bs·Rs_avg) / Bt (rounded down: it only feeds the supply rate), and the supply rate is
    /// Ro·U·(1 − reserveFactor), NOT the paper's Ro / U: interest received is Ro·Bt, of which suppliers get the
    /// (1 − rf) share, spread over cash + Bt supplied, i.e. Ro·Bt/(cash + Bt)·(1 − rf) = Ro·U·(1 − rf).
    function rates(
        Curve memory c,
        uint256 variableDebt,
        uint256 stableDebt,
        uint256 averageStableRateRay,
        uint256 cash,
        uint256 reserveFactorBps
    ) internal pure returns (Rates memory r) {
        uint256 totalDebt = variableDebt + stableDebt;
        uint256 uUp = utilization(totalDebt, cash, true);
        r.variableRateRay = kinked(uUp, c.optimalUtilizationRay, c.baseVariableRateRay, c.variableSlope1Ray, c.variableSlope2Ray);
        r.stableRateRay = kinked(uUp, c.optimalUtilizationRay, c.baseStableRateRay, c.stableSlope1Ray, c.stableSlope2Ray);
        if (totalDebt == 0) return r;
        uint256 overall = (variableDebt * r.variableRateRay + stableDebt * averageStableRateRay) / totalDebt;
        uint256 uDown = utilization(totalDebt, cash, false);
        r.liquidityRateRay = overall.rayMulDown(uDown).mulDivDown(RayMath.BPS - reserveFactorBps, RayMath.BPS);
    }

    /// @notice The paper's Rs(t) after a stable borrow of `amount` at `rateRay`: (Bs·Rs + x·r) / (Bs + x), rounded up.
    function averageAfterBorrow(uint256 totalStable, uint256 averageRay, uint256 amount, uint256 rateRay)
        internal
        pure
        returns (uint256)
    {
        uint256 total = totalStable + amount;
        if (total == 0) return 0;
        return (totalStable * averageRay + amount * rateRay).mulDivUp(1, total);
    }

    /// @notice Rs(t) after repaying `amount` borrowed at `rateRay`: (Bs·Rs − x·r) / (Bs − x), rounded up; 0 when the
    /// stable debt is gone or the subtraction would go below zero (possible only by rounding drift).
    function averageAfterRepay(uint256 totalStable, uint256 averageRay, uint256 amount, uint256 rateRay)
        internal
        pure
        returns (uint256)
    {
        if (amount >= totalStable) return 0;
        uint256 weighted = totalStable * averageRay;
        uint256 removed = amount * rateRay;
        if (removed >= weighted) return 0;
        return (weighted - removed).mulDivUp(1, totalStable - amount);
    }
}
