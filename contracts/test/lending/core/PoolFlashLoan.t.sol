// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {PoolFlashReceiver} from "./PoolFlashReceiver.sol";
import {IERC3156FlashBorrower} from "../../../src/interfaces/IERC3156FlashBorrower.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {PoolErrors} from "../../../src/lending/libraries/PoolErrors.sol";

/// @title ERC-3156 flash loans from the pool's idle cash: fee to depositors via the index, protocol share, guards.
contract PoolFlashLoanTest is PoolFixture {
    PoolFlashReceiver internal receiver;

    function setUp() public override {
        super.setUp();
        receiver = new PoolFlashReceiver(address(pool));
        usdc.mint(address(receiver), 1e30);
    }

    function testFuzz_FeeAccruesToDepositorsAndTheTreasury(uint256 amount, uint256 a, uint256 b) public {
        a = bound(a, 1e6, 1e15);
        b = bound(b, 1e6, 1e15);
        _deposit(alice, usdc, a);
        _deposit(bob, usdc, b);
        amount = bound(amount, 1, a + b);
        uint256 fee = pool.flashFee(address(usdc), amount);
        assertEq(fee, (amount * 9 + 9999) / 10_000, "9 bps rounded up");
        uint256 protocolFee = fee * 2000 / 10_000;
        uint256 beforeA = pool.depositOf(address(usdc), alice);
        uint256 beforeB = pool.depositOf(address(usdc), bob);
        vm.expectEmit(address(pool));
        emit IFlashSwapPool.FlashLoan(address(receiver), carol, address(usdc), amount, fee, protocolFee);
        vm.prank(carol);
        assertTrue(pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), amount, ""), "returns true");
        uint256 gainA = pool.depositOf(address(usdc), alice) - beforeA;
        uint256 gainB = pool.depositOf(address(usdc), bob) - beforeB;
        uint256 toHolders = fee - protocolFee;
        assertLe(gainA + gainB, toHolders, "depositors gain at most the fee less the protocol share");
        assertGe(gainA + gainB + 2, toHolders * (a + b) / (a + b + 1), "and all of it but rounding");
        assertApproxEqAbs(gainA * b, gainB * a, (a + b) * 2, "pro rata");
        assertEq(pool.reserveData(address(usdc)).cash, a + b + fee, "cash grew by the fee");
        assertGe(pool.reserveData(address(usdc)).liquidityIndexRay, RAY, "index never decreases");
    }

    function test_MaxFlashLoanIsTheCash() public {
        _deposit(alice, usdc, 500e6);
        assertEq(pool.maxFlashLoan(address(usdc)), 500e6, "cash");
        assertEq(pool.maxFlashLoan(address(0xdead)), 0, "unlisted");
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.ReserveNotActive.selector, address(0xdead)));
        pool.flashFee(address(0xdead), 1);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.InsufficientLiquidity.selector, address(usdc), 501e6, 500e6));
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 501e6, "");
    }

    function test_RevertWhen_ReceiverIsNotAContractOrMisbehaves() public {
        _deposit(alice, usdc, 500e6);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.ReceiverNotContract.selector, carol));
        pool.flashLoan(IERC3156FlashBorrower(carol), address(usdc), 1e6, "");
        receiver.setMode(PoolFlashReceiver.Mode.WrongReturn, "");
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.FlashLoanCallbackFailed.selector, address(receiver)));
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 1e6, "");
        receiver.setMode(PoolFlashReceiver.Mode.NoApprove, "");
        vm.expectRevert();
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 1e6, "");
    }

    function test_RevertWhen_TheReceiverReentersThePool() public {
        _deposit(alice, usdc, 500e6);
        receiver.setMode(PoolFlashReceiver.Mode.Reenter, abi.encodeCall(pool.deposit, (address(usdc), 1e6, address(receiver))));
        vm.expectRevert(bytes4(keccak256("ReentrancyGuardReentrantCall()")));
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 1e6, "");
        receiver.setMode(PoolFlashReceiver.Mode.Reenter, abi.encodeCall(pool.redeem, (address(usdc), 1e6, address(receiver))));
        vm.expectRevert(bytes4(keccak256("ReentrancyGuardReentrantCall()")));
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 1e6, "");
    }

    function test_FeeGoesToTheTreasuryWhenNobodyHoldsFTokens() public {
        // cash without holders is impossible through deposits; a flash loan of 0 is refused
        vm.expectRevert(PoolErrors.ZeroAmount.selector);
        pool.flashLoan(IERC3156FlashBorrower(address(receiver)), address(usdc), 0, "");
    }
}
