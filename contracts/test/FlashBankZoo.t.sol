// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {IERC20Minimal} from "../src/interfaces/IERC20Minimal.sol";
import {WETH9} from "../src/devnet/WETH9.sol";
import {NoReturnToken} from "./mocks/NoReturnToken.sol";
import {FalseReturnToken} from "./mocks/FalseReturnToken.sol";
import {BlacklistToken} from "./mocks/BlacklistToken.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {BrokenViewToken} from "./mocks/BrokenViewToken.sol";
import {HookArmingBorrower} from "./mocks/HookArmingBorrower.sol";

/// @title FlashBank against a zoo of tokens: each loan either works exactly or reverts whole, and no provider
/// loses a wei, except where a careless owner lists a token the allow-list is not meant for (fee on transfer),
/// whose cost is measured here and documented in contracts/README.md.
contract FlashBankZooTest is FlashBankFixture {
    address internal a = makeAddr("a");
    address internal b = makeAddr("b");
    address internal c = makeAddr("c");

    // ---------------------------------------------------------------- helpers for tokens of any shape

    function _allowList(address t) internal {
        vm.prank(owner);
        bank.listToken(t, 1);
    }

    function _mint(address t, address to, uint256 amount) internal {
        (bool ok,) = t.call(abi.encodeWithSignature("mint(address,uint256)", to, amount));
        require(ok, "mint");
    }

    /// @dev Funds `p` with `balance` of `t`, approves the bank for max and commits `commitment`.
    function _join(address t, address p, uint256 balance, uint256 commitment) internal {
        _mint(t, p, balance);
        vm.startPrank(p);
        (bool ok,) = t.call(abi.encodeCall(IERC20Minimal.approve, (address(bank), type(uint256).max)));
        require(ok, "approve");
        bank.commit(t, commitment);
        vm.stopPrank();
    }

    function _balanceOf(address t, address who) internal view returns (uint256) {
        return IERC20Minimal(t).balanceOf(who);
    }

    function _fundFeeIn(address t, uint256 amount) internal returns (uint256 fee) {
        fee = bank.flashFee(t, amount);
        _mint(t, address(borrower), fee);
    }

    // ---------------------------------------------------------------- WETH9

    function test_Weth9LoansOfBothKindsRepayEveryProvider() public {
        WETH9 weth = new WETH9();
        _allowList(address(weth));
        address[3] memory ps = [a, b, c];
        for (uint256 i; i < 3; ++i) {
            vm.deal(ps[i], 5 ether);
            vm.startPrank(ps[i]);
            weth.deposit{value: 5 ether}();
            weth.approve(address(bank), type(uint256).max);
            bank.commit(address(weth), 4 ether);
            vm.stopPrank();
        }
        vm.deal(address(this), 1 ether);
        weth.deposit{value: 1 ether}();
        require(weth.transfer(address(borrower), 1 ether), "fund borrower");

        bank.flashLoan(borrower, address(weth), 9 ether, "");
        bank.flashLoanFrom(borrower, address(weth), 6 ether, "", _list(c, b, a));
        for (uint256 i; i < 3; ++i) {
            assertEq(weth.balanceOf(ps[i]), 5 ether, "principal back");
        }
        uint256 profit = bank.profitOf(address(weth), c);
        assertGt(profit, 0, "c earned");
        vm.prank(c);
        bank.withdrawProfits(address(weth));
        assertEq(weth.balanceOf(c), 5 ether + profit, "WETH profit paid");
        assertEq(
            weth.balanceOf(address(bank)),
            bank.profitOf(address(weth), a) + bank.profitOf(address(weth), b),
            "balance == profits"
        );
    }

    // ---------------------------------------------------------------- no return value

    function test_NoReturnValueTokenLendsAndPaysOut() public {
        NoReturnToken t = new NoReturnToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        uint256 fee = _fundFeeIn(address(t), 6e18);
        bank.flashLoan(borrower, address(t), 6e18, "");
        _fundFeeIn(address(t), 6e18);
        bank.flashLoanFrom(borrower, address(t), 6e18, "", _list(b, a));
        assertEq(_balanceOf(address(t), a), 10e18, "a repaid");
        assertEq(_balanceOf(address(t), b), 10e18, "b repaid");

        vm.prank(a);
        uint256 paid = bank.withdrawProfits(address(t));
        assertEq(paid, fee / 2 + fee / 3, "half of the first fee, a third of the second");
        assertEq(_balanceOf(address(t), a), 10e18 + paid, "paid without a return value");
    }

    function test_RevertWhen_NoReturnValueBorrowerCannotRepay() public {
        NoReturnToken t = new NoReturnToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        // the borrower holds no fee: its fee transfer reverts inside the token
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), address(bank), 2e14)
        );
        bank.flashLoan(borrower, address(t), 1e18, "");
        assertEq(_balanceOf(address(t), a), 10e18, "no loss");
    }

    // ---------------------------------------------------------------- false instead of revert

    function test_FalseReturningTokenRetriesWithWhatTheProviderHolds() public {
        FalseReturnToken t = new FalseReturnToken();
        _allowList(address(t));
        _join(address(t), a, 2e18, 5e18); // commits more than it holds: the direct pull answers false
        _join(address(t), b, 10e18, 5e18);
        _fundFeeIn(address(t), 6e18);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(t), 6e18, "", _list(a, b));
        LoanLog memory loan = _lastLoan();
        assertEq(loan.pulls, _amounts(2e18, 4e18), "false answer handled, retried with the balance");
        assertEq(_balanceOf(address(t), a), 2e18, "a repaid");
    }

    function test_RevertWhen_FalseReturningRepaymentFails() public {
        FalseReturnToken t = new FalseReturnToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 5e18);
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), address(bank), 2e14)
        );
        bank.flashLoan(borrower, address(t), 1e18, "");
        assertEq(_balanceOf(address(t), a), 10e18, "no loss");
    }

    // ---------------------------------------------------------------- blacklist

    function test_BlacklistedProviderIsSkippedAndOthersCoverItsPart() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        _join(address(t), c, 10e18, 4e18);
        t.setBlacklisted(a, true); // its balance and allowance still look fine
        uint256 fee = _fundFeeIn(address(t), 6e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(t), 6e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(b, c), "a skipped");
        assertEq(loan.pulls, _amounts(4e18, 2e18), "a's part carried to b (to its room) and on to c");
        assertEq(_sum(loan.feeShares), fee, "fee split over the providers actually pulled");
        assertEq(bank.profitOf(address(t), a), 0, "a earned nothing");
        for (uint256 i; i < 3; ++i) {
            assertEq(_balanceOf(address(t), [a, b, c][i]), 10e18, "no loss");
        }
    }

    function test_ShortfallAfterTheLastProviderComesFromEarlierRoom() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        _join(address(t), c, 10e18, 4e18);
        t.setBlacklisted(c, true); // the last in set order fails: its part must come back from a and b
        _fundFeeIn(address(t), 7.5e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(t), 7.5e18, "");
        LoanLog memory loan = _lastLoan();
        // plan 2.5e18 each; c fails; the second sweep tops a up to its room (1.5e18) and b by the last 1e18
        assertEq(loan.providers, _list(a, b), "c skipped");
        assertEq(loan.pulls, _amounts(4e18, 3.5e18), "a and b lent a second time");
        for (uint256 i; i < 3; ++i) {
            assertEq(_balanceOf(address(t), [a, b, c][i]), 10e18, "no loss");
        }
    }

    function test_AProviderFirstPulledInTheSecondSweepIsListedInPullOrder() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        address d = makeAddr("d");
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 1); // so small its pro-rata part floors to 0: skipped by the first sweep
        _join(address(t), c, 10e18, 4e18);
        _join(address(t), d, 10e18, 4e18);
        t.setBlacklisted(d, true);
        uint256 amount = 8e18 + 1; // everything a, b and c can lend
        uint256 fee = _fundFeeIn(address(t), amount);
        vm.recordLogs();
        bank.flashLoan(borrower, address(t), amount, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(a, c, b), "b was pulled last, in the second sweep");
        assertEq(loan.pulls, _amounts(4e18, 4e18, 1), "everyone to capacity");
        assertEq(_sum(loan.feeShares), fee, "fee split exactly");
        assertEq(bank.profitOf(address(t), b), loan.feeShares[2], "b credited its share");
        assertEq(_balanceOf(address(t), b), 10e18, "b repaid");
    }

    function test_RevertWhen_BlacklistedShortfallCannotBeCovered() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        t.setBlacklisted(b, true);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 6e18, 4e18));
        bank.flashLoan(borrower, address(t), 6e18, "");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 6e18, 4e18));
        bank.flashLoanFrom(borrower, address(t), 6e18, "", _list(b, a));
    }

    function test_BlacklistedProviderIsSkippedByFlashLoanFrom() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        t.setBlacklisted(a, true);
        _fundFeeIn(address(t), 3e18);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(t), 3e18, "", _list(a, b));
        assertEq(_lastLoan().providers, _list(b), "a skipped after its direct pull and its retry failed");
    }

    function test_RevertWhen_BlacklistedReceiverGetsNothing() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        t.setBlacklisted(address(borrower), true);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 1e18, 0));
        bank.flashLoan(borrower, address(t), 1e18, "");
    }

    function test_RevertWhen_WithdrawToBlacklistedProviderFails() public {
        BlacklistToken t = new BlacklistToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _fundFeeIn(address(t), 4e18);
        bank.flashLoan(borrower, address(t), 4e18, "");
        t.setBlacklisted(a, true);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.TransferFailed.selector, address(t), a, 8e14));
        vm.prank(a);
        bank.withdrawProfits(address(t));
        assertEq(bank.profitOf(address(t), a), 8e14, "profit kept for later");
    }

    // ---------------------------------------------------------------- reentrant hook

    function test_HookThatReentersMakesThePullFailAndTheLoanRevert() public {
        ReentrantToken t = new ReentrantToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        _fundFeeIn(address(t), 4e18);
        t.setHook(address(bank), abi.encodeCall(IFlashBank.commit, (address(t), 1e18)));
        // every pull re-enters commit, is refused, and so fails: nothing can be lent
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 4e18, 0));
        bank.flashLoan(borrower, address(t), 4e18, "");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 4e18, 0));
        bank.flashLoanFrom(borrower, address(t), 4e18, "", _list(a, b));

        t.setHook(address(bank), abi.encodeCall(IFlashBank.withdrawProfits, (address(t))));
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 4e18, 0));
        bank.flashLoan(borrower, address(t), 4e18, "");
        assertEq(_balanceOf(address(t), a), 10e18, "no loss");
        assertEq(_balanceOf(address(t), b), 10e18, "no loss");
    }

    function test_HookThatReentersOnlyOnRepaymentRevertsTheWholeLoan() public {
        ReentrantToken t = new ReentrantToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _fundFeeIn(address(t), 4e18);
        // armed from inside the callback, after the pulls: the repayment re-enters and fails
        HookArmingBorrower arming = new HookArmingBorrower(bank, t);
        _mint(address(t), address(arming), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(arming), a, 4e18));
        bank.flashLoan(arming, address(t), 4e18, "");
        assertEq(_balanceOf(address(t), a), 10e18, "no loss");
    }

    function test_HarmlessHookLetsLoansWork() public {
        ReentrantToken t = new ReentrantToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _fundFeeIn(address(t), 4e18);
        t.setHook(address(bank), abi.encodeCall(IFlashBank.feeBps, ()));
        bank.flashLoan(borrower, address(t), 4e18, "");
        assertEq(_balanceOf(address(t), a), 10e18, "repaid");
        assertEq(t.hookCalls(), 3, "the pull, the repayment and the fee each ran the hook");
    }

    // ---------------------------------------------------------------- broken views

    function test_BrokenViewsCountAsNothingAvailable() public {
        BrokenViewToken t = new BrokenViewToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        _join(address(t), b, 10e18, 4e18);
        _join(address(t), c, 10e18, 4e18);
        t.setFaults(a, BrokenViewToken.Fault.Revert, BrokenViewToken.Fault.None);
        t.setFaults(b, BrokenViewToken.Fault.None, BrokenViewToken.Fault.ShortAnswer);
        assertEq(bank.available(address(t), a), 0, "reverting balanceOf counts 0");
        assertEq(bank.available(address(t), b), 0, "short allowance answer counts 0");
        assertEq(bank.available(address(t), c), 4e18, "c is fine");
        assertEq(bank.maxFlashLoan(address(t)), 4e18, "maxFlashLoan does not revert");

        _fundFeeIn(address(t), 3e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(t), 3e18, "");
        assertEq(_lastLoan().providers, _list(c), "the pro-rata loan lends from c alone");
        assertEq(t.realBalanceOf(a), 10e18, "a untouched");
        assertEq(t.realBalanceOf(c), 10e18, "c repaid");

        t.setFaults(c, BrokenViewToken.Fault.EmptyAnswer, BrokenViewToken.Fault.None);
        assertEq(bank.available(address(t), c), 0, "empty answer counts 0");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 1e18, 0));
        bank.flashLoan(borrower, address(t), 1e18, "");
        bank.prune(address(t), c); // nothing available by its views: prunable
        assertEq(bank.commitmentOf(address(t), c), 0, "pruned");
    }

    function test_BrokenViewsDoNotStopADirectGreedyPull() public {
        BrokenViewToken t = new BrokenViewToken();
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        t.setFaults(a, BrokenViewToken.Fault.Revert, BrokenViewToken.Fault.Revert);
        _fundFeeIn(address(t), 4e18);
        bank.flashLoanFrom(borrower, address(t), 4e18, "", _list(a));
        assertEq(t.realBalanceOf(a), 10e18, "the direct pull needs no views");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 5e18, 4e18));
        bank.flashLoanFrom(borrower, address(t), 5e18, "", _list(a));
    }

    // ---------------------------------------------------------------- fee on transfer (a careless listing)

    /// @dev The allow-list is for standard tokens. A fee-on-transfer token, if listed anyway, still lends and is
    /// repaid by the receiver's transfers, but each leg is taxed: a provider that lends `x` gets back
    /// `x * (1 - t)` and so loses `x * t` per loan, and the bank receives `fee * (1 - t)` while crediting `fee`,
    /// so the last provider to withdraw finds the bank short. This test pins those numbers down.
    function test_FeeOnTransferTokenListedCarelesslyCostsProvidersTheTax() public {
        FeeOnTransferToken t = new FeeOnTransferToken(100); // 1% burned per transfer
        _allowList(address(t));
        _join(address(t), a, 10e18, 4e18);
        uint256 fee = bank.flashFee(address(t), 4e18);
        _mint(address(t), address(borrower), 1e18); // enough to make up the tax on its side
        bank.flashLoan(borrower, address(t), 4e18, "");
        uint256 tax = 4e18 / 100;
        assertEq(_balanceOf(address(t), a), 10e18 - tax, "a lost the tax on the repayment leg");
        assertEq(_balanceOf(address(t), address(bank)), fee - fee / 100, "the bank got the fee less tax");
        assertEq(bank.profitOf(address(t), a), fee, "but credited the whole fee");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.TransferFailed.selector, address(t), a, fee));
        vm.prank(a);
        bank.withdrawProfits(address(t));
    }
}
