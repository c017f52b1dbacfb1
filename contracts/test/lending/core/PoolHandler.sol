// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../../utils/Vm.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {MockPriceOracle} from "./MockPriceOracle.sol";
import {PoolFlashReceiver} from "./PoolFlashReceiver.sol";
import {FlashSwapPool} from "../../../src/lending/FlashSwapPool.sol";
import {FToken} from "../../../src/lending/FToken.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {IERC3156FlashBorrower} from "../../../src/interfaces/IERC3156FlashBorrower.sol";

/// @title Drives the pool through random deposits, redeems, borrows, repayments, transfers, liquidations, flash
/// loans, price moves and time jumps for the invariant tests, counting every action that broke a rule.
contract PoolHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant WAD = 1e18;
    /// @dev bonus · LT of every reserve in the fixture, rounded up: 1.05 · 0.80.
    uint256 private constant HF_FLOOR = 0.84e18;

    FlashSwapPool public immutable pool;
    MockPriceOracle public immutable oracle;
    PoolFlashReceiver public immutable receiver;
    MockERC20[] public tokens;
    address[] public actors;

    mapping(address asset => uint256) public lastLiquidityIndex;
    mapping(address asset => uint256) public lastBorrowIndex;

    uint256 public calls;
    uint256 public indexBreaks; // an index went down
    uint256 public unhealthyActionBreaks; // an account below HF 1 borrowed, redeemed or transferred collateral
    uint256 public flashBreaks; // a flash loan moved a depositor's claim by other than its fee share
    uint256 public liquidationBreaks; // a liquidation lowered the HF of a borrower that stayed in debt below 1
    uint256 public cashBreaks; // the pool holds less underlying than it books as cash
    uint256 public borrows; // successful borrows, liquidations and flash loans: the campaign's reach
    uint256 public liquidations;
    uint256 public flashLoans;

    constructor(FlashSwapPool pool_, MockPriceOracle oracle_, MockERC20[] memory tokens_, address[] memory actors_) {
        pool = pool_;
        oracle = oracle_;
        tokens = tokens_;
        actors = actors_;
        receiver = new PoolFlashReceiver(address(pool_));
        for (uint256 i; i < tokens_.length; ++i) {
            tokens_[i].mint(address(receiver), 1e36);
            lastLiquidityIndex[address(tokens_[i])] = 1e27;
            lastBorrowIndex[address(tokens_[i])] = 1e27;
        }
    }

    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // ---------------------------------------------------------------- actions

    function deposit(uint256 who, uint256 which, uint256 amount) external {
        (address a, MockERC20 t) = _pick(who, which);
        amount = _bound(amount, 1, 1e6 * 10 ** t.decimals());
        vm.prank(a);
        try pool.deposit(address(t), amount, a) {} catch {}
        _after();
    }

    function redeem(uint256 who, uint256 which, uint256 amount) external {
        (address a, MockERC20 t) = _pick(who, which);
        uint256 bal = pool.depositOf(address(t), a);
        if (bal == 0) return;
        amount = _bound(amount, 1, bal);
        bool unhealthy = pool.healthFactor(a) < WAD && _isCollateral(a, t); // read before: a full redeem clears it
        vm.prank(a);
        try pool.redeem(address(t), amount, a) {
            if (unhealthy) ++unhealthyActionBreaks;
        } catch {}
        _after();
    }

    function borrow(uint256 who, uint256 which, uint256 amount, bool stable) external {
        (address a, MockERC20 t) = _pick(who, which);
        // mostly near what the account may borrow (up to 110 % of it), so that price moves make liquidations
        (,, uint256 availableBase,,) = pool.accountData(a);
        uint256 maxAmount = availableBase * 11 / 10 * 10 ** t.decimals() / oracle.prices(address(t));
        uint256 cash = pool.reserveData(address(t)).cash;
        if (maxAmount > cash) maxAmount = cash;
        if (maxAmount == 0) maxAmount = 1;
        amount = _bound(amount, maxAmount / 2 + 1, maxAmount);
        bool unhealthy = pool.healthFactor(a) < WAD;
        vm.prank(a);
        try pool.borrow(address(t), amount, stable ? IFlashSwapPool.RateMode.STABLE : IFlashSwapPool.RateMode.VARIABLE) {
            if (unhealthy) ++unhealthyActionBreaks;
            ++borrows;
        } catch {}
        _after();
    }

    function repay(uint256 who, uint256 which, uint256 amount, bool stable) external {
        (address a, MockERC20 t) = _pick(who, which);
        amount = _bound(amount, 1, 1e6 * 10 ** t.decimals());
        if (amount % 7 == 0) amount = type(uint256).max;
        vm.prank(a);
        try pool.repay(address(t), amount, stable ? IFlashSwapPool.RateMode.STABLE : IFlashSwapPool.RateMode.VARIABLE, a) {}
        catch {}
        _after();
    }

    function transferFTokens(uint256 who, uint256 to, uint256 which, uint256 amount) external {
        (address a, MockERC20 t) = _pick(who, which);
        address b = actors[to % actors.length];
        FToken f = FToken(pool.reserveData(address(t)).fToken);
        uint256 bal = f.balanceOf(a);
        if (bal == 0) return;
        amount = _bound(amount, 1, bal);
        bool unhealthy = pool.healthFactor(a) < WAD && _isCollateral(a, t); // read before: a full transfer clears it
        vm.prank(a);
        try f.transfer(b, amount) {
            if (unhealthy && a != b) ++unhealthyActionBreaks;
        } catch {}
        _after();
    }

    function liquidate(uint256 by, uint256 whom, uint256 coll, uint256 debt, uint256 amount, bool receiveF) external {
        address liquidator = actors[by % actors.length];
        address borrower = actors[whom % actors.length];
        MockERC20 c = tokens[coll % tokens.length];
        MockERC20 d = tokens[debt % tokens.length];
        (, uint256 debtBefore,,, uint256 hfBefore) = pool.accountData(borrower);
        if (hfBefore >= WAD || liquidator == borrower) return;
        amount = _bound(amount, 1, 1e6 * 10 ** d.decimals());
        // The pool's roundings (seized collateral in scaled units, the whole-collateral repayment) may each cost
        // the borrower up to a couple of scaled units: allow the HF that much value over the debt.
        // A scaled unit is worth index/RAY smallest units (more than one after interest).
        uint256 unitsValue = 4 * (oracle.prices(address(c)) * (pool.liquidityIndexNow(address(c)) / 1e27 + 1) / 10 ** c.decimals()
            + oracle.prices(address(d)) * (pool.variableBorrowIndexNow(address(d)) / 1e27 + 1) / 10 ** d.decimals() + 1);
        uint256 tolerance = debtBefore == 0 ? 0 : unitsValue * WAD / debtBefore + 1;
        vm.prank(liquidator);
        try pool.liquidate(address(c), address(d), borrower, amount, receiveF) {
            ++liquidations;
            (, uint256 debtLeft,,, uint256 hfAfter) = pool.accountData(borrower);
            // Repaying x and seizing x·bonus of collateral raises HF = L/D exactly when HF ≥ bonus·LT (0.84 with
            // every reserve at LT 80 %, bonus 105 %): below that the collateral is worth less than debt × bonus and
            // any partial liquidation lowers the HF (true of every bonus-paying liquidation; README-core.md).
            // Positions worth no more than 1 base unit are left out (rounding is all there is to them).
            if (hfBefore >= HF_FLOOR && hfAfter < WAD && hfAfter + tolerance < hfBefore && debtLeft > WAD) {
                (uint256 collLeft,,,,) = pool.accountData(borrower);
                if (collLeft > 100 * WAD) ++liquidationBreaks;
            }
        } catch {}
        _after();
    }

    /// @dev Checks, in exact scaled units, that depositors' claims grew by no more than the fee less the
    /// protocol share (the floors of `depositOf` can each add a wei, so the rule is stated before flooring), and
    /// that no claim fell.
    function flashLoan(uint256 which, uint256 amount) external {
        MockERC20 t = tokens[which % tokens.length];
        uint256 max = pool.maxFlashLoan(address(t));
        if (max == 0) return;
        amount = _bound(amount, 1, max);
        FToken f = FToken(pool.reserveData(address(t)).fToken);
        uint256 n = actors.length;
        uint256[] memory before = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            before[i] = pool.depositOf(address(t), actors[i]);
        }
        uint256 indexBefore = pool.liquidityIndexNow(address(t));
        uint256 fee = pool.flashFee(address(t), amount);
        uint256 toHolders = fee - fee * pool.reserveParams(address(t)).flashLoanProtocolShareBps / 10_000;
        try pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(t), amount, "") {
            ++flashLoans;
            uint256 indexAfter = pool.liquidityIndexNow(address(t));
            uint256 gainScaledTimesIndex;
            for (uint256 i; i < n; ++i) {
                if (pool.depositOf(address(t), actors[i]) < before[i]) ++flashBreaks;
                gainScaledTimesIndex += f.scaledBalanceOf(actors[i]) * (indexAfter - indexBefore);
            }
            if (gainScaledTimesIndex > toHolders * 1e27) ++flashBreaks;
        } catch {}
        _after();
    }

    function movePrice(uint256 which, uint256 bps) external {
        MockERC20 t = tokens[which % tokens.length];
        uint256 p = oracle.prices(address(t));
        bps = _bound(bps, 7000, 13_000);
        uint256 next = p * bps / 10_000;
        if (next == 0) next = 1;
        oracle.setPrice(address(t), next);
    }

    function warp(uint256 dt) external {
        dt = _bound(dt, 1, 30 days);
        if (dt % 97 == 0) dt = 3650 days;
        vm.warp(block.timestamp + dt);
        vm.roll(block.number + 1);
    }

    function donate(uint256 which, uint256 amount) external {
        MockERC20 t = tokens[which % tokens.length];
        t.mint(address(pool), _bound(amount, 1, 1e6 * 10 ** t.decimals()));
    }

    // ---------------------------------------------------------------- checks after every action

    function _after() internal {
        ++calls;
        for (uint256 i; i < tokens.length; ++i) {
            address t = address(tokens[i]);
            IFlashSwapPool.ReserveData memory d = pool.reserveData(t);
            if (d.liquidityIndexRay < lastLiquidityIndex[t] || d.variableBorrowIndexRay < lastBorrowIndex[t]) ++indexBreaks;
            lastLiquidityIndex[t] = d.liquidityIndexRay;
            lastBorrowIndex[t] = d.variableBorrowIndexRay;
            if (tokens[i].balanceOf(address(pool)) < d.cash) ++cashBreaks;
        }
    }

    function _pick(uint256 who, uint256 which) internal view returns (address, MockERC20) {
        return (actors[who % actors.length], tokens[which % tokens.length]);
    }

    function _isCollateral(address a, MockERC20 t) internal view returns (bool) {
        uint256 id;
        address[] memory list = pool.reservesList();
        for (uint256 i; i < list.length; ++i) {
            if (list[i] == address(t)) id = i;
        }
        return (pool.userConfig(a) >> (2 * id + 1)) & 1 == 1;
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + (x % (max - min + 1));
    }
}
