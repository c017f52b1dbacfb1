// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20Minimal} from "../../src/interfaces/IERC20Minimal.sol";
import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";
import {IFlashBank} from "../../src/interfaces/IFlashBank.sol";

/// @title A flash borrower for tests that repays correctly or misbehaves in one chosen way.
/// @dev It records what its callback saw so tests can check that the tokens arrived before the call.
contract FlashBorrowerMock is IERC3156FlashBorrower {
    enum Mode {
        Repay, // approve amount + fee, return the magic value
        NoApprove, // return the magic value, approve nothing
        RepayShort, // approve and hold one unit less than amount + fee
        SpendLoan, // send part of the loan away, so it cannot repay
        WrongReturn, // approve, return another value
        RevertInCallback, // revert with a reason
        ReenterFlashLoan, // call the lender's flashLoan again
        ReenterFlashLoanFrom, // call the lender's flashLoanFrom again
        ReenterCommit, // call commit
        ReenterWithdraw, // call withdrawProfits
        ReenterPrune // call prune
    }

    bytes32 public constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IFlashBank public immutable lender;
    Mode public mode;

    // what the last callback saw
    address public lastInitiator;
    address public lastToken;
    uint256 public lastAmount;
    uint256 public lastFee;
    bytes public lastData;
    uint256 public balanceInCallback;
    uint256 public calls;

    constructor(IFlashBank lender_) {
        lender = lender_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        override
        returns (bytes32)
    {
        require(msg.sender == address(lender), "FlashBorrowerMock: not the lender");
        lastInitiator = initiator;
        lastToken = token;
        lastAmount = amount;
        lastFee = fee;
        lastData = data;
        balanceInCallback = IERC20Minimal(token).balanceOf(address(this));
        ++calls;

        Mode m = mode;
        if (m == Mode.NoApprove) return CALLBACK_SUCCESS;
        if (m == Mode.RevertInCallback) revert("FlashBorrowerMock: refused");
        if (m == Mode.ReenterFlashLoan) {
            lender.flashLoan(this, token, 1, "");
        } else if (m == Mode.ReenterFlashLoanFrom) {
            lender.flashLoanFrom(this, token, 1, "", new address[](0));
        } else if (m == Mode.ReenterCommit) {
            lender.commit(token, 0);
        } else if (m == Mode.ReenterWithdraw) {
            lender.withdrawProfits(token);
        } else if (m == Mode.ReenterPrune) {
            lender.prune(token, address(this));
        }
        _call(
            token,
            abi.encodeCall(IERC20Minimal.approve, (address(lender), amount + fee - (m == Mode.RepayShort ? 1 : 0)))
        );
        if (m == Mode.SpendLoan) {
            _call(token, abi.encodeCall(IERC20Minimal.transfer, (address(0xdead), amount / 2 + 1)));
        }
        if (m == Mode.WrongReturn) return keccak256("something else");
        return CALLBACK_SUCCESS;
    }

    /// @dev A token call that accepts tokens returning nothing (and reverts on failure or `false`).
    function _call(address token, bytes memory call) private {
        (bool ok, bytes memory answer) = token.call(call);
        require(ok && (answer.length == 0 || abi.decode(answer, (bool))), "FlashBorrowerMock: token call failed");
    }
}
