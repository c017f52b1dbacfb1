// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";

/// @title Ranks: every commit, loan and refresh measures what providers can lend, and a pro-rata loan reads the
/// ranks from the top, stops once the rest is dust and leaves out who holds under 1/32 of what it read.
/// @dev A rank is the bit length of the availability measured (1e18 has 60 bits, 1e20 has 67), 0 below the minimum.
contract FlashBankRanksTest is FlashBankFixture {
    address internal stranger = makeAddr("stranger");

    // ---------------------------------------------------------------- measuring

    function test_CommitRanksByWhatTheProviderCanLendNow() public {
        address lp = _provider("lp", 3e18, 1e30);
        assertEq(bank.rankOf(address(token), lp), 62, "3e18 held, whatever the commitment");
        assertEq(bank.PRO_RATA_CUTOFF(), 32, "cutoff");
    }

    function test_ProvidersListsTheSetInRankingOrder() public {
        address a = _provider("a", 1e18, 1e18);
        address b = _provider("b", 100e18, 100e18);
        address c = _provider("c", 10e18, 10e18);
        assertEq(bank.providers(address(token)), _list(b, c, a), "highest rank first");
    }

    function test_RankOfANonProviderIsZero() public view {
        assertEq(bank.rankOf(address(token), stranger), 0, "not a provider");
    }

    function test_CommitBeforeFundingRanksZeroUntilRefreshed() public {
        address lp = makeAddr("lp");
        vm.prank(lp);
        bank.commit(address(token), 10e18);
        assertEq(bank.rankOf(address(token), lp), 0, "nothing to lend when it committed");
        token.mint(lp, 10e18);
        vm.prank(lp);
        token.approve(address(bank), type(uint256).max);
        assertEq(bank.available(address(token), lp), 10e18, "it can lend now");
        assertEq(bank.maxFlashLoan(address(token)), 0, "but pro-rata loans do not read rank 0");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 1e18, 0));
        bank.flashLoan(borrower, address(token), 1e18, "");

        vm.prank(stranger);
        bank.refresh(address(token), lp); // anyone may measure anyone
        assertEq(bank.rankOf(address(token), lp), 64, "ranked by its 10e18");
        assertEq(bank.maxFlashLoan(address(token)), 10e18, "offered again");
        _fundFee(1e18);
        bank.flashLoan(borrower, address(token), 1e18, "");
    }

    function test_RecommittingTheSameCapMeasuresAgain() public {
        address lp = makeAddr("lp");
        vm.prank(lp);
        bank.commit(address(token), 10e18);
        _fund(token, lp, 10e18, 10e18);
        assertEq(bank.rankOf(address(token), lp), 64, "the second commit measured 10e18");
        assertEq(bank.providerCount(address(token)), 1, "still one provider");
    }

    function test_RefreshDemotesAProviderThatMovedItsFundsAway() public {
        address lp = _provider("lp", 10e18, 10e18);
        vm.prank(lp);
        require(token.transfer(stranger, 10e18 - MIN_COMMITMENT + 1), "transfer");
        assertEq(bank.rankOf(address(token), lp), 64, "stale");
        bank.refresh(address(token), lp);
        assertEq(bank.rankOf(address(token), lp), 0, "below the minimum now");
        assertEq(bank.commitmentOf(address(token), lp), 10e18, "refresh never touches the commitment");
    }

    function test_RefreshOfANonProviderDoesNothing() public {
        _provider("lp", 10e18, 10e18);
        bank.refresh(address(token), stranger);
        assertEq(bank.providerCount(address(token)), 1, "set unchanged");
        assertEq(bank.rankOf(address(token), stranger), 0, "still not a provider");
    }

    // ---------------------------------------------------------------- loans measure too

    function test_ALoanCorrectsTheRanksOfTheProvidersItRead() public {
        address a = _provider("a", 10e18, 10e18);
        address b = _provider("b", 10e18, 10e18);
        vm.prank(b);
        require(token.transfer(stranger, 9.8e18), "transfer");
        _fundFee(5e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 5e18, "");
        assertEq(_lastLoan().providers, _list(a), "b's 0.2e18 is under 1/32 of the 10.2e18 read: it sits out");
        assertEq(bank.rankOf(address(token), b), 58, "b moved to the rank of its 0.2e18");
        assertEq(bank.rankOf(address(token), a), 64, "a unchanged");
        assertEq(bank.providers(address(token)), _list(a, b), "and read after a from now on");
    }

    function test_ALoanStopsReadingOnceTheRestIsDust() public {
        address lp = _provider("lp", 100e18, 100e18);
        address small = _provider("small", 1e18, 1e18); // rank 60: 2**60 * 32 < 1e20
        vm.prank(small);
        require(token.transfer(stranger, 1e18), "transfer");
        _fundFee(50e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 50e18, "");
        assertEq(_lastLoan().providers, _list(lp), "the LP alone");
        assertEq(bank.rankOf(address(token), small), 60, "small was never read, so its rank was not corrected");
    }

    // ---------------------------------------------------------------- the cutoff

    function test_ProvidersUnderTheCutoffSitOutWhenTheOthersCover() public {
        address lp = _provider("lp", 100e18, 100e18);
        address small = _provider("small", 3e18, 3e18); // rank 62: 2**62 * 32 > 1e20, so it is read
        uint256 fee = _fundFee(50e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 50e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(lp), "3e18 is under 1/32 of the 103e18 read");
        assertEq(loan.pulls, _amounts(50e18), "the LP lends it all");
        assertEq(bank.profitOf(address(token), lp), fee, "and earns the whole fee");
        assertEq(bank.profitOf(address(token), small), 0, "small earns nothing");
    }

    function test_ProvidersUnderTheCutoffLendWhenNeeded() public {
        address lp = _provider("lp", 100e18, 100e18);
        address small = _provider("small", 3e18, 3e18);
        _fundFee(101e18);
        vm.recordLogs();
        bank.flashLoan(borrower, address(token), 101e18, "");
        LoanLog memory loan = _lastLoan();
        assertEq(loan.providers, _list(lp, small), "the LP alone cannot cover 101e18");
        // pro rata over the 103e18 read: floors 98058252427184466019 and 2941747572815533980, remainder 1 to the LP
        assertEq(loan.pulls, _amounts(98058252427184466020, 2941747572815533980), "pro rata over everyone read");
    }

    function test_MaxFlashLoanIsWhatAProRataLoanCanRead() public {
        _provider("a", 10e18, 10e18);
        address b = makeAddr("b");
        vm.prank(b);
        bank.commit(address(token), 10e18); // rank 0: committed before funding
        _fund(token, b, 0, 0);
        token.mint(b, 10e18);
        assertEq(bank.available(address(token), b), 10e18, "b could lend");
        assertEq(bank.maxFlashLoan(address(token)), 10e18, "but only a is read");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.InsufficientLiquidity.selector, 10e18 + 1, 10e18));
        bank.flashLoan(borrower, address(token), 10e18 + 1, "");
    }
}
