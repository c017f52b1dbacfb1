// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IFlashVoteBorrower} from "./FlashVoteLender.sol";

/// @title Borrows voting tokens by flash loan, delegates them to itself, and makes one armed call (a vote or a
/// proposal) inside the loan, recording what it returned or why it reverted.
contract FlashVoteAttacker is IFlashVoteBorrower {
    address public target;
    bytes public data;

    bool public attempted;
    bool public succeeded;
    bytes public returned; // return data, or revert data when it failed
    uint256 public votesDuringLoan; // the attacker's current votes inside the loan: real, but only "now"

    /// @notice The call to make inside the next loan; an empty `data_` only delegates.
    function arm(address target_, bytes calldata data_) external {
        (target, data) = (target_, data_);
        (attempted, succeeded, returned, votesDuringLoan) = (false, false, "", 0);
    }

    function onFlashLoan(address token, uint256 amount, bool repay) external {
        IVotes(token).delegate(address(this));
        votesDuringLoan = IVotes(token).getVotes(address(this));
        if (data.length != 0) {
            attempted = true;
            (succeeded, returned) = target.call(data);
        }
        if (repay) require(IERC20(token).transfer(msg.sender, amount), "repay");
    }

    /// @notice Makes the armed call outside any loan, with whatever the attacker holds; reverts as the call does.
    function callNow() external returns (bytes memory ret) {
        bool ok;
        (ok, ret) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }

    function delegateSelf(IVotes token) external {
        token.delegate(address(this));
    }
}
