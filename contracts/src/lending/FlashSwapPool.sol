// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IReserveGovernance} from "./interfaces/IReserveGovernance.sol";
import {IFlashSwapPool} from "./interfaces/IFlashSwapPool.sol";
import {IPriceOracle} from "./interfaces/IPriceOracle.sol";
import {IERC3156FlashBorrower} from "../interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "../interfaces/IERC3156FlashLender.sol";
import {FToken, FTokenFactory, IFTokenPool} from "./FToken.sol";
import {RayMath} from "./libraries/RayMath.sol";
import {RateModel} from "./libraries/RateModel.sol";
import {ReserveParamsCodec} from "./libraries/ReserveParamsCodec.sol";
import {PoolTypes} from "./libraries/PoolTypes.sol";
import {PoolErrors} from "./libraries/PoolErrors.sol";
import {PoolLogic} from "./libraries/PoolLogic.sol";
import {LiquidationLogic} from "./libraries/LiquidationLogic.sol";
import {ConfigLogic} from "./libraries/ConfigLogic.sol";
import {StableLogic} from "./libraries/StableLogic.sol";

/// @title The FlashSwap lending pool: reserves, fTokens, variable and stable borrows, health factors, liquidations
/// and ERC-3156 flash loans (contracts/src/lending/README-core.md).
/// @notice Owned by protocol governance (the timelock; single-step Ownable, since only a passed proposal can move it); the reserve governor may move
/// that reserve's optimal utilisation and flash fee within bounds the owner sets. Every entry point is guarded by a
/// transient-storage reentrancy lock.
contract FlashSwapPool is IFlashSwapPool, IERC3156FlashLender, IFTokenPool, IReserveGovernance, Ownable, ReentrancyGuardTransient {
    using RayMath for uint256;
    using SafeERC20 for IERC20;
    using ReserveParamsCodec for PoolTypes.PackedParams;

    uint256 private constant RAY = 1e27;
    uint256 private constant WAD = 1e18;
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_RESERVES = 128;
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    FTokenFactory public immutable FTOKEN_FACTORY;

    PoolTypes.State internal s;

    constructor(address owner_, IPriceOracle oracle_, address treasury_, FTokenFactory factory) Ownable(owner_) {
        if (address(oracle_) == address(0) || treasury_ == address(0) || address(factory) == address(0)) {
            revert PoolErrors.ZeroAddress();
        }
        s.oracle = oracle_;
        s.treasury = treasury_;
        FTOKEN_FACTORY = factory;
        emit PoolErrors.OracleSet(address(oracle_));
        emit PoolErrors.TreasurySet(treasury_);
    }

    // ================================================================ governance

    /// @notice Lists `asset` with `params` and deploys its fToken.
    /// @dev Refuses a non-contract (`NotAContract`) and a token that does not move exactly what it is told: the
    /// caller (the timelock) must hold and approve `probeAmount(decimals)` (a hundredth of a whole token, at least
    /// 100 units); the pool pulls it, checks that its balance grew by exactly that, sends it back and checks that
    /// its balance fell by exactly that (`FeeOnTransferRefused(asset, sent, received)`). Rebasing tokens cannot be
    /// told apart by one transfer: do not list them.
    function listReserve(address asset, ReserveParams calldata params) external onlyOwner nonReentrant {
        ConfigLogic.listReserve(s, FTOKEN_FACTORY, asset, params);
    }

    /// @notice The probe a listing moves: a hundredth of a whole token, at least 100 units.
    function probeAmount(uint8 dec) external pure returns (uint256) {
        return ConfigLogic.probeAmount(dec);
    }

    function setReserveParams(address asset, ReserveParams calldata params) external onlyOwner nonReentrant {
        ConfigLogic.setReserveParams(s, asset, params);
    }

    /// @notice Activates/deactivates, freezes (no new deposits or borrows) and pauses (nothing moves) a reserve.
    function setReserveStatus(address asset, bool active, bool frozen, bool paused) external onlyOwner {
        PoolTypes.Reserve storage r = PoolLogic.listed(s, asset);
        r.active = active;
        r.frozen = frozen;
        r.paused = paused;
        emit ReserveStatusSet(asset, active, frozen, paused);
    }

    function setOracle(IPriceOracle oracle_) external onlyOwner {
        if (address(oracle_) == address(0)) revert PoolErrors.ZeroAddress();
        s.oracle = oracle_;
        emit PoolErrors.OracleSet(address(oracle_));
    }

    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert PoolErrors.ZeroAddress();
        s.treasury = treasury_;
        emit PoolErrors.TreasurySet(treasury_);
    }

    /// @inheritdoc IReserveGovernance
    function setReserveGovernor(address newReserveGovernor) external onlyOwner {
        emit IReserveGovernance.ReserveGovernorSet(s.reserveGovernor, newReserveGovernor);
        s.reserveGovernor = newReserveGovernor;
    }

    /// @inheritdoc IReserveGovernance
    function setPoolDecisionBounds(address asset, uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps)
        external
        onlyOwner
        nonReentrant
    {
        ConfigLogic.setPoolDecisionBounds(s, asset, minUoptRay, maxUoptRay, maxFlashFeeBps);
    }

    /// @inheritdoc IReserveGovernance
    function setPoolDecision(address asset, uint256 optimalUtilizationRay, uint16 flashLoanFeeBps) external nonReentrant {
        ConfigLogic.setPoolDecision(s, asset, optimalUtilizationRay, flashLoanFeeBps);
    }

    /// @notice Mints the interest and fees owed to the treasury as fTokens (anyone may call).
    function mintToTreasury(address[] calldata assets) external nonReentrant {
        ConfigLogic.mintToTreasury(s, assets);
    }

    // ================================================================ deposits

    /// @inheritdoc IFlashSwapPool
    function deposit(address asset, uint256 amount, address onBehalfOf) external nonReentrant {
        if (amount == 0) revert PoolErrors.ZeroAmount();
        if (onBehalfOf == address(0)) revert PoolErrors.ZeroAddress();
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireOpen(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        uint256 scaled = amount.rayDivDown(r.liquidityIndex); // the depositor's claim rounds down
        if (scaled == 0) revert PoolErrors.ZeroAmount();
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        r.cash += SafeCast.toUint128(amount);
        uint256 before = FToken(r.fToken).mint(onBehalfOf, scaled);
        if (before == 0 && p.liquidationThresholdBps != 0) PoolLogic.setCollateralBit(s, onBehalfOf, r.id, asset, true);
        PoolLogic.updateRates(asset, r, p);
        emit Deposit(asset, msg.sender, onBehalfOf, amount);
    }

    /// @inheritdoc IFlashSwapPool
    function redeem(address asset, uint256 amount, address to) external nonReentrant returns (uint256 redeemed) {
        if (amount == 0) revert PoolErrors.ZeroAmount();
        if (to == address(0)) revert PoolErrors.ZeroAddress();
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireUnpaused(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        FToken f = FToken(r.fToken);
        uint256 index = r.liquidityIndex;
        uint256 scaledBalance = f.scaledBalanceOf(msg.sender);
        uint256 balance = scaledBalance.rayMulDown(index);
        uint256 scaled;
        if (amount == type(uint256).max || amount == balance) {
            (redeemed, scaled) = (balance, scaledBalance);
        } else {
            scaled = amount.rayDivUp(index); // the burn rounds up: a 1-wei redeem costs a whole scaled unit
            if (scaled > scaledBalance) revert PoolErrors.InsufficientBalance(asset, amount, balance);
            redeemed = amount;
        }
        if (redeemed == 0) revert PoolErrors.ZeroAmount();
        if (redeemed > r.cash) revert PoolErrors.InsufficientLiquidity(asset, redeemed, r.cash);
        f.burn(msg.sender, scaled);
        unchecked {
            r.cash -= SafeCast.toUint128(redeemed);
        }
        uint256 config = s.userConfig[msg.sender];
        if (PoolLogic.isCollateral(config, r.id)) {
            if (scaled == scaledBalance) PoolLogic.setCollateralBit(s, msg.sender, r.id, asset, false);
            if (PoolLogic.hasDebt(config)) PoolLogic.requireHealthy(s, msg.sender);
        }
        PoolLogic.updateRates(asset, r, p);
        IERC20(asset).safeTransfer(to, redeemed);
        emit Redeem(asset, msg.sender, to, redeemed);
    }

    /// @inheritdoc IFlashSwapPool
    function setCollateral(address asset, bool enabled) external nonReentrant {
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireUnpaused(asset, r);
        uint256 config = s.userConfig[msg.sender];
        if (PoolLogic.isCollateral(config, r.id) == enabled) return;
        if (enabled) {
            if (s.params[asset].liquidationThresholdBps == 0) revert PoolErrors.CollateralNotAllowed(asset);
            if (FToken(r.fToken).scaledBalanceOf(msg.sender) == 0) revert PoolErrors.NoDeposit(asset, msg.sender);
            PoolLogic.setCollateralBit(s, msg.sender, r.id, asset, true);
        } else {
            PoolLogic.setCollateralBit(s, msg.sender, r.id, asset, false);
            if (PoolLogic.hasDebt(config)) PoolLogic.requireHealthy(s, msg.sender);
        }
    }

    // ================================================================ borrows

    /// @inheritdoc IFlashSwapPool
    function borrow(address asset, uint256 amount, RateMode mode) external nonReentrant {
        if (amount == 0) revert PoolErrors.ZeroAmount();
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireOpen(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        uint256 cash = r.cash;
        if (amount > cash) revert PoolErrors.InsufficientLiquidity(asset, amount, cash);
        PoolTypes.UserDebt storage d = s.debts[asset][msg.sender];
        uint256 rate;
        if (mode == RateMode.VARIABLE) {
            uint256 scaled = amount.rayDivUp(r.variableBorrowIndex); // debt rounds up
            d.scaledVariable += SafeCast.toUint128(scaled);
            r.totalScaledVariableDebt += SafeCast.toUint128(scaled);
            rate = r.variableRate;
        } else if (mode == RateMode.STABLE) {
            uint256 maxStable = cash * p.maxStableShareBps / BPS;
            if (amount > maxStable) revert PoolErrors.StableBorrowTooLarge(amount, maxStable);
            rate = r.stableRate;
            PoolLogic.addStable(r, d, amount, rate);
        } else {
            revert PoolErrors.InvalidRateMode(mode);
        }
        r.cash = SafeCast.toUint128(cash - amount);
        PoolLogic.setBorrowingBit(s, msg.sender, r.id, true);
        PoolLogic.requireBorrowable(s, msg.sender);
        PoolLogic.updateRates(asset, r, p);
        IERC20(asset).safeTransfer(msg.sender, amount);
        emit Borrow(asset, msg.sender, amount, mode, rate);
    }

    /// @inheritdoc IFlashSwapPool
    function repay(address asset, uint256 amount, RateMode mode, address onBehalfOf)
        external
        nonReentrant
        returns (uint256 repaid)
    {
        if (amount == 0) revert PoolErrors.ZeroAmount();
        PoolTypes.Reserve storage r = s.reserves[asset];
        PoolLogic.requireUnpaused(asset, r);
        PoolTypes.PackedParams storage p = s.params[asset];
        PoolLogic.updateState(r, p);
        PoolTypes.UserDebt storage d = s.debts[asset][onBehalfOf];
        if (mode == RateMode.VARIABLE) {
            repaid = PoolLogic.repayVariable(r, d, amount);
        } else if (mode == RateMode.STABLE) {
            repaid = PoolLogic.repayStable(r, d, amount);
        } else {
            revert PoolErrors.InvalidRateMode(mode);
        }
        if (repaid == 0) revert PoolErrors.NoDebt(asset, onBehalfOf, mode);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), repaid);
        r.cash += SafeCast.toUint128(repaid);
        if (d.scaledVariable == 0 && d.stablePrincipal == 0) PoolLogic.setBorrowingBit(s, onBehalfOf, r.id, false);
        PoolLogic.updateRates(asset, r, p);
        emit Repay(asset, onBehalfOf, msg.sender, repaid, mode);
    }

    /// @notice Moves the caller's whole debt of `asset` from `current` to the other rate mode (to stable: within the
    /// stable cap, not while frozen).
    function swapRateMode(address asset, RateMode current) external nonReentrant {
        StableLogic.swapRateMode(s, asset, current);
    }

    /// @notice Resets `user`'s stable rate to the reserve's current stable rate; anyone may call it when
    /// (up) the user's rate is below the supply rate (depositors would earn more than this borrower pays), or
    /// (down) the supply rate has fallen more than `PoolErrors.REBALANCE_DOWN_SPREAD_RAY` below the user's rate and the current
    /// stable rate is lower than the user's (the market moved down by more than the spread).
    function rebalanceStableRate(address asset, address user) external nonReentrant {
        StableLogic.rebalanceStableRate(s, asset, user);
    }

    // ================================================================ liquidation

    /// @inheritdoc IFlashSwapPool
    /// @dev Self-liquidation is forbidden (`SelfLiquidation`); see `LiquidationLogic`.
    function liquidate(address collateralAsset, address debtAsset, address borrower, uint256 debtToCover, bool receiveFToken)
        external
        nonReentrant
        returns (uint256 debtRepaid, uint256 collateralSeized)
    {
        return LiquidationLogic.liquidate(s, collateralAsset, debtAsset, borrower, debtToCover, receiveFToken);
    }

    // ================================================================ flash loans

    /// @inheritdoc IERC3156FlashLender
    function maxFlashLoan(address token) external view returns (uint256) {
        PoolTypes.Reserve storage r = s.reserves[token];
        if (!r.active || r.paused) return 0;
        return r.cash;
    }

    /// @inheritdoc IERC3156FlashLender
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        if (!s.reserves[token].active) revert ReserveNotActive(token);
        return amount.mulDivUp(s.params[token].flashLoanFeeBps, BPS); // rounded up
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev The fee minus the protocol share (rounded down) lifts the liquidity index, so it accrues to depositors
    /// (and to the treasury's accrued units, which share it); the protocol share accrues to the treasury.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        nonReentrant
        returns (bool)
    {
        if (address(receiver).code.length == 0) revert PoolErrors.ReceiverNotContract(address(receiver));
        if (amount == 0) revert PoolErrors.ZeroAmount();
        PoolTypes.Reserve storage r = s.reserves[token];
        PoolLogic.requireUnpaused(token, r);
        PoolTypes.PackedParams storage p = s.params[token];
        uint256 cash = r.cash;
        if (amount > cash) revert PoolErrors.InsufficientLiquidity(token, amount, cash);
        uint256 fee = amount.mulDivUp(p.flashLoanFeeBps, BPS);
        IERC20(token).safeTransfer(address(receiver), amount);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != CALLBACK_SUCCESS) {
            revert PoolErrors.FlashLoanCallbackFailed(address(receiver));
        }
        IERC20(token).safeTransferFrom(address(receiver), address(this), amount + fee);
        uint256 protocolFee;
        if (fee != 0) {
            PoolLogic.updateState(r, p);
            protocolFee = fee * p.flashLoanProtocolShareBps / BPS;
            uint256 index = r.liquidityIndex;
            uint256 holders = FToken(r.fToken).scaledTotalSupply() + r.accruedToTreasury;
            uint256 toHolders = fee - protocolFee;
            if (holders == 0) {
                (protocolFee, toHolders) = (fee, 0);
            } else {
                index += toHolders.rayDivDown(holders); // rounded down: the remainder stays in the pool
                r.liquidityIndex = SafeCast.toUint128(index);
            }
            r.accruedToTreasury += SafeCast.toUint128(protocolFee.rayDivDown(index));
            r.cash = SafeCast.toUint128(cash + fee);
            PoolLogic.updateRates(token, r, p);
        }
        emit FlashLoan(address(receiver), msg.sender, token, amount, fee, protocolFee);
        return true;
    }

    // ================================================================ fToken hooks

    /// @inheritdoc IFTokenPool
    function liquidityIndexNow(address asset) public view returns (uint256) {
        return PoolLogic.liquidityIndexNow(s.reserves[asset]);
    }

    /// @inheritdoc IFTokenPool
    function finalizeFTokenTransfer(address asset, address from, address to, uint256 fromScaledAfter, uint256 toScaledBefore)
        external
        nonReentrant
    {
        PoolTypes.Reserve storage r = s.reserves[asset];
        if (msg.sender != r.fToken || msg.sender == address(0)) revert PoolErrors.NotFToken(msg.sender);
        if (r.paused) revert ReservePaused(asset);
        if (from == to) return;
        uint256 config = s.userConfig[from];
        if (PoolLogic.isCollateral(config, r.id)) {
            if (fromScaledAfter == 0) PoolLogic.setCollateralBit(s, from, r.id, asset, false);
            if (PoolLogic.hasDebt(config)) PoolLogic.requireHealthy(s, from);
        }
        if (toScaledBefore == 0 && s.params[asset].liquidationThresholdBps != 0 && !PoolLogic.isCollateral(s.userConfig[to], r.id)) {
            PoolLogic.setCollateralBit(s, to, r.id, asset, true);
        }
    }

    // ================================================================ views

    /// @inheritdoc IFlashSwapPool
    function healthFactor(address user) external view returns (uint256 healthFactorWad) {
        (,,,, healthFactorWad) = PoolLogic.accountData(s, user);
    }

    /// @inheritdoc IFlashSwapPool
    function accountData(address user)
        external
        view
        returns (uint256 collateralBase, uint256 debtBase, uint256 availableBorrowsBase, uint256 weightedThresholdBps,
            uint256 healthFactorWad)
    {
        return PoolLogic.accountData(s, user);
    }

    /// @inheritdoc IFlashSwapPool
    /// @dev Indexes and stable total as stored at `lastUpdate` (not accrued to now; see `liquidityIndexNow`).
    function reserveData(address asset) external view returns (ReserveData memory d) {
        PoolTypes.Reserve storage r = s.reserves[asset];
        d.fToken = r.fToken;
        d.decimals = r.decimals;
        d.active = r.active;
        d.frozen = r.frozen;
        d.paused = r.paused;
        d.liquidityIndexRay = r.liquidityIndex;
        d.variableBorrowIndexRay = r.variableBorrowIndex;
        d.currentLiquidityRateRay = r.liquidityRate;
        d.currentVariableRateRay = r.variableRate;
        d.averageStableRateRay = r.averageStableRate;
        d.totalScaledVariableDebt = r.totalScaledVariableDebt;
        d.totalStableDebt = r.totalStableDebt;
        d.cash = r.cash;
        d.accruedToTreasury = r.accruedToTreasury;
        d.lastUpdate = r.lastUpdate;
    }

    /// @inheritdoc IFlashSwapPool
    function reserveParams(address asset) external view returns (ReserveParams memory) {
        return s.params[asset].load();
    }

    /// @inheritdoc IFlashSwapPool
    function reservesList() external view returns (address[] memory) {
        return s.reservesList;
    }

    function oracle() external view returns (IPriceOracle) {
        return s.oracle;
    }

    function treasury() external view returns (address) {
        return s.treasury;
    }

    /// @notice The user's flags: bit 2i borrows reserve i, bit 2i+1 uses reserve i as collateral.
    function userConfig(address user) external view returns (uint256) {
        return s.userConfig[user];
    }

    /// @inheritdoc IReserveGovernance
    function reserveGovernor() external view returns (address) {
        return s.reserveGovernor;
    }

    /// @inheritdoc IReserveGovernance
    function poolDecisionBounds(address asset) external view returns (uint256 minUoptRay, uint256 maxUoptRay, uint16 maxFlashFeeBps) {
        PoolTypes.DecisionBounds memory b = s.bounds[asset];
        return (b.minOptimalUtilizationRay, b.maxOptimalUtilizationRay, b.maxFlashLoanFeeBps);
    }

    /// @notice The rate a new stable borrow of `asset` gets now (ray per year).
    function stableBorrowRate(address asset) external view returns (uint256) {
        return s.reserves[asset].stableRate;
    }

    /// @notice The variable borrow index accrued to this second (ray).
    function variableBorrowIndexNow(address asset) public view returns (uint256) {
        return PoolLogic.variableIndexNow(s.reserves[asset]);
    }

    /// @inheritdoc IFlashSwapPool
    function variableDebtOf(address asset, address user) external view returns (uint256) {
        return uint256(s.debts[asset][user].scaledVariable).rayMulUp(variableBorrowIndexNow(asset));
    }

    /// @inheritdoc IFlashSwapPool
    function stableDebtOf(address asset, address user) external view returns (uint256 debt, uint256 rateRay) {
        PoolTypes.UserDebt storage d = s.debts[asset][user];
        return (PoolLogic.stableDebtNow(d), d.stableRate);
    }

    /// @inheritdoc IFlashSwapPool
    function depositOf(address asset, address user) external view returns (uint256) {
        PoolTypes.Reserve storage r = s.reserves[asset];
        if (r.fToken == address(0)) return 0;
        return FToken(r.fToken).scaledBalanceOf(user).rayMulDown(PoolLogic.liquidityIndexNow(r));
    }
}
