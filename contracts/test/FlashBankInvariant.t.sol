// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBankFixture} from "./FlashBankFixture.sol";
import {FlashBankHandler} from "./handlers/FlashBankHandler.sol";

/// @title Invariants of FlashBank under random provider, owner and loan actions (through `FlashBankHandler`).
contract FlashBankInvariantTest is FlashBankFixture {
    FlashBankHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new FlashBankHandler(bank, token, borrower, owner);
        targetContract(address(handler));
    }

    /// @notice Nothing but earned fees sits in the bank, exactly: the rounding dust goes to a provider.
    function invariant_BankBalanceEqualsSumOfProfits() public view {
        assertEq(token.balanceOf(address(bank)), handler.sumOfProfits(), "bank balance == sum of profitOf");
    }

    /// @notice Every fee paid was credited as shares summing to it, and every credit was paid in or withdrawn.
    function invariant_FeesPaidEqualSharesCredited() public view {
        assertEq(handler.shareBreaks(), 0, "each loan's shares sum to its fee and match the credited profits");
        assertEq(handler.feesPaid(), handler.sumOfProfits() + handler.withdrawn(), "fees == profits + withdrawn");
    }

    /// @notice A loan, repaid or reverted, leaves every provider's token balance exactly as it found it.
    function invariant_LoansNeverMoveProviderBalances() public view {
        assertEq(handler.balanceBreaks(), 0, "provider balances after a loan == before");
        assertEq(handler.pullBreaks(), 0, "pulls are non-zero and sum to the amount");
    }

    /// @notice Loans never change commitments.
    function invariant_LoansNeverChangeCommitments() public view {
        assertEq(handler.commitmentBreaks(), 0, "commitments after a loan == before");
    }

    /// @notice The provider set holds exactly the accounts with a non-zero commitment.
    function invariant_ProviderSetMatchesCommitments() public view {
        address[] memory set = bank.providers(address(token));
        assertEq(set.length, handler.committedActors(), "one place per committed provider");
        for (uint256 i; i < set.length; ++i) {
            assertGt(bank.commitmentOf(address(token), set[i]), 0, "members are committed");
            for (uint256 j; j < i; ++j) {
                assertTrue(set[i] != set[j], "no one twice");
            }
        }
    }
}
