// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";
import {IFlashBank} from "../../src/interfaces/IFlashBank.sol";

/// @title Takes two `flashLoanFrom` loans one after the other in a single transaction, to show that the first
/// loan's transient marks do not follow the provider into the second.
contract SequentialLoans {
    function twoLoans(
        IFlashBank bank,
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        address[] calldata providers
    ) external {
        bank.flashLoanFrom(receiver, token, amount, "", providers);
        bank.flashLoanFrom(receiver, token, amount, "", providers);
    }

    function proRataThenGreedy(
        IFlashBank bank,
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        address[] calldata providers
    ) external {
        bank.flashLoan(receiver, token, amount, "");
        bank.flashLoanFrom(receiver, token, amount, "", providers);
    }
}
