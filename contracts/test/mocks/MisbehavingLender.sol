// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";
import {IERC20Minimal} from "../../src/interfaces/IERC20Minimal.sol";

/// @title An ERC-3156 lender that breaks the protocol in one chosen way, to test a borrower's callback checks.
/// @dev It lends from its own balance (fund it first), charges no fee and never takes the loan back.
contract MisbehavingLender {
    enum Mode {
        ForeignInitiator, // calls back claiming someone else started the loan
        NoCallback, // sends the tokens and returns true without calling back
        DoubleCallback // calls back twice with the same, correct arguments
    }

    Mode public mode;
    address public foreignInitiator;

    function setMode(Mode mode_, address foreignInitiator_) external {
        mode = mode_;
        foreignInitiator = foreignInitiator_;
    }

    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        require(IERC20Minimal(token).transfer(address(receiver), amount), "lend");
        if (mode == Mode.ForeignInitiator) {
            receiver.onFlashLoan(foreignInitiator, token, amount, 0, data);
        } else if (mode == Mode.DoubleCallback) {
            receiver.onFlashLoan(msg.sender, token, amount, 0, data);
            receiver.onFlashLoan(msg.sender, token, amount, 0, data);
        }
        return true;
    }
}
