// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {FlashBankHandler} from "./handlers/FlashBankHandler.sol";

/// @title Invariants of FlashBank under random provider, owner and loan actions (through `FlashBankHandler`).
abstract contract FlashBankInvariantBase is FlashBankFixture {
    FlashBankHandler internal handler;

    /// @dev How many passive providers the handler commits before the actors act.
    function _fillers() internal pure virtual returns (uint256);

    function setUp() public override {
        super.setUp();
        handler = new FlashBankHandler(bank, token, borrower, owner, _fillers());
        targetContract(address(handler));
    }

    /// @notice Nothing but earned fees sits in the bank, exactly: the rounding dust goes to a provider.
    function _checkBankBalanceEqualsSumOfProfits() internal view {
        assertEq(token.balanceOf(address(bank)), handler.sumOfProfits(), "bank balance == sum of profitOf");
    }

    /// @notice Every fee paid was credited as shares summing to it, and every credit was paid in or withdrawn.
    function _checkFeesPaidEqualSharesCredited() internal view {
        assertEq(handler.shareBreaks(), 0, "each loan's shares sum to its fee and match the credited profits");
        assertEq(handler.feesPaid(), handler.sumOfProfits() + handler.withdrawn(), "fees == profits + withdrawn");
    }

    /// @notice A loan, repaid or reverted, leaves every provider's token balance exactly as it found it.
    function _checkLoansNeverMoveProviderBalances() internal view {
        assertEq(handler.balanceBreaks(), 0, "provider balances after a loan == before");
        assertEq(handler.pullBreaks(), 0, "pulls are non-zero and sum to the amount");
    }

    /// @notice Loans never change commitments.
    function _checkLoansNeverChangeCommitments() internal view {
        assertEq(handler.commitmentBreaks(), 0, "commitments after a loan == before");
    }

    /// @notice The provider set holds exactly the accounts with a non-zero commitment, listed by rank.
    function _checkProviderSetMatchesCommitments() internal view {
        address[] memory set = bank.providers(address(token));
        assertEq(set.length, handler.committedAccounts(), "one place per committed provider");
        assertEq(set.length, bank.providerCount(address(token)), "the count matches");
        for (uint256 i; i < set.length; ++i) {
            assertGt(bank.commitmentOf(address(token), set[i]), 0, "members are committed");
            if (i != 0) {
                uint256 rank = bank.rankOf(address(token), set[i]);
                assertLe(rank, bank.rankOf(address(token), set[i - 1]), "listed by rank");
            }
            for (uint256 j; j < i; ++j) {
                assertTrue(set[i] != set[j], "no one twice");
            }
        }
    }

    /// @notice A full set only ever lets a newcomer in by displacing one member that could lend less, and never
    /// keeps out a newcomer that can lend more than the member it names.
    function _checkOnlyAStrongerNewcomerDisplacesAndNoneIsKeptOut() internal view {
        assertEq(handler.displacementBreaks(), 0, "one member displaced, and it could lend less");
        assertEq(handler.lockoutBreaks(), 0, "naming a weaker member always lets the newcomer in");
    }
}

/// @title The invariants over six actors and room to spare, one campaign each.
contract FlashBankInvariantTest is FlashBankInvariantBase {
    function _fillers() internal pure override returns (uint256) {
        return 0;
    }

    function invariant_BankBalanceEqualsSumOfProfits() public view {
        _checkBankBalanceEqualsSumOfProfits();
    }

    function invariant_FeesPaidEqualSharesCredited() public view {
        _checkFeesPaidEqualSharesCredited();
    }

    function invariant_LoansNeverMoveProviderBalances() public view {
        _checkLoansNeverMoveProviderBalances();
    }

    function invariant_LoansNeverChangeCommitments() public view {
        _checkLoansNeverChangeCommitments();
    }

    function invariant_ProviderSetMatchesCommitments() public view {
        _checkProviderSetMatchesCommitments();
    }

    function invariant_OnlyAStrongerNewcomerDisplacesAndNoneIsKeptOut() public view {
        _checkOnlyAStrongerNewcomerDisplacesAndNoneIsKeptOut();
    }
}

/// @title The invariants over a set that is full once three of the six actors are in: 125 fillers commit first.
/// @dev Every handler call here reads all 131 accounts, so the invariants share one campaign.
contract FlashBankFullSetInvariantTest is FlashBankInvariantBase {
    function _fillers() internal pure override returns (uint256) {
        return 125;
    }

    /// forge-config: default.invariant.runs = 16
    /// forge-config: default.invariant.depth = 32
    function invariant_AllHoldOnAFullSet() public view {
        _checkBankBalanceEqualsSumOfProfits();
        _checkFeesPaidEqualSharesCredited();
        _checkLoansNeverMoveProviderBalances();
        _checkLoansNeverChangeCommitments();
        _checkProviderSetMatchesCommitments();
        _checkOnlyAStrongerNewcomerDisplacesAndNoneIsKeptOut();
    }
}
