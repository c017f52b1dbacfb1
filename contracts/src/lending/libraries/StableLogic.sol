// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {RayMath} from "./RayMath.sol";
import {PoolTypes} from "./PoolTypes.sol";
import {PoolErrors} from "./PoolErrors.sol";
import {PoolLogic} from "./PoolLogic.sol";

/// @title Stable-rate operations beyond borrow and repay: switching a debt's rate mode and rebalancing a stable
/// rate (an external library the pool delegate-calls).
library StableLogic {
    using RayMath for uint256;

    uint256 internal constant BPS = 10_000;

    /// @notice Moves the caller's whole debt of `asset` from `current` to the other rate mode (to stable: within the
    /// stable cap, not while frozen).
    function swapRateMode(PoolTypes.State storage s, address asset, IFlashSwapPool.RateMode current) external {
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireUnpaused(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        PoolTypes.UserDebt storage d = s.debts[asset][msg.sender];
        IFlashSwapPool.RateMode to;
        if (current == IFlashSwapPool.RateMode.VARIABLE) {
            if (r.frozen) revert IFlashSwapPool.ReserveFrozen(asset);
            uint256 debt = PoolLogic.repayVariable(r, d, type(uint256).max);
            if (debt == 0) revert PoolErrors.NoDebt(asset, msg.sender, current);
            uint256 maxStable = uint256(r.cash) * p.maxStableShareBps / BPS;
            if (debt > maxStable) revert PoolErrors.StableBorrowTooLarge(debt, maxStable);
            PoolLogic.addStable(r, d, debt, r.stableRate);
            to = IFlashSwapPool.RateMode.STABLE;
        } else if (current == IFlashSwapPool.RateMode.STABLE) {
            uint256 debt = PoolLogic.repayStable(r, d, type(uint256).max);
            if (debt == 0) revert PoolErrors.NoDebt(asset, msg.sender, current);
            uint256 scaled = debt.rayDivUp(r.variableBorrowIndex);
            d.scaledVariable += SafeCast.toUint128(scaled);
            r.totalScaledVariableDebt += SafeCast.toUint128(scaled);
            to = IFlashSwapPool.RateMode.VARIABLE;
        } else {
            revert PoolErrors.InvalidRateMode(current);
        }
        PoolLogic.updateRates(asset, r, p);
        emit IFlashSwapPool.RateModeSwapped(asset, msg.sender, to);
    }

    /// @notice Resets `user`'s stable rate to the reserve's current stable rate; anyone may call it when
    /// (up) the user's rate is below the supply rate (depositors would earn more than this borrower pays), or
    /// (down) the supply rate has fallen more than `PoolErrors.REBALANCE_DOWN_SPREAD_RAY` below the user's rate and the current
    /// stable rate is lower than the user's (the market moved down by more than the spread).
    function rebalanceStableRate(PoolTypes.State storage s, address asset, address user) external {
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireUnpaused(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        PoolTypes.UserDebt storage d = s.debts[asset][user];
        uint256 userRate = d.stableRate;
        if (d.stablePrincipal == 0) revert PoolErrors.NoDebt(asset, user, IFlashSwapPool.RateMode.STABLE);
        uint256 supplyRate = r.liquidityRate;
        uint256 stableRate = r.stableRate;
        bool up = userRate < supplyRate;
        bool down = userRate > supplyRate + PoolErrors.REBALANCE_DOWN_SPREAD_RAY && stableRate < userRate;
        if (!up && !down) revert PoolErrors.RebalanceNotAllowed(userRate, supplyRate, stableRate);
        uint256 debt = PoolLogic.repayStable(r, d, type(uint256).max);
        PoolLogic.addStable(r, d, debt, stableRate);
        PoolLogic.updateRates(asset, r, p);
        emit IFlashSwapPool.StableRateRebalanced(asset, user, stableRate);
    }
}
