// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title The forge cheatcode that makes an account's storage cold again, for gas measurements of first reads.
interface VmCool {
    /// @notice Marks `target`'s account and every storage slot of it as not yet accessed in this transaction.
    function cool(address target) external;
}
