// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {IFlashBank} from "../src/interfaces/IFlashBank.sol";
import {MockERC20} from "./mocks/MockERC20.sol";

/// @title The provider set cannot be captured: a full set lets in whoever can lend more, and the gas of a pro-rata
/// loan does not grow with providers that lend nothing or almost nothing.
/// @dev The gas tests compare a loan in a crowded market with the same loan in a second market where the LP is
/// alone, both measured in the same transaction after a warm-up loan in a third market, so that both find the
/// bank's configuration and the borrower's storage warm and non-zero and differ only by their own market.
contract FlashBankProviderSetTest is FlashBankFixture {
    uint256 internal constant LP_FUNDS = 100e18;
    uint256 internal constant LOAN = 50e18;
    /// @dev A commitment far above anything the attacker holds.
    uint256 internal constant HUGE = 1e30;
    /// @dev What 127 passive providers may add to a one-provider loan: a few slot reads, not one per provider.
    uint256 internal constant GAS_SLACK = 10_000;

    // ---------------------------------------------------------------- a full set lets in whoever can lend more

    function test_LargeProviderJoinsASetFullOfMinimumCommitments() public {
        address[] memory crowd = _crowd(token, 128, "min", MIN_COMMITMENT, MIN_COMMITMENT);
        assertEq(bank.providerCount(address(token)), 128, "full");

        address lp = _provider("lp", LP_FUNDS, LP_FUNDS);
        assertEq(bank.commitmentOf(address(token), lp), LP_FUNDS, "the larger LP got in");
        assertEq(bank.providerCount(address(token)), 128, "still full");
        assertEq(_stillCommitted(crowd), 127, "one minimum provider made way");
    }

    function test_LargeProviderJoinsASetFullOfHugeCommitmentsWithTinyBalances() public {
        address[] memory crowd = _crowd(token, 128, "huge", MIN_COMMITMENT, HUGE);
        assertEq(bank.available(address(token), crowd[0]), MIN_COMMITMENT, "each can lend only the minimum");

        address lp = _provider("lp", LP_FUNDS, LP_FUNDS);
        assertEq(bank.commitmentOf(address(token), lp), LP_FUNDS, "the larger LP got in");
        assertEq(_stillCommitted(crowd), 127, "one huge commitment backed by nothing made way");
    }

    function test_JoiningAFullSetDisplacesTheLowestRankedAndKeepsItsProfit() public {
        address early = _provider("early", MIN_COMMITMENT, MIN_COMMITMENT); // rank 20: [2**19, 2**20)
        _fundFee(MIN_COMMITMENT);
        bank.flashLoan(borrower, address(token), MIN_COMMITMENT, "");
        uint256 earned = bank.profitOf(address(token), early);
        assertGt(earned, 0, "early earned a fee");
        _crowd(token, 127, "two", 2 * MIN_COMMITMENT, 2 * MIN_COMMITMENT); // rank 21
        address[] memory set = bank.providers(address(token));
        assertEq(set[set.length - 1], early, "early ranks last");
        assertEq(bank.rankOf(address(token), early), 20, "rank of 1e6");

        address lp = _funded("lp", LP_FUNDS);
        vm.expectEmit(address(bank));
        emit IFlashBank.ProviderPruned(address(token), early, lp);
        vm.expectEmit(address(bank));
        emit IFlashBank.Committed(address(token), lp, LP_FUNDS);
        vm.prank(lp);
        bank.commit(address(token), LP_FUNDS);
        assertEq(bank.commitmentOf(address(token), early), 0, "displaced");
        assertEq(bank.providers(address(token))[0], lp, "the LP ranks first");
        vm.prank(early);
        assertEq(bank.withdrawProfits(address(token)), earned, "a displaced provider keeps what it earned");
    }

    function test_RevertWhen_JoiningAFullSetWithoutOfferingMore() public {
        _crowd(token, 128, "lp", 10e18, 10e18);
        address newcomer = makeAddr("newcomer");
        token.mint(newcomer, 20e18);
        vm.startPrank(newcomer);
        token.approve(address(bank), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderSetFull.selector, address(token), 128));
        bank.commit(address(token), 10e18); // as much as the weakest: not more
        vm.stopPrank();
    }

    function test_RevertWhen_JoiningAFullSetBeforeApproving() public {
        _crowd(token, 128, "min", MIN_COMMITMENT, MIN_COMMITMENT);
        address newcomer = makeAddr("newcomer");
        token.mint(newcomer, LP_FUNDS); // funded, not approved: it can lend nothing yet
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderSetFull.selector, address(token), 128));
        vm.prank(newcomer);
        bank.commit(address(token), LP_FUNDS);
    }

    /// @dev A member that moved its funds away after it was measured still ranks high, so a plain commit does not
    /// find it; naming it does.
    function test_CommitReplacingDisplacesANamedWeakerMember() public {
        address[] memory crowd = _crowd(token, 127, "lp", 30e18, 30e18);
        address gone = _provider("gone", 50e18, 50e18);
        vm.prank(gone);
        require(token.transfer(address(0xdead), 50e18), "transfer");
        address newcomer = makeAddr("newcomer");
        token.mint(newcomer, 20e18);
        vm.startPrank(newcomer);
        token.approve(address(bank), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderSetFull.selector, address(token), 128));
        bank.commit(address(token), 20e18);

        vm.expectEmit(address(bank));
        emit IFlashBank.ProviderPruned(address(token), gone, newcomer);
        bank.commitReplacing(address(token), 20e18, gone);
        vm.stopPrank();
        assertEq(bank.commitmentOf(address(token), gone), 0, "the named member made way");
        assertEq(bank.commitmentOf(address(token), newcomer), 20e18, "the newcomer got in");
        assertEq(_stillCommitted(crowd), 127, "nobody else moved");
    }

    function test_RevertWhen_CommitReplacingNamesAStrongerMember() public {
        address[] memory crowd = _crowd(token, 128, "lp", 30e18, 30e18);
        address newcomer = _funded("newcomer", 20e18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderNotWeaker.selector, crowd[5], 30e18, 20e18));
        vm.prank(newcomer);
        bank.commitReplacing(address(token), 20e18, crowd[5]);
    }

    function test_RevertWhen_CommitReplacingNamesAStranger() public {
        _crowd(token, 128, "lp", 30e18, 30e18);
        address newcomer = _funded("newcomer", 40e18);
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.NotAProvider.selector, address(token), stranger));
        vm.prank(newcomer);
        bank.commitReplacing(address(token), 40e18, stranger);
    }

    function test_RevertWhen_CommitReplacingNamesZero() public {
        vm.expectRevert(IFlashBank.ZeroAddress.selector);
        bank.commitReplacing(address(token), MIN_COMMITMENT, address(0));
    }

    function test_CommitReplacingWithRoomInTheSetJustJoins() public {
        address a = _provider("a", 30e18, 30e18);
        address newcomer = _funded("newcomer", 20e18);
        vm.prank(newcomer);
        bank.commitReplacing(address(token), 20e18, a); // a is stronger, but there is room: nobody is displaced
        assertEq(bank.providers(address(token)), _list(a, newcomer), "both in");
    }

    function test_CommitReplacingByAMemberChangesItsCap() public {
        address a = _provider("a", 30e18, 30e18);
        address b = _provider("b", 30e18, 30e18);
        vm.prank(a);
        bank.commitReplacing(address(token), 10e18, b);
        assertEq(bank.commitmentOf(address(token), a), 10e18, "cap changed");
        assertEq(bank.commitmentOf(address(token), b), 30e18, "b untouched");
    }

    /// @dev Whatever the members can lend and however stale their ranks, a newcomer that can lend more than the
    /// weakest of them gets in by naming it, and one that cannot never does.
    function testFuzz_FullSetLetsInWhoeverCanLendMore(uint256 seed, uint256 offered) public {
        (address weakest, uint256 weakestCan) = _fullSetOfRandomMembers(seed);
        offered = bound(offered, MIN_COMMITMENT, 2e24);
        address newcomer = _funded("newcomer", offered);
        vm.prank(newcomer);
        if (offered > weakestCan) {
            bank.commitReplacing(address(token), offered, weakest);
            assertEq(bank.commitmentOf(address(token), weakest), 0, "the weakest made way");
            assertEq(bank.commitmentOf(address(token), newcomer), offered, "the newcomer got in");
        } else {
            bytes memory refusal =
                abi.encodeWithSelector(IFlashBank.ProviderNotWeaker.selector, weakest, weakestCan, offered);
            vm.expectRevert(refusal);
            bank.commitReplacing(address(token), offered, weakest);
        }
        assertEq(bank.providerCount(address(token)), 128, "still full");
    }

    /// @dev A plain commit into a full set displaces the last member in set order exactly when the newcomer can
    /// lend more than that member now.
    function testFuzz_PlainCommitIntoAFullSetWeighsTheLastMember(uint256 seed, uint256 offered) public {
        _fullSetOfRandomMembers(seed);
        address[] memory set = bank.providers(address(token));
        address last = set[set.length - 1];
        uint256 lastCan = bank.available(address(token), last);
        offered = bound(offered, MIN_COMMITMENT, 2e24);
        address newcomer = _funded("newcomer", offered);
        if (offered <= lastCan) {
            vm.expectRevert(abi.encodeWithSelector(IFlashBank.ProviderSetFull.selector, address(token), 128));
        }
        vm.prank(newcomer);
        bank.commit(address(token), offered);
        if (offered > lastCan) assertEq(bank.commitmentOf(address(token), last), 0, "the last member made way");
    }

    // ---------------------------------------------------------------- a pro-rata loan reads only who matters

    function test_EmptyCommitmentsDoNotRaiseAProRataLoansGas() public {
        _warmUp();
        _provider("lp", LP_FUNDS, LP_FUNDS);
        _crowd(token, 127, "empty", 0, MIN_COMMITMENT); // committed, holding nothing
        uint256 crowded = _loanGas(token, LOAN);
        assertLe(crowded, _loneLoanGas() + GAS_SLACK, "127 empty commitments cost a constant, not a read each");
    }

    function test_FundedMinimumCommitmentsDoNotRaiseAProRataLoansGas() public {
        _warmUp();
        _provider("lp", LP_FUNDS, LP_FUNDS);
        _crowd(token, 127, "min", MIN_COMMITMENT, MIN_COMMITMENT);
        uint256 crowded = _loanGas(token, LOAN);
        assertLe(crowded, _loneLoanGas() + GAS_SLACK, "127 minimum providers cost a constant, not a pull each");
    }

    function test_HugeCommitmentsWithTinyBalancesDoNotRaiseAProRataLoansGas() public {
        _warmUp();
        _provider("lp", LP_FUNDS, LP_FUNDS);
        _crowd(token, 127, "huge", MIN_COMMITMENT, HUGE);
        uint256 crowded = _loanGas(token, LOAN);
        assertLe(crowded, _loneLoanGas() + GAS_SLACK, "a commitment backed by nothing ranks by what it can lend");
    }

    /// @dev Providers that could lend when they committed and then moved their funds away are read by one loan,
    /// which finds them empty and ranks them as such; the next loan no longer reads them.
    function test_ProvidersThatMovedTheirFundsAwayCostOneLoanOnly() public {
        _warmUp();
        _provider("lp", LP_FUNDS, LP_FUNDS);
        address[] memory crowd = _crowd(token, 127, "gone", LP_FUNDS, LP_FUNDS);
        for (uint256 i; i < crowd.length; ++i) {
            vm.prank(crowd[i]);
            require(token.transfer(address(0xdead), LP_FUNDS), "transfer");
        }
        _loanGas(token, LOAN);
        uint256 second = _loanGas(token, LOAN);
        assertLe(second, _loneLoanGas() + GAS_SLACK, "the second loan reads only the LP");
    }

    // ---------------------------------------------------------------- the minimum

    function test_RevertWhen_ListTokenMinimumIsZero() public {
        MockERC20 other = new MockERC20("Other", "OTH", 18);
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.MinCommitmentTooLow.selector, 0, 1));
        vm.prank(owner);
        bank.listToken(address(other), 0);
    }

    function test_RevertWhen_RelistingWithAMinimumOfZero() public {
        vm.startPrank(owner);
        bank.unlistToken(address(token));
        vm.expectRevert(abi.encodeWithSelector(IFlashBank.MinCommitmentTooLow.selector, 0, 1));
        bank.listToken(address(token), 0);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- helpers

    /// @dev `n` providers of `t` named `prefix`0.. holding `balance` each, approving max and committing `commitment`.
    function _crowd(MockERC20 t, uint256 n, string memory prefix, uint256 balance, uint256 commitment)
        internal
        returns (address[] memory list)
    {
        list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = makeAddr(string.concat(prefix, vm.toString(i)));
            _fund(t, list[i], balance, commitment);
        }
    }

    /// @dev 128 members with random caps and holdings; after committing, a third of them move part or all of their
    /// funds away (their ranks are stale). Returns the one that can lend the least now.
    function _fullSetOfRandomMembers(uint256 seed) internal returns (address weakest, uint256 weakestCan) {
        weakestCan = type(uint256).max;
        for (uint256 i; i < 128; ++i) {
            address member = address(uint160(uint256(keccak256(abi.encode("member", seed, i)))));
            uint256 held = bound(uint256(keccak256(abi.encode(seed, i, "held"))), MIN_COMMITMENT, 1e24);
            uint256 cap = bound(uint256(keccak256(abi.encode(seed, i, "cap"))), MIN_COMMITMENT, 2e24);
            _fund(token, member, held, cap);
            uint256 r = uint256(keccak256(abi.encode(seed, i, "moves")));
            if (r % 3 == 0) {
                vm.prank(member);
                require(token.transfer(address(0xdead), bound(r >> 8, 0, held)), "transfer");
            }
            uint256 can = bank.available(address(token), member);
            if (can < weakestCan) (weakest, weakestCan) = (member, can);
        }
        assertEq(bank.providerCount(address(token)), 128, "full");
    }

    /// @dev A wallet holding `balance`, approving the bank, not committed.
    function _funded(string memory name, uint256 balance) internal returns (address p) {
        p = makeAddr(name);
        _fund(token, p, balance, 0);
    }

    function _stillCommitted(address[] memory list) internal view returns (uint256 count) {
        for (uint256 i; i < list.length; ++i) {
            if (bank.commitmentOf(address(token), list[i]) != 0) ++count;
        }
    }

    /// @dev Whole gas of one pro-rata loan of `amount` in `t`, the borrower's fee funded beforehand.
    function _loanGas(MockERC20 t, uint256 amount) internal returns (uint256 used) {
        t.mint(address(borrower), bank.flashFee(address(t), amount));
        used = gasleft();
        bank.flashLoan(borrower, address(t), amount, "");
        used -= gasleft();
    }

    /// @dev The same loan in a fresh market where one LP, funded like the crowded market's, is alone.
    function _loneLoanGas() internal returns (uint256) {
        return _loanGas(_loneMarket("lone"), LOAN);
    }

    /// @dev One loan in a market of its own, so the loans measured next find the borrower's storage written.
    function _warmUp() internal {
        _loanGas(_loneMarket("warm-up"), LOAN);
    }

    function _loneMarket(string memory name) internal returns (MockERC20 market) {
        market = new MockERC20(name, name, 18);
        vm.prank(owner);
        bank.listToken(address(market), MIN_COMMITMENT);
        _fund(market, makeAddr(string.concat(name, " lp")), LP_FUNDS, LP_FUNDS);
    }
}
