// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice A provider's cap in one token and its unwithdrawn fees in it, in one storage slot: a loan reads the
/// commitment anyway, so crediting a fee share is a warm non-zero to non-zero write.
struct Position {
    uint128 commitment;
    uint128 profit;
}
