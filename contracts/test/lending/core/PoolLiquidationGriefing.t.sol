// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";

/// @dev Foundry's state snapshots, which the project's small Vm interface does not declare.
interface VmStateSnapshots {
    function snapshotState() external returns (uint256);
    function revertToState(uint256 id) external returns (bool);
}

/// @title Liquidation griefing: cutting one liquidation into many tiny ones never seizes more collateral or removes
/// less debt per unit paid than doing it at once — each step's rounding is the pool's, not the liquidator's.
contract PoolLiquidationGriefingTest is PoolFixture {
    VmStateSnapshots internal constant SNAP = VmStateSnapshots(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    struct Outcome {
        uint256 paid;
        uint256 seized;
        uint256 debtLeft;
        uint256 collateralLeft;
    }

    function _liquidate(uint256 pieces, uint256 total) internal returns (Outcome memory o) {
        uint256 usdcBefore = usdc.balanceOf(carol);
        uint256 wethBefore = weth.balanceOf(carol);
        for (uint256 i; i < pieces; ++i) {
            vm.prank(carol);
            pool.liquidate(address(weth), address(usdc), alice, total / pieces, false);
        }
        o.paid = usdcBefore - usdc.balanceOf(carol);
        o.seized = weth.balanceOf(carol) - wethBefore;
        o.debtLeft = pool.variableDebtOf(address(usdc), alice);
        o.collateralLeft = pool.depositOf(address(weth), alice);
    }

    function testFuzz_ManyTinyLiquidationsNeverBeatOne(uint256 pieces, uint256 total) public {
        pieces = 2 + pieces % 39; // 2..40 pieces
        total = 1_000e6 + total % 1_000e6; // 1,000..2,000 USDC: the HF stays below 1 throughout
        _deposit(alice, weth, 10e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 15_000e6);
        oracle.setPrice(address(weth), 1800e18); // HF 0.96
        total -= total % pieces;
        uint256 snapshot = SNAP.snapshotState();
        Outcome memory once = _liquidate(1, total);
        assertTrue(SNAP.revertToState(snapshot), "state restored");
        Outcome memory split = _liquidate(pieces, total);
        assertEq(split.paid, once.paid, "the liquidator pays the same");
        assertLe(split.seized, once.seized, "and never seizes more collateral by splitting");
        assertLe(split.debtLeft, once.debtLeft + pieces, "the debt falls as much, up to one unit a piece");
        assertGe(split.collateralLeft + pieces, once.collateralLeft, "the borrower keeps as much collateral, up to a unit a piece");
        assertLt(pool.healthFactor(alice), 1e18, "still liquidatable: the test ran where splitting could matter");
    }

    function test_ADustLiquidationIsRefusedOrMovesDebt() public {
        _deposit(alice, weth, 10e18);
        _deposit(bob, usdc, 1_000_000e6);
        _borrow(alice, usdc, 15_000e6);
        vm.warp(block.timestamp + 365 days); // an index well above 1: one unit of USDC is less than a scaled unit
        oracle.setPrice(address(weth), 1700e18);
        uint256 debtBefore = pool.variableDebtOf(address(usdc), alice);
        uint256 wethBefore = weth.balanceOf(carol);
        vm.prank(carol);
        try pool.liquidate(address(weth), address(usdc), alice, 1, false) returns (uint256 repaid, uint256 seized) {
            assertGt(repaid, 0, "a liquidation that goes through repays something");
            assertLt(pool.variableDebtOf(address(usdc), alice), debtBefore, "and the debt falls");
            assertLe(seized * 1700e18 / 1e18, repaid * 1e12 * 10_500 / 10_000 + 1e12, "seizing no more than debt x bonus");
        } catch {
            assertEq(weth.balanceOf(carol), wethBefore, "refused: nothing seized");
            assertEq(pool.variableDebtOf(address(usdc), alice), debtBefore, "and nothing changed");
        }
    }
}
