// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "./Test.sol";

/// @title Checks that the home-made test base's assertions and bound behave like forge-std's.
contract TestBaseSelfTest is Test {
    function test_BoundKeepsValuesInRange() public pure {
        assertEq(bound(5, 1, 10), 5, "in range stays");
        assertEq(bound(0, 1, 10), 1, "wraps up");
        assertEq(bound(type(uint256).max, 0, 9), 5, "wraps modulo");
    }

    function testFuzz_BoundStaysInRange(uint256 x, uint256 a, uint256 b) public pure {
        (uint256 lo, uint256 hi) = a < b ? (a, b) : (b, a);
        uint256 y = bound(x, lo, hi);
        assertGe(y, lo, "low");
        assertLe(y, hi, "high");
    }

    function test_RevertWhen_AssertionFails() public {
        vm.expectRevert();
        this.failingAssertion();
    }

    function failingAssertion() external pure {
        assertEq(uint256(1), uint256(2), "must fail");
    }

    function test_ReadsUniswapFactoryBytecode() public view {
        string memory json = vm.readFile("node_modules/@uniswap/v2-core/build/UniswapV2Factory.json");
        bytes memory code = vm.parseJsonBytes(json, ".bytecode");
        assertGt(code.length, 1000, "factory bytecode present");
    }
}
