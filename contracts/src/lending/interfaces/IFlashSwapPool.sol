// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The FlashSwap lending pool: reserves of WETH and listed ERC-20s, fTokens, variable and stable borrows,
/// health factors, liquidations and ERC-3156 flash loans (DESIGN.md, "The FlashSwap lending pool").
/// @notice Amounts are in the asset's smallest unit; rates and indexes are rays (1e27) per second; prices come from
/// the pool's IPriceOracle in WAD (1e18) base-currency units per whole token; health factors are WADs.
interface IFlashSwapPool {
    enum RateMode {
        NONE,
        STABLE,
        VARIABLE
    }

    /// @notice One reserve's parameters, set by protocol governance (the timelock) within hard limits.
    struct ReserveParams {
        uint256 optimalUtilizationRay; // U_opt
        uint256 baseVariableRateRay; // Rv0, per year
        uint256 variableSlope1Ray; // Rs1 (the paper's name), per year
        uint256 variableSlope2Ray; // Rs2, per year
        uint256 baseStableRateRay; // per year
        uint256 stableSlope1Ray; // per year
        uint256 stableSlope2Ray; // per year
        uint16 reserveFactorBps; // protocol share of interest
        uint16 ltvBps; // how much of the collateral's value may be borrowed against
        uint16 liquidationThresholdBps; // the HF weight
        uint16 liquidationBonusBps; // e.g. 10500 = 5 % bonus
        uint16 liquidationProtocolShareBps; // share of the bonus to the treasury
        uint16 flashLoanFeeBps;
        uint16 flashLoanProtocolShareBps; // share of the flash fee to the treasury
        uint16 maxStableShareBps; // a stable borrow may take at most this share of the available liquidity
    }

    /// @notice A reserve's state as the engine follows it.
    struct ReserveData {
        address fToken;
        uint8 decimals;
        bool active;
        bool frozen; // no new deposits or borrows; repay, redeem and liquidations go on
        bool paused; // nothing moves
        uint256 liquidityIndexRay;
        uint256 variableBorrowIndexRay;
        uint256 currentLiquidityRateRay; // per year
        uint256 currentVariableRateRay; // per year
        uint256 averageStableRateRay; // per year, Rs(t)
        uint256 totalScaledVariableDebt;
        uint256 totalStableDebt; // principal plus interest accrued to lastUpdate
        uint256 cash; // underlying held by the pool
        uint256 accruedToTreasury; // in scaled fToken units
        uint40 lastUpdate;
    }

    event ReserveListed(address indexed asset, address indexed fToken, uint8 decimals);
    event ReserveParamsSet(address indexed asset, ReserveParams params);
    event ReserveStatusSet(address indexed asset, bool active, bool frozen, bool paused);
    event Deposit(address indexed asset, address indexed caller, address indexed onBehalfOf, uint256 amount);
    event Redeem(address indexed asset, address indexed owner, address indexed to, uint256 amount);
    event Borrow(address indexed asset, address indexed borrower, uint256 amount, RateMode mode, uint256 rateRay);
    event Repay(address indexed asset, address indexed borrower, address indexed payer, uint256 amount, RateMode mode);
    event RateModeSwapped(address indexed asset, address indexed borrower, RateMode to);
    event StableRateRebalanced(address indexed asset, address indexed borrower, uint256 newRateRay);
    event Liquidation(address indexed collateralAsset, address indexed debtAsset, address indexed borrower, uint256 debtRepaid,
        uint256 collateralSeized, uint256 protocolFee, address liquidator, bool receiveFToken);
    event FlashLoan(address indexed receiver, address indexed initiator, address indexed asset, uint256 amount, uint256 fee,
        uint256 protocolFee);
    event ReserveDataUpdated(address indexed asset, uint256 liquidityRateRay, uint256 variableRateRay, uint256 averageStableRateRay,
        uint256 liquidityIndexRay, uint256 variableBorrowIndexRay);
    event CollateralToggled(address indexed asset, address indexed user, bool enabled);

    error HealthFactorTooLow(uint256 healthFactorWad);
    error HealthFactorNotBelowOne(uint256 healthFactorWad);
    error ReserveNotActive(address asset);
    error ReserveFrozen(address asset);
    error ReservePaused(address asset);

    function deposit(address asset, uint256 amount, address onBehalfOf) external;
    /// @notice type(uint256).max redeems everything.
    function redeem(address asset, uint256 amount, address to) external returns (uint256 redeemed);
    function borrow(address asset, uint256 amount, RateMode mode) external;
    /// @notice type(uint256).max repays the whole debt of that mode.
    function repay(address asset, uint256 amount, RateMode mode, address onBehalfOf) external returns (uint256 repaid);
    function setCollateral(address asset, bool enabled) external;
    function liquidate(address collateralAsset, address debtAsset, address borrower, uint256 debtToCover, bool receiveFToken)
        external
        returns (uint256 debtRepaid, uint256 collateralSeized);

    /// @return healthFactorWad type(uint256).max without debt
    function healthFactor(address user) external view returns (uint256 healthFactorWad);
    function accountData(address user)
        external
        view
        returns (uint256 collateralBase, uint256 debtBase, uint256 availableBorrowsBase, uint256 weightedThresholdBps, uint256 healthFactorWad);
    function reserveData(address asset) external view returns (ReserveData memory);
    function reserveParams(address asset) external view returns (ReserveParams memory);
    function reservesList() external view returns (address[] memory);
    function variableDebtOf(address asset, address user) external view returns (uint256);
    function stableDebtOf(address asset, address user) external view returns (uint256 debt, uint256 rateRay);
    function depositOf(address asset, address user) external view returns (uint256);
}
