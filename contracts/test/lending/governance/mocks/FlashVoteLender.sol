// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {VotesFTokenMock} from "./VotesFTokenMock.sol";

/// @title What a flash borrower of voting tokens implements.
interface IFlashVoteBorrower {
    /// @param repay true when the borrower must transfer `amount` back to the lender before returning
    function onFlashLoan(address token, uint256 amount, bool repay) external;
}

/// @title A flash lender of voting tokens: lends FSWP from its balance, or mints fTokens, for one call, taking them back.
contract FlashVoteLender {
    error NotRepaid(uint256 balanceBefore, uint256 balanceAfter);

    /// @notice Lends `amount` of `token` to `borrower` for the duration of its callback; the borrower transfers it back.
    function flashLend(IERC20 token, uint256 amount, IFlashVoteBorrower borrower) external {
        uint256 before = token.balanceOf(address(this));
        require(token.transfer(address(borrower), amount), "transfer");
        borrower.onFlashLoan(address(token), amount, true);
        uint256 afterwards = token.balanceOf(address(this));
        if (afterwards < before) revert NotRepaid(before, afterwards);
    }

    /// @notice Mints `amount` fTokens to `borrower` for its callback and burns them afterwards (a deposit of flash-
    /// borrowed underlying, redeemed in the same transaction).
    function flashMint(VotesFTokenMock fToken, uint256 amount, IFlashVoteBorrower borrower) external {
        fToken.mint(address(borrower), amount);
        borrower.onFlashLoan(address(fToken), amount, false);
        fToken.burn(address(borrower), amount);
    }
}
