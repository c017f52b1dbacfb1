// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice One flash loan's terms, kept in memory so that the loan's helpers stay within the stack.
struct Loan {
    address receiver;
    address token;
    uint256 amount;
    uint256 fee;
}
