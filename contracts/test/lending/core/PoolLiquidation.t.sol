// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {PoolErrors} from "../../../src/lending/libraries/PoolErrors.sol";

/// @title Liquidations: who may, how much (close factor, full close, dust), what is seized and where the fee goes.
contract PoolLiquidationTest is PoolFixture {
    /// @dev alice: 10 WETH (20,000 base) against 15,000 USDC; bob supplies the USDC.
    function _underwater(uint256 wethPrice) internal {
        _deposit(alice, weth, 10e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 15_000e6);
        oracle.setPrice(address(weth), wethPrice);
    }

    function test_RevertWhen_HealthFactorNotBelowOne() public {
        _underwater(2000e18);
        uint256 hf = pool.healthFactor(alice);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorNotBelowOne.selector, hf));
        pool.liquidate(address(weth), address(usdc), alice, 1000e6, false);
    }

    function test_RevertWhen_SelfLiquidationOrNoCollateral() public {
        _underwater(1800e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.SelfLiquidation.selector, alice));
        pool.liquidate(address(weth), address(usdc), alice, 1000e6, false);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.CollateralNotEnabled.selector, address(wbtc), alice));
        pool.liquidate(address(wbtc), address(usdc), alice, 1000e6, false);
    }

    /// @notice HF 0.96 (≥ 0.95): at most half the debt; collateral = debt × price ratio × 1.05; 10 % of the bonus to
    /// the treasury as fTokens.
    function test_HalfCloseSeizesDebtTimesBonusAndPaysTheProtocolShare() public {
        _underwater(1800e18); // 10·1800·0.8 / 15000 = 0.96
        assertEq(pool.healthFactor(alice), 0.96e18, "HF 0.96");
        uint256 wethBefore = weth.balanceOf(carol);
        vm.prank(carol);
        (uint256 repaid, uint256 seized) = pool.liquidate(address(weth), address(usdc), alice, type(uint256).max, false);
        assertEq(repaid, 7500e6, "half of 15,000");
        uint256 expectedSeize = uint256(7500e18) * 10_500 / 10_000 / 1800; // in WETH wei: 7500·1.05/1800
        assertEq(seized, expectedSeize, "collateral worth debt x bonus");
        uint256 bonusPart = seized - seized * 10_000 / 10_500;
        uint256 protocolFee = (bonusPart * 1000 + 9_999) / 10_000; // the treasury's share rounds up
        assertEq(weth.balanceOf(carol) - wethBefore, seized - protocolFee, "liquidator gets the seizure less the fee");
        assertApproxEqAbs(fToken(weth).balanceOf(treasury), protocolFee, 1, "treasury gets the fee as fTokens");
        assertApproxEqAbs(pool.variableDebtOf(address(usdc), alice), 7500e6, 1, "half the debt left");
        assertGt(pool.healthFactor(alice), 0.96e18, "the liquidation raised the HF");
    }

    function test_FullCloseBelowTheThresholdHealthFactor() public {
        _underwater(1700e18); // 10·1700·0.8/15000 = 0.9067 < 0.95
        vm.prank(carol);
        (uint256 repaid, uint256 seized) = pool.liquidate(address(weth), address(usdc), alice, type(uint256).max, true);
        assertEq(repaid, 15_000e6, "the whole debt");
        assertEq(seized, uint256(15_000e18) * 10_500 / 10_000 / 1700, "debt x bonus");
        assertEq(pool.variableDebtOf(address(usdc), alice), 0, "cleared");
        assertEq(pool.userConfig(alice) & 1 << 2, 0, "no longer borrowing");
        uint256 fee = (seized - seized * 10_000 / 10_500) / 10;
        assertApproxEqAbs(fToken(weth).balanceOf(carol), seized - fee, 1, "receiveFToken: fTokens to the liquidator");
        assertEq(pool.userConfig(carol) & 2, 2, "and they are the liquidator's collateral");
    }

    function test_CollateralShortfallSeizesAllAndCoversWhatItPays() public {
        _underwater(1000e18); // 10 WETH = 10,000 < 15,000 debt
        vm.prank(carol);
        (uint256 repaid, uint256 seized) = pool.liquidate(address(weth), address(usdc), alice, type(uint256).max, false);
        assertEq(seized, 10e18, "all the collateral");
        // what 10 WETH pays at a 5 % bonus: 10·1000/1.05, rounded up
        uint256 expected = (uint256(10_000e6) * 10_000 + 10_499) / 10_500;
        assertEq(repaid, expected, "the debt the collateral covers");
        assertEq(pool.userConfig(alice) & 2, 0, "no collateral left");
    }

    /// @notice A 50 % close that would leave debt below DUST_BASE closes it all instead.
    function test_DustDebtIsClosedWhole() public {
        _deposit(alice, weth, 0.01e18); // 20 base
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 15e6);
        oracle.setPrice(address(weth), 1800e18); // HF 0.96: half would leave 7.5 < 10 base
        vm.prank(carol);
        (uint256 repaid,) = pool.liquidate(address(weth), address(usdc), alice, type(uint256).max, false);
        assertEq(repaid, 15e6, "the whole dust debt");
    }

    /// @notice When the close factor caps the repayment and the collateral left would be worth less than DUST_BASE,
    /// the liquidator who offers enough takes it whole (and repays what it covers).
    function test_DustCollateralIsSeizedWhole() public {
        _deposit(alice, weth, 9.19e18); // 18,380 base
        _deposit(alice, wbtc, 1e8);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 35_000e6);
        oracle.setPrice(address(wbtc), 23_620e18); // HF = (18,380 + 23,620)·0.8 / 35,000 = 0.96: half close
        assertEq(pool.healthFactor(alice), 0.96e18, "HF 0.96");
        // half is 17,500 → 9.1875 WETH, leaving 0.0025 WETH (5 base): dust
        vm.prank(carol);
        (uint256 repaid, uint256 seized) = pool.liquidate(address(weth), address(usdc), alice, type(uint256).max, false);
        assertEq(seized, 9.19e18, "all of it");
        // 9.19 WETH · 2000 = 18,380 base, divided by the 1.05 bonus, rounded up in USDC units
        assertEq(repaid, (uint256(18_380e6) * 10_000 + 10_499) / 10_500, "what 9.19 WETH covers, rounded up");
    }

    function testFuzz_LiquidationNeverLowersHealthFactorWhileBelowOne(uint256 price, uint256 cover, uint8 debtWhich) public {
        MockERC20 debtToken = [usdc, wbtc][debtWhich % 2];
        _deposit(alice, weth, 10e18);
        _deposit(bob, debtToken, 1e12 * _unit(debtToken));
        uint256 borrowAmount = debtToken == usdc ? 15_000e6 : 0.375e8; // 15,000 base either way
        _borrow(alice, debtToken, borrowAmount);
        price = bound(price, 1580e18, 1870e18); // HF in (0.84, 0.998), collateral still covers the debt
        oracle.setPrice(address(weth), price);
        uint256 hfBefore = pool.healthFactor(alice);
        cover = bound(cover, borrowAmount / 1000, borrowAmount);
        vm.prank(carol);
        pool.liquidate(address(weth), address(debtToken), alice, cover, false);
        uint256 hfAfter = pool.healthFactor(alice);
        if (pool.variableDebtOf(address(debtToken), alice) != 0) assertGe(hfAfter, hfBefore, "HF not lowered");
    }
}
