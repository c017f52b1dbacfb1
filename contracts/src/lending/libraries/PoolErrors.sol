// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFlashSwapPool} from "../interfaces/IFlashSwapPool.sol";

/// @title The pool's errors beyond `IFlashSwapPool`'s, its governance events, and the liquidation constants.
library PoolErrors {
    /// @notice Below this health factor a liquidation may close the whole debt (above it, half).
    uint256 internal constant FULL_CLOSE_HF = 0.95e18;
    /// @notice The close factor above FULL_CLOSE_HF (50 %).
    uint256 internal constant DEFAULT_CLOSE_FACTOR_BPS = 5_000;
    /// @notice A debt or collateral position worth less than this (WAD base units: 10 USD when the oracle's base is
    /// USD) is dust: a liquidation may clear it whole, so nothing is left that does not pay to liquidate.
    uint256 internal constant DUST_BASE = 10e18;
    /// @notice A stable rate may be lowered to the current stable rate once the supply rate is this far below it.
    uint256 internal constant REBALANCE_DOWN_SPREAD_RAY = 0.1e27;

    event OracleSet(address indexed oracle);
    event TreasurySet(address indexed treasury);
    event PoolDecisionBoundsSet(address indexed asset, uint256 minOptimalUtilizationRay, uint256 maxOptimalUtilizationRay,
        uint16 maxFlashLoanFeeBps);
    event TreasuryMinted(address indexed asset, uint256 scaled);

    error ZeroAmount();
    error ZeroAddress();
    error InvalidRateMode(IFlashSwapPool.RateMode mode);
    error InsufficientLiquidity(address asset, uint256 requested, uint256 available);
    error InsufficientBalance(address asset, uint256 requested, uint256 available);
    error NoDebt(address asset, address user, IFlashSwapPool.RateMode mode);
    error BorrowExceedsLtv(uint256 debtBase, uint256 borrowableBase);
    error StableBorrowTooLarge(uint256 amount, uint256 maxAmount);
    error RebalanceNotAllowed(uint256 userRateRay, uint256 liquidityRateRay, uint256 stableRateRay);
    error SelfLiquidation(address borrower);
    error CollateralNotEnabled(address asset, address user);
    error CollateralNotAllowed(address asset);
    error NoDeposit(address asset, address user);
    error ReceiverNotContract(address receiver);
    error FlashLoanCallbackFailed(address receiver);
    error ReserveAlreadyListed(address asset);
    error NotAContract(address asset);
    error FeeOnTransferRefused(address asset, uint256 sent, uint256 received);
    error TooManyReserves(uint256 max);
    error NotReserveGovernor(address asset, address caller);
    error OutOfDecisionBounds(uint256 value, uint256 min, uint256 max);
    error NotFToken(address caller);
}
