// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FToken} from "../../../src/lending/FToken.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {PoolErrors} from "../../../src/lending/libraries/PoolErrors.sol";

/// @title Deposits, redeems, collateral flags and fTokens (balances, transfers, votes), and the deposit-side attacks.
contract PoolDepositsTest is PoolFixture {
    function testFuzz_DepositMintsOneToOneAtIndexOneForEveryDecimals(uint256 amount, uint8 which) public {
        MockERC20 token = [weth, usdc, wbtc][which % 3];
        amount = bound(amount, 1, 1e12 * _unit(token));
        uint256 before = token.balanceOf(alice);
        _deposit(alice, token, amount);
        assertEq(pool.depositOf(address(token), alice), amount, "claim == amount");
        assertEq(fToken(token).balanceOf(alice), amount, "fToken balance == amount");
        assertEq(fToken(token).scaledBalanceOf(alice), amount, "scaled 1:1 at index 1");
        assertEq(token.balanceOf(alice), before - amount, "pulled");
        assertEq(pool.reserveData(address(token)).cash, amount, "cash tracked");
        assertTrue(pool.userConfig(alice) & (1 << (2 * uint256(which % 3) + 1)) != 0, "first deposit is collateral");
    }

    function test_DepositEmitsDeposit() public {
        vm.expectEmit(address(pool));
        emit IFlashSwapPool.Deposit(address(usdc), alice, bob, 5e6);
        vm.prank(alice);
        pool.deposit(address(usdc), 5e6, bob);
        assertEq(pool.depositOf(address(usdc), bob), 5e6, "on behalf of bob");
    }

    function test_RevertWhen_DepositZeroOrToZeroAddress() public {
        vm.prank(alice);
        vm.expectRevert(PoolErrors.ZeroAmount.selector);
        pool.deposit(address(usdc), 0, alice);
        vm.prank(alice);
        vm.expectRevert(PoolErrors.ZeroAddress.selector);
        pool.deposit(address(usdc), 1, address(0));
    }

    function test_RevertWhen_DepositIntoFrozenPausedOrUnlisted() public {
        pool.setReserveStatus(address(usdc), true, true, false);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.ReserveFrozen.selector, address(usdc)));
        pool.deposit(address(usdc), 1e6, alice);
        pool.setReserveStatus(address(usdc), true, false, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.ReservePaused.selector, address(usdc)));
        pool.deposit(address(usdc), 1e6, alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.ReserveNotActive.selector, address(0xdead)));
        pool.deposit(address(0xdead), 1e6, alice);
    }

    function testFuzz_RedeemReturnsAtMostTheClaimAndAllRedeemsEverything(uint256 amount, uint256 part) public {
        amount = bound(amount, 2, 1e30);
        part = bound(part, 1, amount - 1);
        _deposit(alice, weth, amount);
        uint256 before = weth.balanceOf(carol);
        vm.prank(alice);
        uint256 got = pool.redeem(address(weth), part, carol);
        assertEq(got, part, "redeemed what was asked");
        assertEq(weth.balanceOf(carol) - before, part, "sent to `to`");
        assertEq(pool.depositOf(address(weth), alice), amount - part, "claim reduced");
        vm.prank(alice);
        got = pool.redeem(address(weth), type(uint256).max, alice);
        assertEq(got, amount - part, "max redeems the rest");
        assertEq(fToken(weth).scaledBalanceOf(alice), 0, "nothing left");
        assertEq(pool.userConfig(alice) & 2, 0, "collateral flag cleared");
    }

    function test_RevertWhen_RedeemMoreThanBalanceOrCash() public {
        _deposit(alice, usdc, 100e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.InsufficientBalance.selector, address(usdc), 101e6, 100e6));
        pool.redeem(address(usdc), 101e6, alice);
        _deposit(bob, weth, 1e18);
        _borrow(bob, usdc, 60e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.InsufficientLiquidity.selector, address(usdc), 50e6, 40e6));
        pool.redeem(address(usdc), 50e6, alice);
    }

    function test_RevertWhen_RedeemLeavesHealthFactorBelowOne() public {
        _deposit(alice, weth, 1e18); // 2000 base, LT 80 % → 1600
        _deposit(bob, usdc, 10_000e6);
        _borrow(alice, usdc, 1500e6);
        vm.prank(alice);
        // 0.1 WETH out: 0.9·2000·0.8 / 1500 = 0.96
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0.96e18));
        pool.redeem(address(weth), 0.1e18, alice);
    }

    /// @notice Redeeming (or transferring) the whole collateral clears its flag and is still health-checked.
    function test_RevertWhen_RedeemAllCollateralWithDebt() public {
        _deposit(alice, weth, 1e18);
        _deposit(bob, usdc, 10_000e6);
        _borrow(alice, usdc, 100e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0));
        pool.redeem(address(weth), type(uint256).max, alice);
        FToken f = fToken(weth);
        uint256 all = f.balanceOf(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0));
        f.transfer(bob, all);
    }

    function test_SetCollateralTogglesAndRefusesWhatWouldBreakTheHealthFactor() public {
        _deposit(alice, weth, 1e18);
        vm.prank(alice);
        vm.expectEmit(address(pool));
        emit IFlashSwapPool.CollateralToggled(address(weth), alice, false);
        pool.setCollateral(address(weth), false);
        assertEq(pool.userConfig(alice) & 2, 0, "off");
        vm.prank(alice);
        pool.setCollateral(address(weth), true);
        assertEq(pool.userConfig(alice) & 2, 2, "on");
        _deposit(bob, usdc, 10_000e6);
        _borrow(alice, usdc, 1000e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0));
        pool.setCollateral(address(weth), false);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.NoDeposit.selector, address(weth), carol));
        pool.setCollateral(address(weth), true);
    }

    // ---------------------------------------------------------------- fTokens

    function testFuzz_FTokenTransferMovesScaledRoundedUpForTheSender(uint256 amount, uint256 dt, uint256 sent) public {
        amount = bound(amount, 1e6, 2e12);
        dt = bound(dt, 1, 3650 days);
        _deposit(alice, usdc, amount);
        _deposit(carol, weth, 1000e18);
        _borrow(carol, usdc, amount / 2);
        vm.warp(block.timestamp + dt);
        FToken f = fToken(usdc);
        uint256 index = pool.liquidityIndexNow(address(usdc));
        assertGe(index, RAY, "index never below one");
        uint256 bal = f.balanceOf(alice);
        sent = bound(sent, 1, bal);
        uint256 scaledBefore = f.scaledBalanceOf(alice);
        vm.prank(alice);
        assertTrue(f.transfer(bob, sent), "transfer");
        uint256 moved = scaledBefore - f.scaledBalanceOf(alice);
        assertEq(f.scaledBalanceOf(bob), moved, "bob got what alice lost");
        assertGe(moved * index, sent * RAY, "the moved units are worth at least what was sent");
        assertLt((moved - 1) * index, sent * RAY, "and no more than one unit over");
        assertGe(f.balanceOf(bob) + 1, sent, "bob's claim is what was sent, less at most one wei of floor");
    }

    function test_RevertWhen_FTokenTransferLeavesHealthFactorBelowOne() public {
        _deposit(alice, weth, 1e18);
        _deposit(bob, usdc, 10_000e6);
        _borrow(alice, usdc, 1500e6);
        FToken f = fToken(weth);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0.96e18));
        f.transfer(carol, 0.1e18);
        // transferFrom spends an allowance in underlying and meets the same check
        vm.prank(alice);
        f.approve(bob, 0.1e18);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.HealthFactorTooLow.selector, 0.96e18));
        f.transferFrom(alice, carol, 0.1e18);
        vm.prank(alice);
        assertTrue(f.transfer(carol, 0.01e18), "a small transfer keeps HF above 1");
        assertEq(pool.userConfig(carol) & 2, 2, "the recipient's first fTokens are collateral");
    }

    function test_RevertWhen_SomeoneButThePoolMintsBurnsOrSeizes() public {
        FToken f = fToken(usdc);
        vm.expectRevert(abi.encodeWithSelector(FToken.OnlyPool.selector, address(this)));
        f.mint(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(FToken.OnlyPool.selector, address(this)));
        f.burn(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(FToken.OnlyPool.selector, address(this)));
        f.transferOnLiquidation(alice, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(PoolErrors.NotFToken.selector, address(this)));
        pool.finalizeFTokenTransfer(address(usdc), alice, bob, 0, 0);
    }

    function test_FTokenVotesAreScaledCheckpointsByBlockAfterDelegation() public {
        FToken f = fToken(usdc);
        assertEq(f.clock(), block.number, "block-number clock");
        _deposit(alice, usdc, 100e6);
        assertEq(f.getVotes(alice), 0, "no votes before delegation");
        vm.prank(alice);
        f.delegate(alice);
        assertEq(f.getVotes(alice), 100e6, "scaled balance once delegated");
        uint256 snapshot = block.number;
        vm.roll(block.number + 1);
        _deposit(alice, usdc, 50e6);
        assertEq(f.getPastVotes(alice, snapshot), 100e6, "a deposit after the snapshot does not count");
        assertEq(f.getVotes(alice), 150e6, "but counts now");
    }

    // ---------------------------------------------------------------- attacks

    /// @notice A donation to the pool changes neither the index nor anyone's claim: cash is tracked internally, so
    /// the classic first-depositor inflation (deposit 1 wei, donate, victim's deposit rounds to 0) fails.
    function test_DonationDoesNotInflateAnEmptyReserve() public {
        _deposit(alice, usdc, 1);
        vm.prank(alice);
        require(usdc.transfer(address(pool), 1_000_000e6), "donate");
        _deposit(bob, usdc, 1000e6);
        assertEq(pool.depositOf(address(usdc), bob), 1000e6, "the victim keeps every unit");
        assertEq(pool.depositOf(address(usdc), alice), 1, "the attacker gained nothing");
        assertEq(pool.reserveData(address(usdc)).cash, 1000e6 + 1, "cash ignores the donation");
        assertEq(pool.liquidityIndexNow(address(usdc)), RAY, "index unchanged");
    }

    /// @notice Redeeming 1 wei at an index above one burns a whole scaled unit (worth more than 1 wei), so repeated
    /// tiny redeems lose the redeemer value instead of stealing it.
    function test_RedeemOneWeiRepeatedlyCannotTakeMoreThanTheClaim() public {
        _deposit(alice, usdc, 1_000_000e6);
        _deposit(carol, weth, 10_000e18);
        _borrow(carol, usdc, 900_000e6);
        vm.warp(block.timestamp + 365 days);
        _deposit(bob, usdc, 100);
        uint256 claim = pool.depositOf(address(usdc), bob);
        uint256 got;
        for (uint256 i; i < 200; ++i) {
            if (fToken(usdc).scaledBalanceOf(bob) == 0) break;
            vm.prank(bob);
            got += pool.redeem(address(usdc), 1, bob);
        }
        assertLe(got, claim, "never more than the claim");
        assertLe(got, 100, "never more than was put in");
    }

    /// @notice Ten years idle at a high utilisation: the indexes accrue once, without overflow, and the pool
    /// stays solvent.
    function test_TenYearsIdleAccruesWithoutOverflow() public {
        _deposit(alice, usdc, 1_000_000e6);
        _deposit(carol, weth, 100_000e18);
        _borrow(carol, usdc, 990_000e6); // U = 99 %: ~ 75 %/year variable
        vm.warp(block.timestamp + 3650 days);
        uint256 debt = pool.variableDebtOf(address(usdc), carol);
        assertGt(debt, 990_000e6 * 100, "more than a hundredfold");
        _deposit(bob, usdc, 1e6); // touches the reserve
        IFlashSwapPool.ReserveData memory d = pool.reserveData(address(usdc));
        uint256 totalDebt = d.totalScaledVariableDebt * d.variableBorrowIndexRay / RAY;
        uint256 claims = (fToken(usdc).scaledTotalSupply() + d.accruedToTreasury) * d.liquidityIndexRay / RAY;
        assertLe(claims, d.cash + totalDebt, "solvent");
    }

    /// @notice A token whose transfer calls back into the pool (ERC-777-style hook) cannot re-enter any entry point.
    function test_RevertWhen_ATokenHookReentersThePool() public {
        HookToken hooked = new HookToken();
        oracle.setPrice(address(hooked), 1e18);
        hooked.mint(address(this), 1e18);
        hooked.approve(address(pool), type(uint256).max);
        pool.listReserve(address(hooked), defaultParams());
        hooked.mint(alice, 1e21);
        vm.prank(alice);
        hooked.approve(address(pool), type(uint256).max);
        bytes[4] memory calls = [
            abi.encodeCall(pool.deposit, (address(hooked), 1, alice)),
            abi.encodeCall(pool.redeem, (address(hooked), 1, alice)),
            abi.encodeCall(pool.borrow, (address(hooked), 1, IFlashSwapPool.RateMode.VARIABLE)),
            abi.encodeCall(pool.liquidate, (address(hooked), address(hooked), bob, 1, false))
        ];
        for (uint256 i; i < calls.length; ++i) {
            hooked.setHook(address(pool), calls[i]);
            vm.prank(alice);
            vm.expectRevert(bytes4(keccak256("ReentrancyGuardReentrantCall()")));
            pool.deposit(address(hooked), 1e18, alice);
        }
    }
}

/// @title A token that calls `hookTarget` on every transfer (after listing), bubbling its revert.
contract HookToken is MockERC20 {
    address public hookTarget;
    bytes public hookData;

    constructor() MockERC20("Hooked", "HOOK", 18) {}

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function _move(address from, address to, uint256 amount) internal override {
        if (hookTarget != address(0)) {
            (bool ok, bytes memory reason) = hookTarget.call(hookData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        super._move(from, to, amount);
    }
}
