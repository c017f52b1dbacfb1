// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Vm} from "./Vm.sol";

/// @title A small forge test base: cheatcodes, assertions, bounded fuzz inputs and invariant targets.
/// @dev Written in place of forge-std, whose npm release cannot be installed offline. Assertions delegate to
/// forge's own assertion cheatcodes so failures print both sides.
abstract contract Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    bool public IS_TEST = true;

    address[] private targetedContracts;
    address[] private targetedSenders;
    FuzzSelector[] private targetedSelectors;

    // ---------------------------------------------------------------- assertions

    function assertTrue(bool condition, string memory why) internal pure {
        vm.assertTrue(condition, why);
    }

    function assertFalse(bool condition, string memory why) internal pure {
        vm.assertFalse(condition, why);
    }

    function assertEq(uint256 a, uint256 b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(address a, address b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(bool a, bool b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(bytes32 a, bytes32 b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(bytes memory a, bytes memory b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(uint256[] memory a, uint256[] memory b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertEq(address[] memory a, address[] memory b, string memory why) internal pure {
        vm.assertEq(a, b, why);
    }

    function assertGt(uint256 a, uint256 b, string memory why) internal pure {
        vm.assertGt(a, b, why);
    }

    function assertGe(uint256 a, uint256 b, string memory why) internal pure {
        vm.assertGe(a, b, why);
    }

    function assertLt(uint256 a, uint256 b, string memory why) internal pure {
        vm.assertLt(a, b, why);
    }

    function assertLe(uint256 a, uint256 b, string memory why) internal pure {
        vm.assertLe(a, b, why);
    }

    function assertApproxEqAbs(uint256 a, uint256 b, uint256 maxDelta, string memory why) internal pure {
        vm.assertApproxEqAbs(a, b, maxDelta, why);
    }

    // ---------------------------------------------------------------- fuzz helpers

    /// @notice Maps any `x` into `[min, max]` uniformly enough for fuzzing, keeping small values stable.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @notice A deterministic, labelled address for a name.
    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(account, name);
    }

    // ---------------------------------------------------------------- invariant targets (read by forge)

    function targetContract(address target) internal {
        targetedContracts.push(target);
    }

    function targetSender(address sender) internal {
        targetedSenders.push(sender);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        targetedSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return targetedContracts;
    }

    function targetSenders() public view returns (address[] memory) {
        return targetedSenders;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return targetedSelectors;
    }
}
