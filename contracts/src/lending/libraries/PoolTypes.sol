// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title The lending pool's storage records, packed so that each is read in as few slots as possible.
library PoolTypes {
    /// @notice All of the pool's state, one struct so that the external logic libraries can work on it.
    struct State {
        mapping(address asset => Reserve) reserves;
        mapping(address asset => PackedParams) params;
        mapping(address asset => mapping(address user => UserDebt)) debts;
        /// @dev Bit 2i: the user borrows reserve i; bit 2i+1: reserve i is the user's collateral.
        mapping(address user => uint256) userConfig;
        mapping(address asset => DecisionBounds) bounds;
        address[] reservesList;
        IPriceOracle oracle;
        address treasury;
        /// @dev The one contract (the ReserveGovernor) that executes every reserve's fToken-holder decisions.
        address reserveGovernor;
    }

    /// @notice A reserve's hot state: six slots. Indexes and amounts fit 128 bits (an index reaches 2^128 only
    /// after a factor of 3.4e11 of growth; amounts are capped by the pool at 2^128 − 1 by the uint128 casts' checks).
    struct Reserve {
        // slot 0: read by every accrual
        uint128 liquidityIndex; // ray
        uint128 variableBorrowIndex; // ray
        // slot 1: rays per year, written by every rate update
        uint128 liquidityRate;
        uint128 variableRate;
        // slot 2
        uint128 stableRate; // what a new stable borrow gets
        uint128 averageStableRate; // the paper's Rs(t)
        // slot 3
        uint128 totalScaledVariableDebt;
        uint128 totalStableDebt; // principal plus interest to lastUpdate, compounded at averageStableRate
        // slot 4
        uint128 cash; // underlying the pool holds for this reserve, tracked internally (a donation changes nothing)
        uint128 accruedToTreasury; // scaled fToken units owed to the treasury, minted by mintToTreasury
        // slot 5
        address fToken;
        uint40 lastUpdate;
        uint8 id;
        uint8 decimals;
        bool active;
        bool frozen;
        bool paused;
    }

    /// @notice `IFlashSwapPool.ReserveParams` in four slots; the first holds everything a health factor, a
    /// liquidation or a flash loan reads.
    struct PackedParams {
        // slot 0
        uint16 reserveFactorBps;
        uint16 ltvBps;
        uint16 liquidationThresholdBps;
        uint16 liquidationBonusBps;
        uint16 liquidationProtocolShareBps;
        uint16 flashLoanFeeBps;
        uint16 flashLoanProtocolShareBps;
        uint16 maxStableShareBps;
        uint96 optimalUtilizationRay;
        // slot 1
        uint96 baseVariableRateRay;
        uint96 variableSlope1Ray;
        // slot 2
        uint96 variableSlope2Ray;
        uint96 baseStableRateRay;
        // slot 3
        uint96 stableSlope1Ray;
        uint96 stableSlope2Ray;
    }

    /// @notice One user's debt in one reserve: the variable part and the stable principal share slot 0.
    struct UserDebt {
        uint128 scaledVariable;
        uint128 stablePrincipal; // principal plus interest to stableTimestamp
        uint96 stableRate; // ray per year, fixed at borrow time (weighted on top-ups)
        uint40 stableTimestamp;
    }

    /// @notice The range within which a reserve's own governor may set its optimal utilisation and flash fee.
    struct DecisionBounds {
        uint96 minOptimalUtilizationRay;
        uint96 maxOptimalUtilizationRay;
        uint16 maxFlashLoanFeeBps;
    }

    /// @notice A user's totals in WAD base units: Σ value, Σ debt, Σ value·LTV (bps), Σ value·LT (bps).
    struct Account {
        uint256 collateral;
        uint256 debt;
        uint256 ltvSum;
        uint256 ltSum;
    }

    /// @notice A liquidation's working figures (in memory to keep the stack small).
    struct Quote {
        uint256 totalDebt; // the borrower's debt in the debt asset
        uint256 balance; // the borrower's collateral in the collateral asset
        uint256 debtSide; // debtPrice · collUnit · bonus
        uint256 collSide; // collPrice · debtUnit · BPS
        uint256 collDust; // collateral units worth DUST_BASE
    }

    /// @notice A liquidation's sizing.
    struct Liquidation {
        uint256 debt; // debt asset units repaid
        uint256 seize; // collateral asset units seized (bonus and protocol fee included)
        uint256 scaledCollateral; // the borrower's scaled collateral before
        uint256 collateralIndex;
    }
}
