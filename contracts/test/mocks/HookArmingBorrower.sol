// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";
import {IFlashBank} from "../../src/interfaces/IFlashBank.sol";
import {ReentrantToken} from "./ReentrantToken.sol";

/// @title A borrower that arms its token's re-entering hook from inside the callback, so that only the repayment
/// transfers re-enter the bank.
contract HookArmingBorrower is IERC3156FlashBorrower {
    IFlashBank private immutable bank;
    ReentrantToken private immutable token;

    constructor(IFlashBank bank_, ReentrantToken token_) {
        bank = bank_;
        token = token_;
    }

    function onFlashLoan(address, address, uint256 amount, uint256 fee, bytes calldata)
        external
        override
        returns (bytes32)
    {
        require(token.approve(address(bank), amount + fee), "approve");
        token.setHook(address(bank), abi.encodeCall(IFlashBank.commit, (address(token), 0)));
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
