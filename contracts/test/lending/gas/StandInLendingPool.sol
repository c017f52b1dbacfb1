// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {IPriceOracle} from "../../../src/lending/interfaces/IPriceOracle.sol";
import {IERC20Minimal} from "../../../src/interfaces/IERC20Minimal.sol";
import {IERC3156FlashBorrower} from "../../../src/interfaces/IERC3156FlashBorrower.sol";

/// @title A stand-in for the FlashSwap pool that lets the lending gas harness's flashswap mode run end to end.
/// @dev NOT the pool and not a lending model: no interest, no rates, no fToken contract, no rounding care. It keeps
/// the IFlashSwapPool surface, a health factor from the oracle and thresholds, the 50 % close factor, the bonus with
/// a treasury share and ERC-3156 flash loans, so that every call and check of script/lending-gas is exercised.
/// Collateral is off until `setCollateral`, to exercise the harness's prepareCollateral path. Its gas means nothing.
contract StandInLendingPool {
    uint256 private constant WAD = 1e18;
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable admin;
    IPriceOracle public immutable oracle;
    address public immutable treasury;

    address[] private assets;
    mapping(address asset => IFlashSwapPool.ReserveParams) private params;
    mapping(address asset => uint8) private decimalsOf;
    mapping(address asset => bool) private listed;
    mapping(address asset => mapping(address user => uint256)) private deposits;
    mapping(address asset => mapping(address user => uint256)) private variableDebts;
    mapping(address asset => mapping(address user => uint256)) private stableDebts;
    mapping(address asset => mapping(address user => bool)) private collateral;

    error NotAdmin(address caller);
    error NotListed(address asset);
    error Insufficient(uint256 wanted, uint256 held);
    error CloseFactorExceeded(uint256 debtToCover, uint256 allowed);
    error BadCallback();

    constructor(address admin_, IPriceOracle oracle_, address treasury_) {
        admin = admin_;
        oracle = oracle_;
        treasury = treasury_;
    }

    function listReserve(address asset, IFlashSwapPool.ReserveParams calldata reserveParams) external {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        listed[asset] = true;
        params[asset] = reserveParams;
        (bool ok, bytes memory d) = asset.staticcall(abi.encodeWithSignature("decimals()"));
        require(ok && d.length == 32, "stand-in: decimals");
        decimalsOf[asset] = abi.decode(d, (uint8));
        assets.push(asset);
    }

    function deposit(address asset, uint256 amount, address onBehalfOf) external {
        _listed(asset);
        _pull(asset, msg.sender, amount);
        deposits[asset][onBehalfOf] += amount;
    }

    function redeem(address asset, uint256 amount, address to) external returns (uint256) {
        if (amount == type(uint256).max) amount = deposits[asset][msg.sender];
        _take(deposits[asset], msg.sender, amount);
        _healthy(msg.sender);
        _push(asset, to, amount);
        return amount;
    }

    function borrow(address asset, uint256 amount, IFlashSwapPool.RateMode mode) external {
        _listed(asset);
        if (mode == IFlashSwapPool.RateMode.STABLE) stableDebts[asset][msg.sender] += amount;
        else variableDebts[asset][msg.sender] += amount;
        _healthy(msg.sender);
        _push(asset, msg.sender, amount);
    }

    function repay(address asset, uint256 amount, IFlashSwapPool.RateMode mode, address onBehalfOf) external returns (uint256) {
        mapping(address => uint256) storage debts = mode == IFlashSwapPool.RateMode.STABLE ? stableDebts[asset] : variableDebts[asset];
        if (amount > debts[onBehalfOf]) amount = debts[onBehalfOf];
        debts[onBehalfOf] -= amount;
        _pull(asset, msg.sender, amount);
        return amount;
    }

    function setCollateral(address asset, bool enabled) external {
        collateral[asset][msg.sender] = enabled;
        if (!enabled) _healthy(msg.sender);
    }

    function liquidate(address collateralAsset, address debtAsset, address borrower, uint256 debtToCover, bool receiveFToken)
        external
        returns (uint256, uint256)
    {
        uint256 hf = healthFactor(borrower);
        if (hf >= WAD) revert IFlashSwapPool.HealthFactorNotBelowOne(hf);
        uint256 allowed = variableDebts[debtAsset][borrower] / 2;
        if (debtToCover > allowed) revert CloseFactorExceeded(debtToCover, allowed);
        variableDebts[debtAsset][borrower] -= debtToCover;
        _pull(debtAsset, msg.sender, debtToCover);
        uint256 base = debtToCover * oracle.getAssetPrice(debtAsset) * 10 ** decimalsOf[collateralAsset]
            / (oracle.getAssetPrice(collateralAsset) * 10 ** decimalsOf[debtAsset]);
        IFlashSwapPool.ReserveParams storage p = params[collateralAsset];
        uint256 seized = base * p.liquidationBonusBps / 10_000;
        uint256 fee = (seized - base) * p.liquidationProtocolShareBps / 10_000;
        _take(deposits[collateralAsset], borrower, seized);
        deposits[collateralAsset][treasury] += fee;
        if (receiveFToken) deposits[collateralAsset][msg.sender] += seized - fee;
        else _push(collateralAsset, msg.sender, seized - fee);
        return (debtToCover, seized);
    }

    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data) external returns (bool) {
        _listed(token);
        uint256 fee = amount * params[token].flashLoanFeeBps / 10_000;
        _push(token, address(receiver), amount);
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != CALLBACK_SUCCESS) revert BadCallback();
        _pull(token, address(receiver), amount + fee);
        return true;
    }

    function healthFactor(address user) public view returns (uint256) {
        (,,,, uint256 hf) = accountData(user);
        return hf;
    }

    function accountData(address user) public view returns (uint256 collateralBase, uint256 debtBase, uint256, uint256, uint256 hf) {
        uint256 weighted;
        for (uint256 i; i < assets.length; ++i) {
            address a = assets[i];
            uint256 unit = 10 ** decimalsOf[a];
            uint256 price = oracle.getAssetPrice(a);
            if (collateral[a][user]) {
                uint256 value = deposits[a][user] * price / unit;
                collateralBase += value;
                weighted += value * params[a].liquidationThresholdBps / 10_000;
            }
            debtBase += (variableDebts[a][user] + stableDebts[a][user]) * price / unit;
        }
        hf = debtBase == 0 ? type(uint256).max : weighted * WAD / debtBase;
        return (collateralBase, debtBase, 0, 0, hf);
    }

    function reserveData(address asset) external view returns (IFlashSwapPool.ReserveData memory d) {
        d.fToken = address(this);
        d.decimals = decimalsOf[asset];
        d.active = listed[asset];
    }

    function variableDebtOf(address asset, address user) external view returns (uint256) {
        return variableDebts[asset][user];
    }

    function stableDebtOf(address asset, address user) external view returns (uint256, uint256) {
        return (stableDebts[asset][user], 0);
    }

    function depositOf(address asset, address user) external view returns (uint256) {
        return deposits[asset][user];
    }

    function _listed(address asset) private view {
        if (!listed[asset]) revert NotListed(asset);
    }

    function _healthy(address user) private view {
        uint256 hf = healthFactor(user);
        if (hf < WAD) revert IFlashSwapPool.HealthFactorTooLow(hf);
    }

    function _take(mapping(address => uint256) storage balances, address user, uint256 amount) private {
        if (balances[user] < amount) revert Insufficient(amount, balances[user]);
        balances[user] -= amount;
    }

    function _pull(address asset, address from, uint256 amount) private {
        require(IERC20Minimal(asset).transferFrom(from, address(this), amount), "stand-in: pull");
    }

    function _push(address asset, address to, uint256 amount) private {
        require(IERC20Minimal(asset).transfer(to, amount), "stand-in: push");
    }
}
