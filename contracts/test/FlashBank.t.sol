// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {FlashBank} from "../src/FlashBank.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {IERC3156FlashBorrower} from "../src/interfaces/IERC3156FlashBorrower.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {FlashBorrowerMock} from "./mocks/FlashBorrowerMock.sol";
import {SequentialLoans} from "./mocks/SequentialLoans.sol";

/// @title Unit tests of FlashBank: every function, every revert path, with a standard token.
contract FlashBankTest is FlashBankFixture {
    address internal stranger = makeAddr("stranger");

    // ---------------------------------------------------------------- construction and configuration

    function test_ConstructorSetsOwnerDefaultsAndBounds() public view {
        assertEq(bank.owner(), owner, "owner");
        assertEq(bank.pendingOwner(), address(0), "no pending owner");
        assertEq(bank.feeBps(), 2, "default fee is 2 bps");
        assertFalse(bank.paused(), "not paused");
        assertEq(bank.MAX_PROVIDERS(), 128, "provider bound");
        assertEq(bank.MAX_FEE_BPS(), 100, "fee bound");
    }

    function test_RevertWhen_ConstructorOwnerIsZero() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        new FlashBank(address(0));
    }

    function test_ListTokenSetsMinimumAndEmits() public {
        MockERC20 other = new MockERC20("Other", "OTH", 6);
        vm.expectEmit(address(bank));
        emit IFlashBank.TokenListed(address(other), 5);
        vm.prank(owner);
        bank.listToken(address(other), 5);
        assertTrue(bank.isListed(address(other)), "listed");
        assertEq(bank.minCommitment(address(other)), 5, "minimum");
    }

    function test_RevertWhen_ListTokenByNonOwner() public {
        MockERC20 other = new MockERC20("X", "X", 18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, stranger));
        vm.prank(stranger);
        bank.listToken(address(other), 1);
    }

    function test_RevertWhen_ListTokenTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.AlreadyListed.selector, address(token)));
        vm.prank(owner);
        bank.listToken(address(token), 1);
    }

    function test_RevertWhen_ListTokenIsZeroAddress() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        vm.prank(owner);
        bank.listToken(address(0), 1);
    }

    function test_RevertWhen_ListTokenHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, stranger));
        vm.prank(owner);
        bank.listToken(stranger, 1);
    }

    function test_RevertWhen_ListTokenMinimumAboveUint128() public {
        MockERC20 other = new MockERC20("X", "X", 18);
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.CommitmentTooLarge.selector, tooBig, uint256(type(uint128).max))
        );
        vm.prank(owner);
        bank.listToken(address(other), tooBig);
    }

    function test_UnlistTokenStopsLoansAndNewCommitments() public {
        _provider("lp", 10e18, 10e18);
        vm.expectEmit(address(bank));
        emit IFlashBank.TokenUnlisted(address(token));
        vm.prank(owner);
        bank.unlistToken(address(token));
        assertFalse(bank.isListed(address(token)), "unlisted");
        assertEq(bank.maxFlashLoan(address(token)), 0, "no liquidity offered");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, address(token)));
        bank.flashFee(address(token), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, address(token)));
        bank.flashLoan(borrower, address(token), 1e18, "");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, address(token)));
        bank.flashLoanFrom(borrower, address(token), 1e18, "", new address[](0));
    }

    function test_RevertWhen_UnlistTokenNotListed() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, stranger));
        vm.prank(owner);
        bank.unlistToken(stranger);
    }

    function test_RevertWhen_UnlistTokenByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, stranger));
        vm.prank(stranger);
        bank.unlistToken(address(token));
    }

    function test_RelistedTokenKeepsItsProviders() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.startPrank(owner);
        bank.unlistToken(address(token));
        bank.listToken(address(token), 2e6);
        vm.stopPrank();
        assertEq(bank.providerCount(address(token)), 1, "provider kept");
        assertEq(bank.commitmentOf(address(token), lp), 10e18, "commitment kept");
        assertEq(bank.minCommitment(address(token)), 2e6, "new minimum");
        assertEq(bank.maxFlashLoan(address(token)), 10e18, "lends again");
    }

    function test_SetFeeAppliesAndEmits() public {
        vm.expectEmit(address(bank));
        emit IFlashBank.FeeChanged(2, 100);
        vm.prank(owner);
        bank.setFee(100);
        assertEq(bank.feeBps(), 100, "fee");
        assertEq(bank.flashFee(address(token), 1e18), 1e16, "1%");
        vm.prank(owner);
        bank.setFee(0);
        assertEq(bank.flashFee(address(token), 1e18), 0, "free");
    }

    function test_RevertWhen_SetFeeAboveMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.FeeTooHigh.selector, 101, 100));
        vm.prank(owner);
        bank.setFee(101);
    }

    function test_RevertWhen_SetFeeByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, stranger));
        vm.prank(stranger);
        bank.setFee(1);
    }

    function test_SetPausedStopsOnlyLoans() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.expectEmit(address(bank));
        emit IFlashBank.PauseChanged(true);
        vm.prank(owner);
        bank.setPaused(true);
        assertTrue(bank.paused(), "paused");
        assertEq(bank.maxFlashLoan(address(token)), 0, "nothing offered while paused");
        vm.expectRevert(IFlashBank.LoansPaused.selector);
        bank.flashLoan(borrower, address(token), 1e18, "");
        vm.expectRevert(IFlashBank.LoansPaused.selector);
        bank.flashLoanFrom(borrower, address(token), 1e18, "", _list(lp));
        // commitments still change while paused
        vm.prank(lp);
        bank.commit(address(token), 5e18);
        assertEq(bank.commitmentOf(address(token), lp), 5e18, "commit works while paused");
        vm.prank(owner);
        bank.setPaused(false);
        assertEq(bank.maxFlashLoan(address(token)), 5e18, "resumed");
    }

    function test_RevertWhen_SetPausedByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, stranger));
        vm.prank(stranger);
        bank.setPaused(true);
    }

    function test_TwoStepOwnershipTransfer() public {
        address next = makeAddr("next");
        vm.expectEmit(address(bank));
        emit IFlashBank.OwnershipTransferStarted(owner, next);
        vm.prank(owner);
        bank.transferOwnership(next);
        assertEq(bank.pendingOwner(), next, "pending");
        assertEq(bank.owner(), owner, "not yet moved");

        vm.expectEmit(address(bank));
        emit IFlashBank.OwnershipTransferred(owner, next);
        vm.prank(next);
        bank.acceptOwnership();
        assertEq(bank.owner(), next, "moved");
        assertEq(bank.pendingOwner(), address(0), "pending cleared");

        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, owner));
        vm.prank(owner);
        bank.setFee(1);
    }

    function test_PendingOwnerCanBeReplacedBeforeAcceptance() public {
        address first = makeAddr("first");
        address second = makeAddr("second");
        vm.startPrank(owner);
        bank.transferOwnership(first);
        bank.transferOwnership(second);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotPendingOwner.selector, first));
        vm.prank(first);
        bank.acceptOwnership();
    }

    function test_RevertWhen_TransferOwnershipByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotOwner.selector, stranger));
        vm.prank(stranger);
        bank.transferOwnership(stranger);
    }

    function test_RevertWhen_TransferOwnershipToZero() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        vm.prank(owner);
        bank.transferOwnership(address(0));
    }

    function test_RevertWhen_AcceptOwnershipByNonPending() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotPendingOwner.selector, stranger));
        vm.prank(stranger);
        bank.acceptOwnership();
    }

    // ---------------------------------------------------------------- commit, leave, prune

    function test_CommitJoinsTheSetAndEmits() public {
        address lp = makeAddr("lp");
        vm.expectEmit(address(bank));
        emit IFlashBank.Committed(address(token), lp, 7e18);
        vm.prank(lp);
        bank.commit(address(token), 7e18);
        assertEq(bank.commitmentOf(address(token), lp), 7e18, "commitment");
        assertEq(bank.providerCount(address(token)), 1, "count");
        assertEq(bank.providers(address(token)), _list(lp), "set");
    }

    function test_CommitChangesCapWithoutJoiningTwice() public {
        address lp = _provider("lp", 10e18, 7e18);
        vm.prank(lp);
        bank.commit(address(token), 3e18);
        assertEq(bank.commitmentOf(address(token), lp), 3e18, "lowered");
        vm.prank(lp);
        bank.commit(address(token), 9e18);
        assertEq(bank.commitmentOf(address(token), lp), 9e18, "raised");
        assertEq(bank.providerCount(address(token)), 1, "still one provider");
    }

    function test_CommitZeroLeavesBySwapAndPop() public {
        address[] memory ps = _providers(4, 10e18, 10e18);
        vm.expectEmit(address(bank));
        emit IFlashBank.Committed(address(token), ps[1], 0);
        vm.prank(ps[1]);
        bank.commit(address(token), 0);
        address[] memory expected = new address[](3);
        (expected[0], expected[1], expected[2]) = (ps[0], ps[3], ps[2]);
        assertEq(bank.providers(address(token)), expected, "last moved into the gap");
        assertEq(bank.commitmentOf(address(token), ps[1]), 0, "left");

        // the moved provider's index was updated: it can leave too
        vm.prank(ps[3]);
        bank.commit(address(token), 0);
        assertEq(bank.providers(address(token)), _list(ps[0], ps[2]), "moved provider left");
        vm.prank(ps[2]);
        bank.commit(address(token), 0);
        vm.prank(ps[0]);
        bank.commit(address(token), 0);
        assertEq(bank.providerCount(address(token)), 0, "empty");

        vm.prank(ps[1]);
        bank.commit(address(token), 1e18);
        assertEq(bank.providers(address(token)), _list(ps[1]), "rejoins");
    }

    function test_CommitZeroWhenNotAProviderChangesNothing() public {
        _provider("lp", 10e18, 10e18);
        vm.expectEmit(address(bank));
        emit IFlashBank.Committed(address(token), stranger, 0);
        vm.prank(stranger);
        bank.commit(address(token), 0);
        assertEq(bank.providerCount(address(token)), 1, "set unchanged");
    }

    function test_LeavingWorksWhenUnlistedOrPaused() public {
        address a = _provider("a", 10e18, 10e18);
        address b = _provider("b", 10e18, 10e18);
        vm.startPrank(owner);
        bank.setPaused(true);
        bank.unlistToken(address(token));
        vm.stopPrank();
        vm.prank(a);
        bank.commit(address(token), 0);
        assertEq(bank.providers(address(token)), _list(b), "a left");
    }

    function test_RevertWhen_CommitToUnlistedToken() public {
        MockERC20 other = new MockERC20("X", "X", 18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, address(other)));
        vm.prank(stranger);
        bank.commit(address(other), 1e18);
    }

    function test_RevertWhen_ChangingACommitmentOnAnUnlistedToken() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.prank(owner);
        bank.unlistToken(address(token));
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, address(token)));
        vm.prank(lp);
        bank.commit(address(token), 5e18);
    }

    function test_RevertWhen_CommitBelowMinimum() public {
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.CommitmentBelowMinimum.selector, MIN_COMMITMENT - 1, MIN_COMMITMENT)
        );
        vm.prank(stranger);
        bank.commit(address(token), MIN_COMMITMENT - 1);
    }

    function test_RevertWhen_CommitAboveUint128() public {
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.CommitmentTooLarge.selector, tooBig, uint256(type(uint128).max))
        );
        vm.prank(stranger);
        bank.commit(address(token), tooBig);
    }

    function test_CommitOfUint128MaxIsAccepted() public {
        vm.prank(stranger);
        bank.commit(address(token), type(uint128).max);
        assertEq(bank.commitmentOf(address(token), stranger), type(uint128).max, "largest commitment");
    }

    function test_RevertWhen_CommitTokenIsZeroAddress() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        vm.prank(stranger);
        bank.commit(address(0), 1e18);
    }

    function test_RevertWhen_ProviderSetFull() public {
        for (uint256 i; i < 128; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) small constants
            vm.prank(address(uint160(0x1000 + i)));
            bank.commit(address(token), MIN_COMMITMENT);
        }
        assertEq(bank.providerCount(address(token)), 128, "full");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderSetFull.selector, address(token), 128));
        vm.prank(stranger);
        bank.commit(address(token), MIN_COMMITMENT);

        // a member may still change its cap, and a place freed by leaving can be taken
        vm.prank(address(uint160(0x1000)));
        bank.commit(address(token), 2 * MIN_COMMITMENT);
        vm.prank(address(uint160(0x1000)));
        bank.commit(address(token), 0);
        vm.prank(stranger);
        bank.commit(address(token), MIN_COMMITMENT);
        assertEq(bank.providerCount(address(token)), 128, "full again");
    }

    function test_PruneRemovesProviderThatMovedItsBalanceAway() public {
        address lp = _provider("lp", 10e18, 10e18);
        address other = _provider("other", 10e18, 10e18);
        vm.prank(lp);
        require(token.transfer(stranger, 10e18 - MIN_COMMITMENT + 1), "transfer");
        assertEq(bank.available(address(token), lp), MIN_COMMITMENT - 1, "below minimum");

        vm.expectEmit(address(bank));
        emit IFlashBank.ProviderPruned(address(token), lp, stranger);
        vm.prank(stranger);
        bank.prune(address(token), lp);
        assertEq(bank.commitmentOf(address(token), lp), 0, "commitment cleared");
        assertEq(bank.providers(address(token)), _list(other), "removed from the set");
    }

    function test_PruneRemovesProviderThatRevokedItsAllowance() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.prank(lp);
        token.approve(address(bank), 0);
        bank.prune(address(token), lp);
        assertEq(bank.providerCount(address(token)), 0, "pruned");
    }

    function test_RevertWhen_PruneActiveProvider() public {
        address lp = _provider("lp", 10e18, 4e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderStillActive.selector, lp, 4e18));
        bank.prune(address(token), lp);
    }

    function test_PruneOfNonProviderDoesNothing() public {
        _provider("lp", 10e18, 10e18);
        vm.recordLogs();
        bank.prune(address(token), stranger);
        assertEq(vm.getRecordedLogs().length, 0, "no event");
        assertEq(bank.providerCount(address(token)), 1, "set unchanged");
    }

    function test_PruneWithTheSmallestMinimumNeedsNothingAvailable() public {
        MockERC20 other = new MockERC20("Smallest minimum", "SM", 18);
        vm.prank(owner);
        bank.listToken(address(other), 1);
        address lp = makeAddr("lp0");
        _fund(other, lp, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderStillActive.selector, lp, 1));
        bank.prune(address(other), lp);
        vm.prank(lp);
        require(other.transfer(stranger, 1), "transfer");
        bank.prune(address(other), lp);
        assertEq(bank.providerCount(address(other)), 0, "pruned at zero available");
    }

    function test_AvailableIsMinOfCommitmentBalanceAndAllowance() public {
        address lp = _provider("lp", 10e18, 6e18);
        assertEq(bank.available(address(token), lp), 6e18, "commitment binds");
        vm.prank(lp);
        require(token.transfer(stranger, 5e18), "transfer");
        assertEq(bank.available(address(token), lp), 5e18, "balance binds");
        vm.prank(lp);
        token.approve(address(bank), 2e18);
        assertEq(bank.available(address(token), lp), 2e18, "allowance binds");
        assertEq(bank.available(address(token), stranger), 0, "not committed");
    }

    // ---------------------------------------------------------------- fees and limits

    function test_FlashFeeRoundsUp() public view {
        assertEq(bank.flashFee(address(token), 1), 1, "one wei still pays");
        assertEq(bank.flashFee(address(token), 5_000), 1, "half a unit rounds up");
        assertEq(bank.flashFee(address(token), 10_000), 2, "exact");
        assertEq(bank.flashFee(address(token), 10_001), 3, "just over rounds up");
        assertEq(bank.flashFee(address(token), 1e18), 2e14, "2 bps");
    }

    function test_FlashFeeOfTheLargestAmountDoesNotOverflow() public view {
        uint256 max = type(uint256).max;
        assertEq(bank.flashFee(address(token), max), max / 10_000 * 2 + 2, "ceil(max * 2 / 10000)");
    }

    function test_RevertWhen_FlashFeeForUnlistedToken() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, stranger));
        bank.flashFee(stranger, 1);
    }

    function test_MaxFlashLoanSumsWhatProvidersCanLend() public {
        _provider("a", 10e18, 4e18);
        address b = _provider("b", 3e18, 5e18);
        _provider("c", 10e18, 1e18);
        assertEq(bank.maxFlashLoan(address(token)), 8e18, "4 + 3 + 1");
        vm.prank(b);
        token.approve(address(bank), 1e18);
        assertEq(bank.maxFlashLoan(address(token)), 6e18, "allowance counts");
        assertEq(bank.maxFlashLoan(stranger), 0, "unlisted token");
    }

    // ---------------------------------------------------------------- pro-rata flashLoan

    function test_FlashLoanHandsTokensOverBeforeTheCallback() public {
        _providers(2, 10e18, 10e18);
        uint256 fee = _fundFee(6e18);
        vm.prank(stranger);
        assertTrue(bank.flashLoan(borrower, address(token), 6e18, "hello"), "returns true");
        assertEq(borrower.balanceInCallback(), 6e18 + fee, "loan (and pre-funded fee) present in the callback");
        assertEq(borrower.lastInitiator(), stranger, "initiator is msg.sender");
        assertEq(borrower.lastToken(), address(token), "token");
        assertEq(borrower.lastAmount(), 6e18, "amount");
        assertEq(borrower.lastFee(), fee, "fee");
        assertEq(borrower.lastData(), bytes("hello"), "data passed through");
        assertEq(token.balanceOf(address(borrower)), 0, "repaid everything");
    }

    function test_FlashLoanPullsProRataAndCreditsFeeShares() public {
        address a = _provider("a", 10e18, 1e18);
        address b = _provider("b", 10e18, 3e18);
        address c = _provider("c", 10e18, 4e18);
        uint256 fee = _fundFee(4e18);
        assertEq(fee, 8e14, "2 bps of 4e18");
        assertEq(bank.providers(address(token)), _list(b, c, a), "ranked: b and c in [2**61, 2**62), a below");

        vm.expectEmit(address(bank));
        emit IFlashBank.FlashLoan(
            address(token),
            address(borrower),
            address(this),
            4e18,
            fee,
            _list(b, c, a),
            _amounts(1.5e18, 2e18, 0.5e18),
            _amounts(3e14, 4e14, 1e14)
        );
        bank.flashLoan(borrower, address(token), 4e18, "");

        assertEq(_balances(token, _list(a, b, c)), _amounts(10e18, 10e18, 10e18), "principal back in every wallet");
        assertEq(_profits(address(token), _list(a, b, c)), _amounts(1e14, 3e14, 4e14), "shares credited");
        assertEq(token.balanceOf(address(bank)), fee, "the bank holds exactly the fee");
        assertEq(_commitments(address(token), _list(a, b, c)), _amounts(1e18, 3e18, 4e18), "commitments untouched");
    }

    function test_FlashLoanGivesTheRoundingRemainderInSetOrder() public {
        address a = _provider("a", 10e18, 1e18);
        address b = _provider("b", 10e18, 1e18);
        address c = _provider("c", 10e18, 1e18);
        _fundFee(1e18 + 1);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 1e18 + 1, "");
        LoanLog memory loan = _lastLoan();
        // floor(1e18 * (1e18 + 1) / 3e18) = 333333333333333333 each; the remainder 2 goes to the first provider
        // in set order with room, which takes all it can
        assertEq(loan.providers, _list(a, b, c), "set order");
        assertEq(loan.pulls, _amounts(333333333333333335, 333333333333333333, 333333333333333333), "dust in set order");
    }

    function test_FlashLoanRemainderSkipsProvidersWithoutRoom() public {
        address a = _provider("a", 10e18, 3e6);
        address b = _provider("b", 10e18, 3e6);
        address c = _provider("c", 10e18, 3e6);
        vm.prank(a);
        token.approve(address(bank), 0); // a has no room at all
        _fundFee(5e6 + 1);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 5e6 + 1, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(b, c), "a is left out");
        assertEq(loan.pulls, _amounts(2_500_001, 2_500_000), "the remainder skips a and goes to b");
    }

    function test_FlashLoanOfEverythingTakesEveryProviderToCapacity() public {
        address a = _provider("a", 10e18, 10e6);
        address b = _provider("b", 10e18, 20e6);
        _fundFee(30e6);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 30e6, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(b, a), "read in ranking order: b can lend more");
        assertEq(loan.pulls, _amounts(20e6, 10e6), "exactly at capacity");
    }

    function test_FlashLoanFeeDustGoesToTheFirstProviderPulled() public {
        address a = _provider("a", 10e18, 2e18);
        address b = _provider("b", 10e18, 2e18);
        address c = _provider("c", 10e18, 2e18);
        // amount 3e18 + 30000 -> fee ceil((3e18 + 30000) * 2 / 10000) = 6e14 + 6; pulls 1e18 + 10000 each
        uint256 amount = 3e18 + 30_000;
        uint256 fee = _fundFee(amount);
        assertEq(fee, 6e14 + 6, "fee");
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), amount, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.feeShares, _amounts(2e14 + 2, 2e14 + 2, 2e14 + 2), "exact thirds");
        assertEq(_sum(loan.feeShares), fee, "shares sum to the fee");

        // a fee of 1 over three providers: two floor to 0 and the first takes the 1
        fee = _fundFee(3);
        assertEq(fee, 1, "tiny loans still pay");
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 3, "");
        loan = _lastLoan();
        assertEq(loan.feeShares, _amounts(1, 0, 0), "dust to the first provider pulled");
        assertEq(_profits(address(token), _list(a, b, c)), _amounts(2e14 + 3, 2e14 + 2, 2e14 + 2), "credited");
        assertEq(token.balanceOf(address(bank)), _sumProfits(address(token), _list(a, b, c)), "balance == profits");
    }

    function test_FlashLoanLeavesOutProvidersThatCannotLend() public {
        address a = _provider("a", 10e18, 5e18);
        address b = _provider("b", 10e18, 5e18);
        address c = _provider("c", 10e18, 5e18);
        vm.prank(b);
        token.approve(address(bank), 0);
        _fundFee(4e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 4e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(a, c), "b cannot lend and is not listed");
        assertEq(loan.pulls, _amounts(2e18, 2e18), "split between the others");
    }

    function test_FlashLoanOverAFullSetOf128Providers() public {
        address[] memory ps = _providers(128, 2e18, 1e18);
        uint256 fee = _fundFee(128e18);
        uint256[] memory before = _balances(token, ps);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 128e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, ps, "everyone lends, in set order");
        assertEq(_sum(loan.pulls), 128e18, "amount");
        assertEq(_sum(loan.feeShares), fee, "fee");
        assertEq(_balances(token, ps), before, "everyone repaid");
    }

    /// @dev Equal providers share a rank: the loan reads them in set order until it covers the amount and what it
    /// read is 32 times the rank's bound (2**60 > 1e18 here), so 100 of the 128 lend 1e18 each.
    function test_FlashLoanOverEqualProvidersReadsWhatCoversIt() public {
        address[] memory ps = _providers(128, 2e18, 1e18);
        _fundFee(100e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 100e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers.length, 100, "the first 100 in set order");
        assertEq(loan.providers[99], ps[99], "in set order");
        assertEq(loan.pulls[0], 1e18, "each its whole availability");
    }

    function test_RevertWhen_FlashLoanExceedsLiquidity() public {
        _provider("a", 10e18, 2e18);
        _provider("b", 1e18, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 4e18, 3e18));
        bank.flashLoan(borrower, address(token), 4e18, "");
    }

    function test_RevertWhen_FlashLoanWithNoProviders() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 1, 0));
        bank.flashLoan(borrower, address(token), 1, "");
    }

    function test_RevertWhen_FlashLoanOfZero() public {
        _provider("a", 10e18, 2e18);
        vm.expectRevert(IFlashBank.ZeroAmount.selector);
        bank.flashLoan(borrower, address(token), 0, "");
        vm.expectRevert(IFlashBank.ZeroAmount.selector);
        bank.flashLoanFrom(borrower, address(token), 0, "", new address[](0));
    }

    function test_RevertWhen_FlashLoanReceiverIsZero() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        bank.flashLoan(IERC3156FlashBorrower(address(0)), address(token), 1, "");
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        bank.flashLoanFrom(IERC3156FlashBorrower(address(0)), address(token), 1, "", new address[](0));
    }

    function test_RevertWhen_FlashLoanTokenUnlisted() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.UnsupportedToken.selector, stranger));
        bank.flashLoan(borrower, stranger, 1, "");
    }

    function test_RevertWhen_CallbackReturnsTheWrongValue() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.WrongReturn);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.CallbackFailed.selector, keccak256("something else")));
        bank.flashLoan(borrower, address(token), 1e18, "");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.CallbackFailed.selector, keccak256("something else")));
        bank.flashLoanFrom(borrower, address(token), 1e18, "", ps);
        assertEq(_balances(token, ps), _amounts(10e18, 10e18), "nobody lost a wei");
    }

    function test_RevertWhen_ReceiverHasNoCode() public {
        address[] memory ps = _providers(1, 10e18, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.CallbackFailed.selector, bytes32(0)));
        bank.flashLoan(IERC3156FlashBorrower(stranger), address(token), 1e18, "");
        // a provider named as the receiver cannot be made to pay either
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.CallbackFailed.selector, bytes32(0)));
        bank.flashLoanFrom(IERC3156FlashBorrower(ps[0]), address(token), 1e18, "", ps);
    }

    function test_RevertWhen_CallbackRevertsItsReasonBubbles() public {
        _providers(1, 10e18, 10e18);
        borrower.setMode(FlashBorrowerMock.Mode.RevertInCallback);
        vm.expectRevert(abi.encodeWithSignature("Error(string)", "FlashBorrowerMock: refused"));
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_RevertWhen_BorrowerDoesNotApprove() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        _fundFee(4e18);
        borrower.setMode(FlashBorrowerMock.Mode.NoApprove);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), ps[0], 2e18));
        bank.flashLoan(borrower, address(token), 4e18, "");
        assertEq(_balances(token, ps), _amounts(10e18, 10e18), "nobody lost a wei");
    }

    function test_RevertWhen_BorrowerRepaysShort() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        uint256 fee = _fundFee(4e18);
        borrower.setMode(FlashBorrowerMock.Mode.RepayShort);
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), address(bank), fee)
        );
        bank.flashLoan(borrower, address(token), 4e18, "");
        assertEq(_balances(token, ps), _amounts(10e18, 10e18), "nobody lost a wei");
    }

    function test_RevertWhen_BorrowerSpendsTheLoan() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        _fundFee(4e18);
        borrower.setMode(FlashBorrowerMock.Mode.SpendLoan);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), ps[1], 2e18));
        bank.flashLoan(borrower, address(token), 4e18, "");
        assertEq(_balances(token, ps), _amounts(10e18, 10e18), "nobody lost a wei");
    }

    function test_RevertWhen_BorrowerCannotPayTheFee() public {
        address[] memory ps = _providers(1, 10e18, 10e18);
        // no fee funded: principal comes back, the fee pull fails
        vm.expectRevert(
            abi.encodeWithSelector(IFlashBank.RepaymentFailed.selector, address(borrower), address(bank), 2e14)
        );
        bank.flashLoanFrom(borrower, address(token), 1e18, "", ps);
    }

    function test_ZeroFeeLoanMovesNoFee() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        vm.prank(owner);
        bank.setFee(0);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 3e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.fee, 0, "free");
        assertEq(loan.feeShares, _amounts(0, 0), "no shares");
        assertEq(_sumProfits(address(token), ps), 0, "nothing credited");
    }

    function test_RevertWhen_CallbackReentersFlashLoan() public {
        _providers(1, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.ReenterFlashLoan);
        vm.expectRevert(IFlashBank.Reentrancy.selector);
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_RevertWhen_CallbackReentersFlashLoanFrom() public {
        address[] memory ps = _providers(1, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.ReenterFlashLoanFrom);
        vm.expectRevert(IFlashBank.Reentrancy.selector);
        bank.flashLoanFrom(borrower, address(token), 1e18, "", ps);
    }

    function test_RevertWhen_CallbackReentersCommit() public {
        _providers(1, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.ReenterCommit);
        vm.expectRevert(IFlashBank.Reentrancy.selector);
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_RevertWhen_CallbackReentersWithdraw() public {
        _providers(1, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.ReenterWithdraw);
        vm.expectRevert(IFlashBank.Reentrancy.selector);
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_RevertWhen_CallbackReentersPrune() public {
        _providers(1, 10e18, 10e18);
        _fundFee(1e18);
        borrower.setMode(FlashBorrowerMock.Mode.ReenterPrune);
        vm.expectRevert(IFlashBank.Reentrancy.selector);
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_FiniteAllowanceIsConsumedByEveryPull() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.prank(lp);
        token.approve(address(bank), 5e18);
        _fundFee(2e18);
        bank.flashLoan(borrower, address(token), 2e18, "");
        assertEq(token.allowance(lp, address(bank)), 3e18, "the pull spent allowance the repayment does not restore");
        assertEq(bank.available(address(token), lp), 3e18, "so the provider can lend less next time");
    }

    // ---------------------------------------------------------------- greedy flashLoanFrom

    function test_FlashLoanFromPullsGreedilyInTheGivenOrder() public {
        address a = _provider("a", 10e18, 3e18);
        address b = _provider("b", 10e18, 3e18);
        address c = _provider("c", 10e18, 3e18);
        uint256 fee = _fundFee(5e18);
        vm.recordLogs();
        assertTrue(bank.flashLoanFrom(borrower, address(token), 5e18, "x", _list(c, a, b)), "returns true");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(c, a), "c first, then a; b not needed");
        assertEq(loan.pulls, _amounts(3e18, 2e18), "c to its cap, a the rest");
        assertEq(loan.feeShares, _amounts(fee - fee * 2 / 5, fee * 2 / 5), "pro rata to pulls, dust to c");
        assertEq(bank.profitOf(address(token), b), 0, "b earned nothing");
        assertEq(_balances(token, _list(a, b, c)), _amounts(10e18, 10e18, 10e18), "all repaid");
    }

    function test_FlashLoanFromSkipsNonProvidersAndRepeatedEntries() public {
        address a = _provider("a", 10e18, 2e18);
        address b = _provider("b", 10e18, 2e18);
        _fundFee(4e18);
        address[] memory list = new address[](5);
        (list[0], list[1], list[2], list[3], list[4]) = (stranger, a, a, a, b);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(token), 4e18, "", list);
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(a, b), "a once, then b");
        assertEq(loan.pulls, _amounts(2e18, 2e18), "a never beyond its cap");
    }

    function test_RevertWhen_RepeatedEntriesCannotCoverTheLoan() public {
        address a = _provider("a", 10e18, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 3e18, 2e18));
        bank.flashLoanFrom(borrower, address(token), 3e18, "", _list(a, a, a));
    }

    function test_FlashLoanFromRetriesWithWhatTheWalletHolds() public {
        address a = _provider("a", 10e18, 8e18);
        address b = _provider("b", 10e18, 8e18);
        vm.prank(a);
        require(token.transfer(stranger, 7e18), "transfer"); // a holds 3e18 but commits 8e18
        _fundFee(6e18);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(token), 6e18, "", _list(a, b));
        assertEq(_lastLoan().pulls, _amounts(3e18, 3e18), "a lent its balance, b the rest");
    }

    function test_FlashLoanFromRetriesWithTheAllowance() public {
        address a = _provider("a", 10e18, 8e18);
        address b = _provider("b", 10e18, 8e18);
        vm.prank(a);
        token.approve(address(bank), 1e18);
        _fundFee(6e18);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(token), 6e18, "", _list(a, b));
        assertEq(_lastLoan().pulls, _amounts(1e18, 5e18), "a lent its allowance, b the rest");
    }

    function test_FlashLoanFromSkipsAnEmptyWallet() public {
        address a = _provider("a", 10e18, 8e18);
        address b = _provider("b", 10e18, 8e18);
        vm.prank(a);
        require(token.transfer(stranger, 10e18), "transfer");
        _fundFee(6e18);
        vm.recordLogs();
        bank.flashLoanFrom(borrower, address(token), 6e18, "", _list(a, b));
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(b), "only b");
    }

    function test_RevertWhen_FlashLoanFromListIsTooLong() public {
        address[] memory list = new address[](129);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.TooManyProviders.selector, 129, 128));
        bank.flashLoanFrom(borrower, address(token), 1, "", list);
    }

    function test_FlashLoanFromAcceptsTheLongestList() public {
        address[] memory ps = _providers(128, 1e18, 1e18);
        _fundFee(128e18);
        bank.flashLoanFrom(borrower, address(token), 128e18, "", ps);
        assertEq(token.balanceOf(address(bank)), _sumProfits(address(token), ps), "balance == profits");
    }

    function test_RevertWhen_FlashLoanFromListCannotCover() public {
        address a = _provider("a", 10e18, 2e18);
        address b = _provider("b", 10e18, 2e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 5e18, 4e18));
        bank.flashLoanFrom(borrower, address(token), 5e18, "", _list(a, b));
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 5e18, 0));
        bank.flashLoanFrom(borrower, address(token), 5e18, "", new address[](0));
        assertEq(_balances(token, _list(a, b)), _amounts(10e18, 10e18), "nothing moved");
    }

    function test_SequentialLoansInOneTransactionDoNotSeeStaleMarks() public {
        address a = _provider("a", 10e18, 2e18);
        SequentialLoans caller = new SequentialLoans();
        token.mint(address(borrower), 2 * bank.flashFee(address(token), 2e18));
        vm.recordLogs();
        caller.twoLoans(IFlashBank(address(bank)), borrower, address(token), 2e18, _list(a));
        assertEq(borrower.calls(), 2, "both loans happened");
        assertEq(bank.profitOf(address(token), a), 2 * 4e14, "a lent in both");

        token.mint(address(borrower), 2 * bank.flashFee(address(token), 2e18));
        caller.proRataThenGreedy(IFlashBank(address(bank)), borrower, address(token), 2e18, _list(a));
        assertEq(borrower.calls(), 4, "a pro-rata loan then a greedy one");
        assertEq(token.balanceOf(a), 10e18, "repaid every time");
    }

    function test_LoansNeverChangeCommitments() public {
        address[] memory ps = _providers(3, 10e18, 4e18);
        uint256[] memory before = _commitments(address(token), ps);
        _fundFee(9e18);
        bank.flashLoan(borrower, address(token), 9e18, "");
        _fundFee(9e18);
        bank.flashLoanFrom(borrower, address(token), 9e18, "", ps);
        assertEq(_commitments(address(token), ps), before, "commitments unchanged");
    }

    // ---------------------------------------------------------------- profits

    function test_WithdrawProfitsPaysEverythingAndEmits() public {
        address[] memory ps = _providers(2, 10e18, 10e18);
        _fundFee(10e18);
        bank.flashLoan(borrower, address(token), 10e18, "");
        uint256 profit = bank.profitOf(address(token), ps[0]);
        assertEq(profit, 1e15, "half of the 2e15 fee");

        vm.expectEmit(address(bank));
        emit IFlashBank.ProfitsWithdrawn(address(token), ps[0], profit);
        vm.prank(ps[0]);
        assertEq(bank.withdrawProfits(address(token)), profit, "returns the amount");
        assertEq(token.balanceOf(ps[0]), 10e18 + profit, "paid");
        assertEq(bank.profitOf(address(token), ps[0]), 0, "cleared");
        assertEq(bank.commitmentOf(address(token), ps[0]), 10e18, "commitment kept");
        assertEq(token.balanceOf(address(bank)), bank.profitOf(address(token), ps[1]), "balance == profits");
    }

    function test_RevertWhen_WithdrawingNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NothingToWithdraw.selector, address(token), stranger));
        vm.prank(stranger);
        bank.withdrawProfits(address(token));
    }

    function test_WithdrawWorksAfterLeavingWhilePausedAndUnlisted() public {
        address lp = _provider("lp", 10e18, 10e18);
        _fundFee(10e18);
        bank.flashLoan(borrower, address(token), 10e18, "");
        vm.prank(lp);
        bank.commit(address(token), 0);
        vm.startPrank(owner);
        bank.setPaused(true);
        bank.unlistToken(address(token));
        vm.stopPrank();
        vm.prank(lp);
        assertEq(bank.withdrawProfits(address(token)), 2e15, "still withdrawable");
        assertEq(token.balanceOf(address(bank)), 0, "bank empty");
    }
}
