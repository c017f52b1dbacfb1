// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ERC-3156 flash borrower
/// @notice The callback a lender calls once the loaned tokens are in the receiver's hands.
interface IERC3156FlashBorrower {
    /// @notice Receives a flash loan.
    /// @param initiator The account that called `flashLoan` on the lender.
    /// @param token The loaned token.
    /// @param amount The loaned amount, already transferred to the receiver.
    /// @param fee The fee the receiver must pay on top of `amount`.
    /// @param data Arbitrary data passed through from the initiator.
    /// @return The keccak256 of "ERC3156FlashBorrower.onFlashLoan".
    function onFlashLoan(address initiator, address token, uint256 amount, uint256 fee, bytes calldata data)
        external
        returns (bytes32);
}
