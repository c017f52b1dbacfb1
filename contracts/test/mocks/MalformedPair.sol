// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Answers getReserves with whatever it was told to, to stand in for a broken pair.
contract MalformedPair {
    bytes private answer;
    bool private reverts;
    bool private burnsGas;

    function configure(bytes calldata answer_, bool reverts_, bool burnsGas_) external {
        answer = answer_;
        reverts = reverts_;
        burnsGas = burnsGas_;
    }

    fallback() external {
        if (burnsGas) {
            while (true) {}
        }
        bytes memory a = answer;
        if (reverts) {
            assembly ("memory-safe") {
                revert(add(a, 0x20), mload(a))
            }
        }
        assembly ("memory-safe") {
            return(add(a, 0x20), mload(a))
        }
    }
}
