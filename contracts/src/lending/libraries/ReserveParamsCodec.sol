// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";
import {PoolTypes} from "./PoolTypes.sol";
import {RateModel} from "./RateModel.sol";

/// @title Checks a reserve's parameters against the pool's hard limits and packs them into `PoolTypes.PackedParams`.
library ReserveParamsCodec {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant BPS = 10_000;
    /// @notice No rate (base or slope) above 1000 % a year.
    uint256 internal constant MAX_RATE_RAY = 10e27;
    uint256 internal constant MAX_FLASH_FEE_BPS = 1_000;
    uint256 internal constant MAX_BONUS_BPS = 15_000;

    error InvalidReserveParam(string name, uint256 value);

    /// @notice Reverts with `InvalidReserveParam(name, value)` for the first field outside its limit:
    /// 0 < U_opt < 1; every rate ≤ 1000 %/year; reserve factor, protocol shares and stable share ≤ 100 %;
    /// LTV ≤ LT < 100 %; a collateral's bonus in [100 %, 150 %] with LT·bonus ≤ 100 % (so a liquidation can
    /// always pay its bonus out of the collateral); flash fee ≤ 10 %.
    function validate(IFlashSwapPool.ReserveParams calldata p) internal pure {
        if (p.optimalUtilizationRay == 0 || p.optimalUtilizationRay >= RAY) {
            revert InvalidReserveParam("optimalUtilizationRay", p.optimalUtilizationRay);
        }
        _rate("baseVariableRateRay", p.baseVariableRateRay);
        _rate("variableSlope1Ray", p.variableSlope1Ray);
        _rate("variableSlope2Ray", p.variableSlope2Ray);
        _rate("baseStableRateRay", p.baseStableRateRay);
        _rate("stableSlope1Ray", p.stableSlope1Ray);
        _rate("stableSlope2Ray", p.stableSlope2Ray);
        if (p.reserveFactorBps > BPS) revert InvalidReserveParam("reserveFactorBps", p.reserveFactorBps);
        if (p.liquidationThresholdBps >= BPS) {
            revert InvalidReserveParam("liquidationThresholdBps", p.liquidationThresholdBps);
        }
        if (p.ltvBps > p.liquidationThresholdBps) revert InvalidReserveParam("ltvBps", p.ltvBps);
        if (p.liquidationBonusBps < BPS || p.liquidationBonusBps > MAX_BONUS_BPS) {
            revert InvalidReserveParam("liquidationBonusBps", p.liquidationBonusBps);
        }
        if (uint256(p.liquidationThresholdBps) * p.liquidationBonusBps > BPS * BPS) {
            revert InvalidReserveParam("liquidationThresholdBps", p.liquidationThresholdBps);
        }
        if (p.liquidationProtocolShareBps > BPS) {
            revert InvalidReserveParam("liquidationProtocolShareBps", p.liquidationProtocolShareBps);
        }
        if (p.flashLoanFeeBps > MAX_FLASH_FEE_BPS) revert InvalidReserveParam("flashLoanFeeBps", p.flashLoanFeeBps);
        if (p.flashLoanProtocolShareBps > BPS) {
            revert InvalidReserveParam("flashLoanProtocolShareBps", p.flashLoanProtocolShareBps);
        }
        if (p.maxStableShareBps > BPS) revert InvalidReserveParam("maxStableShareBps", p.maxStableShareBps);
    }

    /// @notice Stores validated params (every rate fits 96 bits: 10e27 < 2^96).
    function store(PoolTypes.PackedParams storage s, IFlashSwapPool.ReserveParams calldata p) internal {
        s.reserveFactorBps = p.reserveFactorBps;
        s.ltvBps = p.ltvBps;
        s.liquidationThresholdBps = p.liquidationThresholdBps;
        s.liquidationBonusBps = p.liquidationBonusBps;
        s.liquidationProtocolShareBps = p.liquidationProtocolShareBps;
        s.flashLoanFeeBps = p.flashLoanFeeBps;
        s.flashLoanProtocolShareBps = p.flashLoanProtocolShareBps;
        s.maxStableShareBps = p.maxStableShareBps;
        s.optimalUtilizationRay = uint96(p.optimalUtilizationRay);
        s.baseVariableRateRay = uint96(p.baseVariableRateRay);
        s.variableSlope1Ray = uint96(p.variableSlope1Ray);
        s.variableSlope2Ray = uint96(p.variableSlope2Ray);
        s.baseStableRateRay = uint96(p.baseStableRateRay);
        s.stableSlope1Ray = uint96(p.stableSlope1Ray);
        s.stableSlope2Ray = uint96(p.stableSlope2Ray);
    }

    function load(PoolTypes.PackedParams storage s) internal view returns (IFlashSwapPool.ReserveParams memory p) {
        p.optimalUtilizationRay = s.optimalUtilizationRay;
        p.baseVariableRateRay = s.baseVariableRateRay;
        p.variableSlope1Ray = s.variableSlope1Ray;
        p.variableSlope2Ray = s.variableSlope2Ray;
        p.baseStableRateRay = s.baseStableRateRay;
        p.stableSlope1Ray = s.stableSlope1Ray;
        p.stableSlope2Ray = s.stableSlope2Ray;
        p.reserveFactorBps = s.reserveFactorBps;
        p.ltvBps = s.ltvBps;
        p.liquidationThresholdBps = s.liquidationThresholdBps;
        p.liquidationBonusBps = s.liquidationBonusBps;
        p.liquidationProtocolShareBps = s.liquidationProtocolShareBps;
        p.flashLoanFeeBps = s.flashLoanFeeBps;
        p.flashLoanProtocolShareBps = s.flashLoanProtocolShareBps;
        p.maxStableShareBps = s.maxStableShareBps;
    }

    function curve(PoolTypes.PackedParams storage s) internal view returns (RateModel.Curve memory c) {
        c.optimalUtilizationRay = s.optimalUtilizationRay;
        c.baseVariableRateRay = s.baseVariableRateRay;
        c.variableSlope1Ray = s.variableSlope1Ray;
        c.variableSlope2Ray = s.variableSlope2Ray;
        c.baseStableRateRay = s.baseStableRateRay;
        c.stableSlope1Ray = s.stableSlope1Ray;
        c.stableSlope2Ray = s.stableSlope2Ray;
    }

    function _rate(string memory name, uint256 value) private pure {
        if (value > MAX_RATE_RAY) revert InvalidReserveParam(name, value);
    }
}
