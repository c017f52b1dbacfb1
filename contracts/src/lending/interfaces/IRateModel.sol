// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The kinked rate model of the FlashSwap paper, with the supply rate corrected (contracts/README.md).
/// @notice Rates are rays per year; utilisation is a ray.
interface IRateModel {
    struct Curve {
        uint256 optimalUtilizationRay;
        uint256 baseVariableRateRay;
        uint256 variableSlope1Ray;
        uint256 variableSlope2Ray;
        uint256 baseStableRateRay;
        uint256 stableSlope1Ray;
        uint256 stableSlope2Ray;
    }
}
