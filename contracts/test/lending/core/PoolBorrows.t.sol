// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {PoolErrors} from "../../../src/lending/libraries/PoolErrors.sol";

/// @title Variable and stable borrows, repayments, rates and interest, health factor and LTV.
contract PoolBorrowsTest is PoolFixture {
    /// @notice e^x for x a WAD, by its Taylor series (an independent reference for continuous compounding).
    function _expWad(uint256 x) internal pure returns (uint256 sum) {
        uint256 term = WAD;
        sum = WAD;
        for (uint256 k = 1; k < 40; ++k) {
            term = term * x / WAD / k;
            if (term == 0) break;
            sum += term;
        }
    }

    function _setUpBorrow() internal {
        _deposit(alice, weth, 100e18); // 200,000 base
        _deposit(bob, usdc, 1_000_000e6);
    }

    function test_VariableBorrowSendsAndBooksTheDebt() public {
        _setUpBorrow();
        uint256 before = usdc.balanceOf(alice);
        vm.expectEmit(true, true, false, false, address(pool));
        emit IFlashSwapPool.Borrow(address(usdc), alice, 100_000e6, IFlashSwapPool.RateMode.VARIABLE, 0);
        _borrow(alice, usdc, 100_000e6);
        assertEq(usdc.balanceOf(alice) - before, 100_000e6, "sent");
        assertEq(pool.variableDebtOf(address(usdc), alice), 100_000e6, "booked at index 1");
        assertEq(pool.reserveData(address(usdc)).cash, 900_000e6, "cash");
        // U = 0.1, U/Uopt = 0.125 → Rv = 0.04 · 0.125 = 0.005 / year (rounded up)
        IFlashSwapPool.ReserveData memory d = pool.reserveData(address(usdc));
        assertApproxEqAbs(d.currentVariableRateRay, 0.005e27, 1, "variable rate from the kinked model");
        // supply = Ro·U·(1 − rf) = 0.005 · 0.1 · 0.9
        assertApproxEqAbs(d.currentLiquidityRateRay, 0.00045e27, 1e9, "supply rate Ro*U*(1-rf)");
    }

    function test_InterestCompoundsForBorrowersAndAccruesLinearlyToDepositors() public {
        _setUpBorrow();
        _borrow(alice, usdc, 100_000e6);
        vm.warp(block.timestamp + 365 days);
        uint256 debt = pool.variableDebtOf(address(usdc), alice);
        uint256 expected = 100_000e6 * _expWad(0.005e18) / WAD; // (1 + r/T)^T ≈ e^r within 1e-9 relative
        assertApproxEqAbs(debt, expected, 100, "debt compounds at 0.5 %/year");
        assertGe(debt, 100_000e6 * (WAD + 0.005e18) / WAD, "at least simple interest");
        uint256 claim = pool.depositOf(address(usdc), bob);
        assertApproxEqAbs(claim, 1_000_000e6 + 1_000_000e6 * 45 / 100_000, 2, "depositors earn 0.045 %");
        // the treasury is owed the reserve factor of the debt interest
        _deposit(carol, usdc, 1e6); // touch
        uint256 owed = uint256(pool.reserveData(address(usdc)).accruedToTreasury) * pool.liquidityIndexNow(address(usdc)) / RAY;
        assertApproxEqAbs(owed, (debt - 100_000e6) / 10, 2, "10 % of the interest to the treasury");
    }

    function test_UtilizationAboveOptimumUsesTheSecondSlope() public {
        _setUpBorrow();
        _deposit(carol, weth, 1000e18);
        _borrow(carol, usdc, 900_000e6); // U = 0.9
        // Rv = 0.04 + (0.9 − 0.8)/(0.2) · 0.75 = 0.415
        assertApproxEqAbs(pool.reserveData(address(usdc)).currentVariableRateRay, 0.415e27, 1, "above the kink");
        // stable: 0.05 + 0.02 + 0.5 · 0.6 = 0.37
        assertApproxEqAbs(pool.stableBorrowRate(address(usdc)), 0.37e27, 1, "stable above the kink");
    }

    function testFuzz_BorrowRepayRoundTripForAnyDecimals(uint256 amount, uint8 which, uint256 dt) public {
        MockERC20 token = [usdc, wbtc][which % 2];
        dt = bound(dt, 1, 3650 days);
        _deposit(alice, weth, 1e9 * 1e18);
        _deposit(bob, token, 1e9 * _unit(token));
        amount = bound(amount, 1, 1e6 * _unit(token));
        _borrow(alice, token, amount);
        vm.warp(block.timestamp + dt);
        uint256 debt = pool.variableDebtOf(address(token), alice);
        assertGe(debt, amount, "debt never below the principal");
        vm.prank(alice);
        uint256 repaid = pool.repay(address(token), type(uint256).max, IFlashSwapPool.RateMode.VARIABLE, alice);
        assertEq(repaid, debt, "max repays the whole debt");
        assertEq(pool.variableDebtOf(address(token), alice), 0, "none left");
        assertEq(pool.userConfig(alice) & (1 << (2 * (which % 2 + 1))), 0, "borrowing flag cleared");
    }

    function test_PartialRepayReducesDebtRoundedForThePool() public {
        _setUpBorrow();
        _borrow(alice, usdc, 1000e6);
        vm.warp(block.timestamp + 30 days);
        uint256 debt = pool.variableDebtOf(address(usdc), alice);
        vm.prank(carol);
        uint256 repaid = pool.repay(address(usdc), 400e6, IFlashSwapPool.RateMode.VARIABLE, alice);
        assertEq(repaid, 400e6, "partial");
        assertGe(pool.variableDebtOf(address(usdc), alice), debt - 400e6, "never less than debt - repaid");
        assertLe(pool.variableDebtOf(address(usdc), alice), debt - 400e6 + 1, "within one unit");
    }

    function test_RevertWhen_BorrowBreaksLtvOrHealthOrLiquidity() public {
        _deposit(alice, weth, 1e18); // 2000 base, LTV 1500, LT 1600
        _deposit(bob, usdc, 10_000e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.BorrowExceedsLtv.selector, 1501e18, 1500e18));
        pool.borrow(address(usdc), 1501e6, IFlashSwapPool.RateMode.VARIABLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0.8e18));
        pool.borrow(address(usdc), 2000e6, IFlashSwapPool.RateMode.VARIABLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.InsufficientLiquidity.selector, address(usdc), 10_001e6, 10_000e6));
        pool.borrow(address(usdc), 10_001e6, IFlashSwapPool.RateMode.VARIABLE);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0));
        pool.borrow(address(usdc), 1, IFlashSwapPool.RateMode.VARIABLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.InvalidRateMode.selector, IFlashSwapPool.RateMode.NONE));
        pool.borrow(address(usdc), 1, IFlashSwapPool.RateMode.NONE);
        _borrow(alice, usdc, 1500e6); // exactly the LTV is allowed
        (uint256 coll, uint256 debt, uint256 avail, uint256 lt, uint256 hf) = pool.accountData(alice);
        assertEq(coll, 2000e18, "collateral");
        assertEq(debt, 1500e18, "debt");
        assertEq(avail, 0, "nothing more");
        assertEq(lt, 8000, "threshold");
        assertEq(hf, uint256(1600e18) * WAD / 1500e18, "HF = 1600/1500");
    }

    function testFuzz_HealthFactorScalesWithPricesAndDecimals(uint256 wbtcPrice, uint256 amount) public {
        wbtcPrice = bound(wbtcPrice, 1e18, 1e24);
        oracle.setPrice(address(wbtc), wbtcPrice);
        amount = bound(amount, 1e4, 1e12); // 0.0001 .. 10,000 WBTC
        _deposit(alice, wbtc, amount);
        _deposit(bob, usdc, 1e24);
        uint256 collValue = amount * wbtcPrice / 1e8;
        uint256 borrowUsdc = collValue / 2 / 1e12; // half the value, in 6 decimals
        vm.assume(borrowUsdc > 0);
        _borrow(alice, usdc, borrowUsdc);
        uint256 expected = collValue * 8000 * WAD / (borrowUsdc * 1e12 * 10_000);
        assertApproxEqAbs(pool.healthFactor(alice), expected, expected / 1e15 + 1, "HF = value*LT / debt");
    }

    // ---------------------------------------------------------------- stable

    function test_StableBorrowFixesTheRateAndTracksTheAverage() public {
        _setUpBorrow();
        uint256 rate1 = pool.stableBorrowRate(address(usdc));
        vm.prank(alice);
        pool.borrow(address(usdc), 100_000e6, IFlashSwapPool.RateMode.STABLE);
        (uint256 debt, uint256 rate) = pool.stableDebtOf(address(usdc), alice);
        assertEq(debt, 100_000e6, "principal");
        assertEq(rate, rate1, "the rate offered before the borrow");
        assertEq(pool.reserveData(address(usdc)).averageStableRateRay, rate1, "average of one borrow");
        _deposit(carol, weth, 100e18);
        uint256 rate2 = pool.stableBorrowRate(address(usdc));
        vm.prank(carol);
        pool.borrow(address(usdc), 50_000e6, IFlashSwapPool.RateMode.STABLE);
        // the paper: Rs = (Bs·Rs + x·r) / (Bs + x)
        uint256 avg = (100_000e6 * rate1 + 50_000e6 * rate2 + 150_000e6 - 1) / 150_000e6;
        assertEq(pool.reserveData(address(usdc)).averageStableRateRay, avg, "weighted by principal");
        assertGt(rate2, rate1, "utilisation raised the offered rate");
        vm.warp(block.timestamp + 365 days);
        (debt,) = pool.stableDebtOf(address(usdc), alice);
        uint256 expected = 100_000e6 * _expWad(rate1 / 1e9) / WAD;
        assertApproxEqAbs(debt, expected, 100, "alice's debt compounds at her own rate");
        vm.prank(alice);
        uint256 repaid = pool.repay(address(usdc), type(uint256).max, IFlashSwapPool.RateMode.STABLE, alice);
        assertEq(repaid, debt, "repaid in full");
        // the total compounds at the average rate while each debt compounds at its own, so the average drifts by
        // the difference (the paper's and Aave's approximation): within 0.1 % of carol's rate after a year here
        assertApproxEqAbs(pool.reserveData(address(usdc)).averageStableRateRay, rate2, rate2 / 1000, "carol's rate remains");
    }

    function test_RevertWhen_StableBorrowExceedsItsShareOfLiquidity() public {
        _setUpBorrow();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.StableBorrowTooLarge.selector, 250_001e6, 250_000e6));
        pool.borrow(address(usdc), 250_001e6, IFlashSwapPool.RateMode.STABLE);
    }

    function test_SwapRateModeMovesTheWholeDebt() public {
        _setUpBorrow();
        _borrow(alice, usdc, 10_000e6);
        vm.warp(block.timestamp + 10 days);
        uint256 debt = pool.variableDebtOf(address(usdc), alice);
        vm.prank(alice);
        pool.swapRateMode(address(usdc), IFlashSwapPool.RateMode.VARIABLE);
        (uint256 stable,) = pool.stableDebtOf(address(usdc), alice);
        assertEq(stable, debt, "moved to stable");
        assertEq(pool.variableDebtOf(address(usdc), alice), 0, "no variable left");
        vm.prank(alice);
        pool.swapRateMode(address(usdc), IFlashSwapPool.RateMode.STABLE);
        assertApproxEqAbs(pool.variableDebtOf(address(usdc), alice), debt, 1, "and back");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.NoDebt.selector, address(usdc), bob, IFlashSwapPool.RateMode.STABLE));
        pool.swapRateMode(address(usdc), IFlashSwapPool.RateMode.STABLE);
    }

    function test_RevertWhen_RebalanceConditionDoesNotHold() public {
        _setUpBorrow();
        vm.prank(alice);
        pool.borrow(address(usdc), 10_000e6, IFlashSwapPool.RateMode.STABLE);
        (, uint256 rate) = pool.stableDebtOf(address(usdc), alice);
        IFlashSwapPool.ReserveData memory d = pool.reserveData(address(usdc));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.RebalanceNotAllowed.selector, rate,
            d.currentLiquidityRateRay, pool.stableBorrowRate(address(usdc))));
        pool.rebalanceStableRate(address(usdc), alice);
    }

    /// @notice Up when the user pays less than depositors earn; down once the supply rate is 10 pp below the
    /// user's rate and the offered stable rate is lower.
    function test_RebalanceStableRateUpThenDown() public {
        _setUpBorrow();
        _deposit(carol, weth, 1000e18);
        _borrow(carol, usdc, 850_000e6);
        vm.prank(alice);
        pool.borrow(address(usdc), 30_000e6, IFlashSwapPool.RateMode.STABLE);
        (, uint256 first) = pool.stableDebtOf(address(usdc), alice);
        assertLt(first, pool.reserveData(address(usdc)).currentLiquidityRateRay, "alice pays less than depositors earn");
        vm.prank(bob);
        vm.expectEmit(true, true, false, false, address(pool));
        emit IFlashSwapPool.StableRateRebalanced(address(usdc), alice, 0);
        pool.rebalanceStableRate(address(usdc), alice);
        (, uint256 high) = pool.stableDebtOf(address(usdc), alice);
        assertEq(high, pool.stableBorrowRate(address(usdc)), "raised to the offered rate");
        assertGt(high, first, "up");
        vm.prank(carol);
        pool.repay(address(usdc), type(uint256).max, IFlashSwapPool.RateMode.VARIABLE, carol); // utilisation falls
        assertGt(high, pool.reserveData(address(usdc)).currentLiquidityRateRay + 0.1e27, "spread exceeded");
        vm.prank(bob);
        pool.rebalanceStableRate(address(usdc), alice);
        (, uint256 low) = pool.stableDebtOf(address(usdc), alice);
        assertEq(low, pool.stableBorrowRate(address(usdc)), "lowered to the offered rate");
        assertLt(low, high, "down");
    }

    /// @notice Once the index is above one, a 1-wei repayment would remove no scaled debt: it is refused rather
    /// than taken (the same rule stops a liquidation that would seize collateral while moving no debt).
    function test_RevertWhen_RepaymentTooSmallToMoveTheDebt() public {
        _setUpBorrow();
        _borrow(alice, usdc, 100_000e6);
        vm.warp(block.timestamp + 365 days);
        assertGt(pool.variableBorrowIndexNow(address(usdc)), RAY, "index above one");
        vm.prank(alice);
        vm.expectRevert(PoolErrors.ZeroAmount.selector);
        pool.repay(address(usdc), 1, IFlashSwapPool.RateMode.VARIABLE, alice);
    }

    /// @notice A partial repayment removes whole scaled units and charges their worth, so the debt falls by what was
    /// charged (to the wei), whatever the index.
    function testFuzz_PartialRepayChargesWhatItRemoves(uint256 amount, uint256 dt) public {
        _deposit(alice, weth, 1_000_000e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 900_000e6);
        vm.warp(block.timestamp + bound(dt, 1, 3650 days));
        uint256 debt = pool.variableDebtOf(address(usdc), alice);
        uint256 index = pool.variableBorrowIndexNow(address(usdc));
        amount = bound(amount, index / RAY + 1, debt - 1);
        uint256 paidBefore = usdc.balanceOf(carol);
        vm.prank(carol);
        uint256 repaid = pool.repay(address(usdc), amount, IFlashSwapPool.RateMode.VARIABLE, alice);
        assertLe(repaid, amount, "never more than offered");
        assertGe(repaid + index / RAY + 1, amount, "less by under one scaled unit");
        assertEq(paidBefore - usdc.balanceOf(carol), repaid, "charged what it answers");
        uint256 fell = debt - pool.variableDebtOf(address(usdc), alice);
        assertLe(fell, repaid, "the debt falls by no more than was charged");
        assertGe(fell + 1, repaid, "and by all of it but a wei");
    }
}
