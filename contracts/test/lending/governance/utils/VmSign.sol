// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title The signing cheatcode the governance tests need beyond test/utils/Vm.sol, at the same address.
interface VmSign {
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
}
