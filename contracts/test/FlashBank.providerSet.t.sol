// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
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
        vm.expectRevert(abi.encodeWithSignature("MinCommitmentTooLow(uint256,uint256)", 0, 1));
        vm.prank(owner);
        bank.listToken(address(other), 0);
    }

    function test_RevertWhen_RelistingWithAMinimumOfZero() public {
        vm.startPrank(owner);
        bank.unlistToken(address(token));
        vm.expectRevert(abi.encodeWithSignature("MinCommitmentTooLow(uint256,uint256)", 0, 1));
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
