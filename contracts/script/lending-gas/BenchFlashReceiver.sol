// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20Minimal} from "../../src/interfaces/IERC20Minimal.sol";
import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";

/// @title The lending gas benchmark's flash-loan receiver, answering Aave V3's simple callback and ERC-3156 alike.
/// @dev Does nothing with the loan: its owner pre-funds it with the fee and approves the lender once beforehand
/// (`approve`), so a measured loan spends in the receiver only the callback and its two checks (the lender is the
/// one it serves, the initiator its owner), the same on both pools.
contract BenchFlashReceiver is IERC3156FlashBorrower {
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    address public immutable owner;
    address public immutable lender;

    error NotOwner(address caller);
    error NotLender(address caller);
    error NotInitiatedByOwner(address initiator);
    error ApproveFailed(address token);

    constructor(address owner_, address lender_) {
        owner = owner_;
        lender = lender_;
    }

    /// @notice Approves the lender for type(uint256).max of `token`, once, before the measured loans.
    function approve(address token) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (!IERC20Minimal(token).approve(lender, type(uint256).max)) revert ApproveFailed(token);
    }

    /// @notice Aave V3's IFlashLoanSimpleReceiver callback; the pool pulls amount plus premium afterwards.
    function executeOperation(address, uint256, uint256, address initiator, bytes calldata) external view returns (bool) {
        _check(initiator);
        return true;
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address initiator, address, uint256, uint256, bytes calldata) external view returns (bytes32) {
        _check(initiator);
        return CALLBACK_SUCCESS;
    }

    function _check(address initiator) private view {
        if (msg.sender != lender) revert NotLender(msg.sender);
        if (initiator != owner) revert NotInitiatedByOwner(initiator);
    }
}
