// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {FToken} from "../FToken.sol";
import {RayMath} from "./RayMath.sol";
import {RateModel} from "./RateModel.sol";
import {ReserveParamsCodec} from "./ReserveParamsCodec.sol";
import {PoolTypes} from "./PoolTypes.sol";
import {PoolErrors} from "./PoolErrors.sol";

/// @title The pool's shared internals: accrual and rates, debt bookkeeping, account values and health factors,
/// the user's flag bitmap and the reserve checks (inlined into the pool and its external logic libraries).
library PoolLogic {
    using RayMath for uint256;
    using SafeERC20 for IERC20;

    uint256 internal constant RAY = 1e27;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;

    /// @dev Accrues the reserve to this second: the variable index compounds (rounded up), the total stable debt
    /// compounds at the average stable rate (rounded up), the liquidity index grows linearly (rounded down), and the
    /// reserve factor's share of the new debt interest (rounded down) is credited to the treasury in scaled units.
    function updateState(PoolTypes.Reserve storage r, PoolTypes.PackedParams storage p) internal {
        uint256 last = r.lastUpdate;
        if (last == block.timestamp) return;
        uint256 dt = block.timestamp - last;
        uint256 liqIndex = r.liquidityIndex;
        uint256 liqRate = r.liquidityRate;
        if (liqRate != 0) {
            liqIndex = liqIndex.rayMulDown(RAY + liqRate.perSecondDown() * dt);
            r.liquidityIndex = SafeCast.toUint128(liqIndex);
        }
        uint256 increase;
        uint256 scaledVar = r.totalScaledVariableDebt;
        if (scaledVar != 0) {
            uint256 varIndex = r.variableBorrowIndex;
            uint256 newVarIndex = varIndex.rayMulUp(RayMath.compound(uint256(r.variableRate).perSecondUp(), dt));
            r.variableBorrowIndex = SafeCast.toUint128(newVarIndex);
            increase = scaledVar.rayMulDown(newVarIndex) - scaledVar.rayMulDown(varIndex);
        }
        uint256 stable = r.totalStableDebt;
        if (stable != 0) {
            uint256 newStable = stable.rayMulUp(RayMath.compound(uint256(r.averageStableRate).perSecondUp(), dt));
            r.totalStableDebt = SafeCast.toUint128(newStable);
            increase += newStable - stable;
        }
        uint256 rf = p.reserveFactorBps;
        if (increase != 0 && rf != 0) {
            r.accruedToTreasury += SafeCast.toUint128((increase * rf / BPS).rayDivDown(liqIndex));
        }
        r.lastUpdate = uint40(block.timestamp);
    }

    function updateRates(address asset, PoolTypes.Reserve storage r, PoolTypes.PackedParams storage p) internal {
        RateModel.Rates memory x = RateModel.rates(
            ReserveParamsCodec.curve(p),
            uint256(r.totalScaledVariableDebt).rayMulUp(r.variableBorrowIndex),
            r.totalStableDebt,
            r.averageStableRate,
            r.cash,
            p.reserveFactorBps
        );
        r.liquidityRate = SafeCast.toUint128(x.liquidityRateRay);
        r.variableRate = SafeCast.toUint128(x.variableRateRay);
        r.stableRate = SafeCast.toUint128(x.stableRateRay);
        emit IFlashSwapPool.ReserveDataUpdated(asset, x.liquidityRateRay, x.variableRateRay, r.averageStableRate, r.liquidityIndex,
            r.variableBorrowIndex);
    }

    function liquidityIndexNow(PoolTypes.Reserve storage r) internal view returns (uint256) {
        uint256 dt = block.timestamp - r.lastUpdate;
        uint256 index = r.liquidityIndex;
        if (dt == 0 || r.liquidityRate == 0) return index;
        return index.rayMulDown(RAY + uint256(r.liquidityRate).perSecondDown() * dt);
    }

    function variableIndexNow(PoolTypes.Reserve storage r) internal view returns (uint256) {
        uint256 dt = block.timestamp - r.lastUpdate;
        uint256 index = r.variableBorrowIndex;
        if (dt == 0 || r.totalScaledVariableDebt == 0) return index;
        return index.rayMulUp(RayMath.compound(uint256(r.variableRate).perSecondUp(), dt));
    }

    function stableDebtNow(PoolTypes.UserDebt storage d) internal view returns (uint256) {
        uint256 principal = d.stablePrincipal;
        if (principal == 0) return 0;
        return principal.rayMulUp(RayMath.compound(uint256(d.stableRate).perSecondUp(), block.timestamp - d.stableTimestamp));
    }

    // ---------------------------------------------------------------- debts

    function addStable(PoolTypes.Reserve storage r, PoolTypes.UserDebt storage d, uint256 amount, uint256 rate) internal {
        uint256 accrued = stableDebtNow(d);
        uint256 principal = accrued + amount;
        d.stableRate = SafeCast.toUint96((accrued * d.stableRate + amount * rate).mulDivUp(1, principal)); // rounded up
        d.stablePrincipal = SafeCast.toUint128(principal);
        d.stableTimestamp = uint40(block.timestamp);
        uint256 total = r.totalStableDebt;
        r.averageStableRate = SafeCast.toUint128(RateModel.averageAfterBorrow(total, r.averageStableRate, amount, rate));
        r.totalStableDebt = SafeCast.toUint128(total + amount);
    }

    /// @dev Repays up to `amount` of variable debt: whole scaled units (rounded down; `ZeroAmount` when that is
    /// nothing), charged at their worth rounded up; answers what is charged.
    function repayVariable(PoolTypes.Reserve storage r, PoolTypes.UserDebt storage d, uint256 amount)
        internal
        returns (uint256 repaid)
    {
        uint256 scaledDebt = d.scaledVariable;
        if (scaledDebt == 0) return 0;
        uint256 index = r.variableBorrowIndex;
        uint256 debt = scaledDebt.rayMulUp(index);
        uint256 scaled;
        if (amount >= debt) {
            (repaid, scaled) = (debt, scaledDebt);
        } else {
            scaled = amount.rayDivDown(index);
            // a payment below one scaled unit would move no debt at all (a gift, or a liquidation that seizes
            // collateral for nothing): refuse it
            if (scaled == 0) revert PoolErrors.ZeroAmount();
            // charge what the removed units are worth, rounded up (≤ amount): the payer overpays by < 1 wei, not
            // by up to a whole scaled unit (which is worth `index / RAY` wei, thousands after years of interest)
            repaid = scaled.rayMulUp(index);
        }
        d.scaledVariable = SafeCast.toUint128(scaledDebt - scaled);
        uint256 total = r.totalScaledVariableDebt;
        r.totalScaledVariableDebt = SafeCast.toUint128(total > scaled ? total - scaled : 0);
    }

    /// @dev Repays up to `amount` of stable debt; answers what was repaid.
    function repayStable(PoolTypes.Reserve storage r, PoolTypes.UserDebt storage d, uint256 amount)
        internal
        returns (uint256 repaid)
    {
        uint256 debt = stableDebtNow(d);
        if (debt == 0) return 0;
        repaid = amount < debt ? amount : debt;
        uint256 rate = d.stableRate;
        uint256 left = debt - repaid;
        d.stablePrincipal = SafeCast.toUint128(left);
        d.stableTimestamp = uint40(block.timestamp);
        if (left == 0) d.stableRate = 0;
        uint256 total = r.totalStableDebt;
        r.averageStableRate = SafeCast.toUint128(RateModel.averageAfterRepay(total, r.averageStableRate, repaid, rate));
        r.totalStableDebt = SafeCast.toUint128(repaid >= total ? 0 : total - repaid);
    }

    // ---------------------------------------------------------------- accounts

    /// @dev Collateral and debt in WAD base units: collateral values round down, debt values round up, and the
    /// health factor Σ(value·LT) / debt rounds down; available = Σ(value·LTV)/BPS − debt, floored at 0.
    function accountData(PoolTypes.State storage s, address user)
        internal
        view
        returns (uint256 collateral, uint256 debt, uint256 available, uint256 thresholdBps, uint256 hf)
    {
        PoolTypes.Account memory a = account(s, user);
        (collateral, debt) = (a.collateral, a.debt);
        uint256 borrowable = a.ltvSum / BPS;
        available = borrowable > debt ? borrowable - debt : 0;
        thresholdBps = collateral == 0 ? 0 : a.ltSum / collateral;
        hf = healthFactorOf(a);
    }

    function healthFactorOf(PoolTypes.Account memory a) internal pure returns (uint256) {
        return a.debt == 0 ? type(uint256).max : a.ltSum.mulDivDown(WAD, a.debt * BPS);
    }

    function account(PoolTypes.State storage s, address user) internal view returns (PoolTypes.Account memory a) {
        uint256 config = s.userConfig[user];
        for (uint256 i; config != 0; ++i) {
            uint256 bits = config & 3;
            config >>= 2;
            if (bits == 0) continue;
            address asset = s.reservesList[i];
            PoolTypes.Reserve storage r = s.reserves[asset];
            uint256 price = s.oracle.getAssetPrice(asset);
            uint256 unit = 10 ** uint256(r.decimals);
            if (bits & 2 != 0) {
                uint256 amount = FToken(r.fToken).scaledBalanceOf(user).rayMulDown(liquidityIndexNow(r));
                uint256 value = amount.mulDivDown(price, unit);
                PoolTypes.PackedParams storage p = s.params[asset];
                a.collateral += value;
                a.ltvSum += value * p.ltvBps;
                a.ltSum += value * p.liquidationThresholdBps;
            }
            if (bits & 1 != 0) {
                PoolTypes.UserDebt storage d = s.debts[asset][user];
                uint256 amount = uint256(d.scaledVariable).rayMulUp(variableIndexNow(r)) + stableDebtNow(d);
                a.debt += amount.mulDivUp(price, unit);
            }
        }
    }

    function requireHealthy(PoolTypes.State storage s, address user) internal view {
        uint256 hf = healthFactorOf(account(s, user));
        if (hf < WAD) revert IFlashSwapPool.HealthFactorTooLow(hf);
    }

    /// @dev After a borrow: HF ≥ 1 and debt ≤ Σ collateral·LTV.
    function requireBorrowable(PoolTypes.State storage s, address user) internal view {
        PoolTypes.Account memory a = account(s, user);
        uint256 hf = healthFactorOf(a);
        if (hf < WAD) revert IFlashSwapPool.HealthFactorTooLow(hf);
        uint256 borrowable = a.ltvSum / BPS;
        if (a.debt > borrowable) revert PoolErrors.BorrowExceedsLtv(a.debt, borrowable);
    }

    // ---------------------------------------------------------------- flags and checks

    function isCollateral(uint256 config, uint256 id) internal pure returns (bool) {
        return (config >> (2 * id + 1)) & 1 == 1;
    }

    /// @dev Any borrowing bit set (the even bits).
    function hasDebt(uint256 config) internal pure returns (bool) {
        return config & 0x5555555555555555555555555555555555555555555555555555555555555555 != 0;
    }

    function setCollateralBit(PoolTypes.State storage s, address user, uint256 id, address asset, bool on) internal {
        uint256 bit = 1 << (2 * id + 1);
        uint256 config = s.userConfig[user];
        s.userConfig[user] = on ? config | bit : config & ~bit;
        emit IFlashSwapPool.CollateralToggled(asset, user, on);
    }

    function setBorrowingBit(PoolTypes.State storage s, address user, uint256 id, bool on) internal {
        uint256 bit = 1 << (2 * id);
        uint256 config = s.userConfig[user];
        uint256 next = on ? config | bit : config & ~bit;
        if (next != config) s.userConfig[user] = next;
    }

    function listed(PoolTypes.State storage s, address asset) internal view returns (PoolTypes.Reserve storage r) {
        r = s.reserves[asset];
        if (r.fToken == address(0)) revert IFlashSwapPool.ReserveNotActive(asset);
    }

    function requireUnpaused(address asset, PoolTypes.Reserve storage r) internal view {
        if (!r.active) revert IFlashSwapPool.ReserveNotActive(asset);
        if (r.paused) revert IFlashSwapPool.ReservePaused(asset);
    }

    function requireOpen(address asset, PoolTypes.Reserve storage r) internal view {
        requireUnpaused(asset, r);
        if (r.frozen) revert IFlashSwapPool.ReserveFrozen(asset);
    }

    function onlyReserveGovernor(PoolTypes.State storage s, address asset) internal view returns (PoolTypes.Reserve storage r) {
        r = listed(s, asset);
        if (msg.sender != s.reserveGovernor || msg.sender == address(0)) revert PoolErrors.NotReserveGovernor(asset, msg.sender);
    }

    function probeTransfers(address asset, uint256 probe) internal {
        IERC20 token = IERC20(asset);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), probe);
        uint256 got = token.balanceOf(address(this)) - before;
        if (got != probe) revert PoolErrors.FeeOnTransferRefused(asset, probe, got);
        token.safeTransfer(msg.sender, probe);
        uint256 left = before + probe - token.balanceOf(address(this));
        if (left != probe) revert PoolErrors.FeeOnTransferRefused(asset, probe, left);
    }}
