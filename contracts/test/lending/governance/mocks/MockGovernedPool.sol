// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IFlashSwapPool} from "../../../../src/lending/interfaces/IFlashSwapPool.sol";
import {IReserveGovernance} from "../../../../src/lending/interfaces/IReserveGovernance.sol";

/// @title A stand-in for FlashSwapPool's governed surface: owner-only protocol setters and the reserve-governor hook.
/// @dev Only what governance touches; the real pool's setter names may differ (see the governance README).
contract MockGovernedPool is Ownable, IReserveGovernance {
    uint256 public constant RAY = 1e27;
    /// @notice The pool's hard limit on any flash-loan fee, which no bound may exceed.
    uint16 public constant MAX_FLASH_FEE_BPS = 100;

    struct Bounds {
        uint256 minUoptRay;
        uint256 maxUoptRay;
        uint16 maxFlashFeeBps;
    }

    mapping(address asset => IFlashSwapPool.ReserveData) private _data;
    mapping(address asset => IFlashSwapPool.ReserveParams) private _params;
    mapping(address asset => Bounds) private _bounds;
    address[] private _reserves;
    address public oracle;
    address public reserveGovernor;

    event OracleSet(address oracle);

    error AlreadyListed(address asset);
    error NotListed(address asset);

    constructor(address owner_) Ownable(owner_) {}

    // ---------------------------------------------------------------- protocol governance (owner)

    function listReserve(address asset, address fToken, uint8 decimals, IFlashSwapPool.ReserveParams calldata params)
        external
        onlyOwner
    {
        if (_data[asset].fToken != address(0)) revert AlreadyListed(asset);
        _data[asset].fToken = fToken;
        _data[asset].decimals = decimals;
        _data[asset].active = true;
        _params[asset] = params;
        _reserves.push(asset);
        emit IFlashSwapPool.ReserveListed(asset, fToken, decimals);
        emit IFlashSwapPool.ReserveParamsSet(asset, params);
    }

    function setReserveParams(address asset, IFlashSwapPool.ReserveParams calldata params) external onlyOwner {
        if (_data[asset].fToken == address(0)) revert NotListed(asset);
        _params[asset] = params;
        emit IFlashSwapPool.ReserveParamsSet(asset, params);
    }

    function setOracle(address newOracle) external onlyOwner {
        oracle = newOracle;
        emit OracleSet(newOracle);
    }

    function setPoolDecisionBounds(address asset, uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps)
        external
        onlyOwner
    {
        bool disable = minUoptRay == 0 && maxUoptRay == 0 && maxFlashFeeBps == 0;
        if (
            !disable
                && (minUoptRay == 0
                    || minUoptRay > maxUoptRay
                    || maxUoptRay >= RAY
                    || maxFlashFeeBps > MAX_FLASH_FEE_BPS)
        ) {
            revert InvalidPoolDecisionBounds(minUoptRay, maxUoptRay, maxFlashFeeBps);
        }
        _bounds[asset] = Bounds(minUoptRay, maxUoptRay, maxFlashFeeBps);
        emit PoolDecisionBoundsSet(asset, minUoptRay, maxUoptRay, maxFlashFeeBps);
    }

    function setReserveGovernor(address newReserveGovernor) external onlyOwner {
        emit ReserveGovernorSet(reserveGovernor, newReserveGovernor);
        reserveGovernor = newReserveGovernor;
    }

    // ---------------------------------------------------------------- pool-level governance

    function setPoolDecision(address asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps) external {
        if (msg.sender != reserveGovernor) revert NotReserveGovernor(msg.sender);
        Bounds memory b = _bounds[asset];
        if (
            b.maxUoptRay == 0 || optimalUtilizationRay < b.minUoptRay || optimalUtilizationRay > b.maxUoptRay
                || flashLoanFeeBps > b.maxFlashFeeBps
        ) {
            revert PoolDecisionOutOfBounds(
                asset, optimalUtilizationRay, flashLoanFeeBps, b.minUoptRay, b.maxUoptRay, b.maxFlashFeeBps
            );
        }
        _params[asset].optimalUtilizationRay = optimalUtilizationRay;
        _params[asset].flashLoanFeeBps = flashLoanFeeBps;
        emit PoolDecisionSet(asset, optimalUtilizationRay, flashLoanFeeBps);
        emit IFlashSwapPool.ReserveParamsSet(asset, _params[asset]);
    }

    // ---------------------------------------------------------------- views

    function poolDecisionBounds(address asset) external view returns (uint256, uint256, uint16) {
        Bounds memory b = _bounds[asset];
        return (b.minUoptRay, b.maxUoptRay, b.maxFlashFeeBps);
    }

    function reserveData(address asset) external view returns (IFlashSwapPool.ReserveData memory) {
        return _data[asset];
    }

    function reserveParams(address asset) external view returns (IFlashSwapPool.ReserveParams memory) {
        return _params[asset];
    }

    function reservesList() external view returns (address[] memory) {
        return _reserves;
    }
}
