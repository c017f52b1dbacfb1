// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {PoolFlashReceiver} from "./PoolFlashReceiver.sol";
import {IERC3156FlashBorrower} from "../../../src/interfaces/IERC3156FlashBorrower.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";

/// @title Gas of each pool operation in the issue's conditions (a second reserve in use, indexes last updated a block
/// ago), measured with gasleft() around the call: the call's execution only, without the transaction's 21,000 base
/// and calldata (the anvil comparison against Aave V3 measures whole transactions). Run with -vv to print.
/// @dev Each figure is its own test, so the pool's storage is cold as in a fresh transaction. What is asserted is
/// only that the call's execution stays below Aave V3's whole-transaction figure (the issue's 75 % target is NOT
/// met by every operation yet: see README-core.md, "Gas"); each test also prints the 75 % target less the 21,000
/// base for comparison.
contract PoolGasTest is PoolFixture {
    event log_named_uint(string key, uint256 val);

    PoolFlashReceiver internal receiver;

    function setUp() public override {
        super.setUp();
        receiver = new PoolFlashReceiver(address(pool));
        usdc.mint(address(receiver), 1e30);
        _deposit(bob, usdc, 10_000_000e6);
        _deposit(bob, weth, 1000e18);
        _deposit(alice, weth, 100e18);
        _deposit(alice, usdc, 10_000e6); // a second reserve in use
        _borrow(alice, usdc, 50_000e6);
        vm.prank(alice);
        pool.borrow(address(usdc), 10_000e6, IFlashSwapPool.RateMode.STABLE);
        _deposit(carol, weth, 10e18);
        _borrow(carol, usdc, 15_000e6);
        vm.warp(block.timestamp + 12);
        vm.roll(block.number + 1);
    }

    function _report(string memory what, uint256 used, uint256 aave) internal {
        emit log_named_uint(what, used);
        emit log_named_uint("  target (75 % of Aave V3 less 21,000)", aave * 75 / 100 - 21_000);
        assertLe(used, aave, "below Aave V3's whole-transaction figure");
    }

    function test_GasSupplyExistingPosition() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.deposit(address(usdc), 1000e6, alice);
        _report("supply (existing position)", g - gasleft(), 158_757);
    }

    function test_GasSupplyNewUser() public {
        _fund(address(0xE1));
        vm.prank(address(0xE1));
        uint256 g = gasleft();
        pool.deposit(address(usdc), 1000e6, address(0xE1));
        _report("supply (new user)", g - gasleft(), 200_234);
    }

    function test_GasRedeemPartialWithoutDebt() public {
        vm.prank(bob);
        uint256 g = gasleft();
        pool.redeem(address(usdc), 1000e6, bob);
        _report("withdraw partial, no debt", g - gasleft(), 167_019);
    }

    function test_GasRedeemPartialWithDebt() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.redeem(address(weth), 1e18, alice);
        _report("withdraw partial, with debt", g - gasleft(), 243_945);
    }

    function test_GasVariableBorrow() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.borrow(address(usdc), 1000e6, IFlashSwapPool.RateMode.VARIABLE);
        _report("variable borrow", g - gasleft(), 234_132);
    }

    function test_GasVariableBorrowFirstDebt() public {
        vm.prank(bob);
        uint256 g = gasleft();
        pool.borrow(address(usdc), 1000e6, IFlashSwapPool.RateMode.VARIABLE);
        _report("variable borrow (first debt)", g - gasleft(), 247_169);
    }

    function test_GasStableBorrow() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.borrow(address(usdc), 1000e6, IFlashSwapPool.RateMode.STABLE);
        _report("stable borrow", g - gasleft(), 246_176);
    }

    function test_GasRepayPartial() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.repay(address(usdc), 1000e6, IFlashSwapPool.RateMode.VARIABLE, alice);
        _report("repay partial", g - gasleft(), 171_618);
    }

    function test_GasRepayFull() public {
        vm.prank(alice);
        uint256 g = gasleft();
        pool.repay(address(usdc), type(uint256).max, IFlashSwapPool.RateMode.VARIABLE, alice);
        _report("repay full", g - gasleft(), 176_447);
    }

    function test_GasLiquidationReceiveUnderlying() public {
        oracle.setPrice(address(weth), 1800e18);
        vm.prank(bob);
        uint256 g = gasleft();
        pool.liquidate(address(weth), address(usdc), carol, 5000e6, false);
        _report("liquidation (underlying)", g - gasleft(), 371_833);
    }

    function test_GasLiquidationReceiveFToken() public {
        oracle.setPrice(address(weth), 1800e18);
        vm.prank(bob);
        uint256 g = gasleft();
        pool.liquidate(address(weth), address(usdc), carol, 5000e6, true);
        _report("liquidation (fTokens)", g - gasleft(), 312_555);
    }

    function test_GasFlashLoan() public {
        uint256 g = gasleft();
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 100_000e6, "");
        _report("flash loan", g - gasleft(), 166_085);
    }
}
