// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {FToken} from "../FToken.sol";
import {RayMath} from "./RayMath.sol";
import {PoolTypes} from "./PoolTypes.sol";
import {PoolErrors} from "./PoolErrors.sol";
import {PoolLogic} from "./PoolLogic.sol";

/// @title Liquidations of the lending pool (an external library: the pool delegate-calls it, so it runs on the
/// pool's storage and keeps the pool's bytecode under EIP-170).
/// @notice Below HF 1 anyone but the borrower repays up to the close factor of the borrower's debt in one asset
/// (50 %; 100 % below `FULL_CLOSE_HF` or when the rest would be worth less than `DUST_BASE`) and seizes collateral
/// worth the repaid debt × the collateral's bonus, the protocol's share of the bonus going to the treasury as
/// fTokens. Collateral left worth less than `DUST_BASE` is seized whole when the liquidator covers it.
library LiquidationLogic {
    using RayMath for uint256;
    using SafeERC20 for IERC20;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;

    /// @notice Self-liquidation is forbidden (`SelfLiquidation`); variable debt is repaid before stable debt.
    function liquidate(PoolTypes.State storage s, address collateralAsset, address debtAsset, address borrower, uint256 debtToCover, bool receiveFToken)
        external
        returns (uint256 debtRepaid, uint256 collateralSeized)
    {
        if (borrower == msg.sender) revert PoolErrors.SelfLiquidation(borrower);
        if (debtToCover == 0) revert PoolErrors.ZeroAmount();
        uint256 hf = _prepareLiquidation(s, collateralAsset, debtAsset, borrower);
        PoolTypes.Liquidation memory l = _sizeLiquidation(s, collateralAsset, debtAsset, borrower, debtToCover, hf);
        uint256 protocolFee = _seize(s, collateralAsset, borrower, l, receiveFToken);
        _repayLiquidatedDebt(s, debtAsset, borrower, l.debt);
        if (collateralAsset != debtAsset) PoolLogic.updateRates(collateralAsset, s.reserves[collateralAsset], s.params[collateralAsset]);
        if (!receiveFToken) IERC20(collateralAsset).safeTransfer(msg.sender, l.seize - protocolFee);
        emit IFlashSwapPool.Liquidation(collateralAsset, debtAsset, borrower, l.debt, l.seize, protocolFee, msg.sender, receiveFToken);
        return (l.debt, l.seize);
    }

    /// @dev Accrues both reserves and answers the borrower's health factor, which must be below 1.
    function _prepareLiquidation(PoolTypes.State storage s, address collateralAsset, address debtAsset, address borrower)
        internal
        returns (uint256 hf)
    {
        PoolTypes.Reserve storage cr = s.reserves[collateralAsset];
        PoolTypes.Reserve storage dr = s.reserves[debtAsset];
        PoolLogic.requireUnpaused(collateralAsset, cr);
        PoolLogic.requireUnpaused(debtAsset, dr);
        PoolLogic.updateState(cr, s.params[collateralAsset]);
        PoolLogic.updateState(dr, s.params[debtAsset]);
        if (!PoolLogic.isCollateral(s.userConfig[borrower], cr.id)) revert PoolErrors.CollateralNotEnabled(collateralAsset, borrower);
        hf = PoolLogic.healthFactorOf(PoolLogic.account(s, borrower));
        if (hf >= WAD) revert IFlashSwapPool.HealthFactorNotBelowOne(hf);
    }

    /// @dev The debt to repay and collateral to seize: up to the close factor (100 % below PoolErrors.FULL_CLOSE_HF or when
    /// the rest would be dust), collateral worth debt × bonus (rounded down), capped at the borrower's collateral
    /// (then the debt is what that collateral covers, rounded up); remaining collateral that would be dust is seized
    /// whole when the liquidator's `debtToCover` pays for it.
    function _sizeLiquidation(
        PoolTypes.State storage s,
        address collateralAsset,
        address debtAsset,
        address borrower,
        uint256 debtToCover,
        uint256 hf
    ) internal view returns (PoolTypes.Liquidation memory l) {
        PoolTypes.Reserve storage cr = s.reserves[collateralAsset];
        PoolTypes.Reserve storage dr = s.reserves[debtAsset];
        PoolTypes.UserDebt storage d = s.debts[debtAsset][borrower];
        PoolTypes.Quote memory q;
        q.totalDebt = uint256(d.scaledVariable).rayMulUp(dr.variableBorrowIndex) + PoolLogic.stableDebtNow(d);
        if (q.totalDebt == 0) revert PoolErrors.NoDebt(debtAsset, borrower, IFlashSwapPool.RateMode.NONE);
        l.scaledCollateral = FToken(cr.fToken).scaledBalanceOf(borrower);
        l.collateralIndex = cr.liquidityIndex;
        q.balance = l.scaledCollateral.rayMulDown(l.collateralIndex);
        // debt → collateral: × debtPrice · collUnit · bonus / (collPrice · debtUnit · BPS)
        q.debtSide = s.oracle.getAssetPrice(debtAsset);
        q.collSide = s.oracle.getAssetPrice(collateralAsset);
        uint256 debtUnit = 10 ** uint256(dr.decimals);
        uint256 collUnit = 10 ** uint256(cr.decimals);
        uint256 maxDebt = hf < PoolErrors.FULL_CLOSE_HF ? q.totalDebt : q.totalDebt * PoolErrors.DEFAULT_CLOSE_FACTOR_BPS / BPS;
        if ((q.totalDebt - maxDebt).mulDivDown(q.debtSide, debtUnit) < PoolErrors.DUST_BASE) maxDebt = q.totalDebt;
        l.debt = debtToCover < maxDebt ? debtToCover : maxDebt;
        {
            // repay whole scaled units of variable debt, so the collateral seized pays for debt actually removed
            uint256 index = dr.variableBorrowIndex;
            if (l.debt < uint256(d.scaledVariable).rayMulUp(index)) l.debt = l.debt.rayDivDown(index).rayMulUp(index);
        }
        q.collDust = PoolErrors.DUST_BASE.mulDivUp(collUnit, q.collSide); // collateral units worth PoolErrors.DUST_BASE
        q.collSide = q.collSide * debtUnit * BPS;
        q.debtSide = q.debtSide * collUnit * s.params[collateralAsset].liquidationBonusBps;
        l.seize = l.debt.mulDivDown(q.debtSide, q.collSide); // rounded down
        if (l.seize >= q.balance || q.balance - l.seize < q.collDust) {
            // what the whole collateral pays off, rounded up
            uint256 needed = q.balance.mulDivUp(q.collSide, q.debtSide);
            uint256 cap = debtToCover < q.totalDebt ? debtToCover : q.totalDebt;
            if (l.seize >= q.balance || needed <= cap) {
                l.seize = q.balance;
                l.debt = needed < cap ? needed : cap;
            }
        }
        if (l.debt == 0 || l.seize == 0) revert PoolErrors.ZeroAmount();
    }

    /// @dev Moves the seized collateral: the protocol's share of the bonus to the treasury as fTokens, the rest to
    /// the liquidator as fTokens or burnt for underlying (sent by the caller). Answers the protocol fee.
    function _seize(PoolTypes.State storage s, address asset, address borrower, PoolTypes.Liquidation memory l, bool receiveFToken)
        internal
        returns (uint256 protocolFee)
    {
        PoolTypes.Reserve storage cr = s.reserves[asset];
        {
            PoolTypes.PackedParams storage cp = s.params[asset];
            uint256 bonusPart = l.seize - l.seize * BPS / cp.liquidationBonusBps; // rounded up
            // rounded up: the treasury's share, not the liquidator's, takes the odd unit (splitting a liquidation into
            // many pieces must not earn the liquidator a unit per piece; PoolLiquidationGriefing.t.sol)
            protocolFee = (bonusPart * cp.liquidationProtocolShareBps + BPS - 1) / BPS;
        }
        uint256 scaledSeize = l.seize.rayDivUp(l.collateralIndex);
        if (scaledSeize > l.scaledCollateral) scaledSeize = l.scaledCollateral;
        uint256 scaledFee = protocolFee.rayDivDown(l.collateralIndex);
        FToken f = FToken(cr.fToken);
        if (scaledFee != 0) f.transferOnLiquidation(borrower, s.treasury, scaledFee);
        if (receiveFToken) {
            uint256 before = f.transferOnLiquidation(borrower, msg.sender, scaledSeize - scaledFee);
            if (before == 0 && s.params[asset].liquidationThresholdBps != 0) {
                PoolLogic.setCollateralBit(s, msg.sender, cr.id, asset, true);
            }
        } else {
            uint256 out = l.seize - protocolFee;
            if (out > cr.cash) revert PoolErrors.InsufficientLiquidity(asset, out, cr.cash);
            f.burn(borrower, scaledSeize - scaledFee);
            cr.cash -= SafeCast.toUint128(out);
        }
        if (scaledSeize == l.scaledCollateral) PoolLogic.setCollateralBit(s, borrower, cr.id, asset, false);
    }

    function _repayLiquidatedDebt(PoolTypes.State storage s, address asset, address borrower, uint256 amount) internal {
        PoolTypes.Reserve storage dr = s.reserves[asset];
        PoolTypes.UserDebt storage d = s.debts[asset][borrower];
        uint256 paid = PoolLogic.repayVariable(dr, d, amount);
        if (paid < amount) PoolLogic.repayStable(dr, d, amount - paid);
        if (d.scaledVariable == 0 && d.stablePrincipal == 0) PoolLogic.setBorrowingBit(s, borrower, dr.id, false);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        dr.cash += SafeCast.toUint128(amount);
        PoolLogic.updateRates(asset, dr, s.params[asset]);
    }
}
