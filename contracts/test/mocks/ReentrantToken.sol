// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";

/// @title A standard token with a transfer hook (like ERC-777's): every transfer first calls `hookTarget` with
/// `hookData`, bubbling the hook's revert, so a hook that re-enters a guarded lender makes the transfer fail.
contract ReentrantToken is MockERC20 {
    address public hookTarget;
    bytes public hookData;
    uint256 public hookCalls;

    constructor() MockERC20("Hooked", "HOOK", 18) {}

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function _move(address from, address to, uint256 amount) internal override {
        if (hookTarget != address(0)) {
            ++hookCalls;
            (bool ok, bytes memory reason) = hookTarget.call(hookData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        super._move(from, to, amount);
    }
}
