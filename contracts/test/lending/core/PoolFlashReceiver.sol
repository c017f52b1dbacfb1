// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "../../../src/interfaces/IERC3156FlashBorrower.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";

/// @title An ERC-3156 receiver for the pool's flash-loan tests: repays, misbehaves, or re-enters on request.
contract PoolFlashReceiver is IERC3156FlashBorrower {
    enum Mode {
        Repay,
        WrongReturn,
        NoApprove,
        Reenter
    }

    address public immutable lender;
    Mode public mode;
    bytes public reentry;
    uint256 public lastFee;

    constructor(address lender_) {
        lender = lender_;
    }

    function setMode(Mode m, bytes calldata reentry_) external {
        mode = m;
        reentry = reentry_;
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata) external returns (bytes32) {
        lastFee = fee;
        if (mode == Mode.Reenter) {
            (bool ok, bytes memory reason) = lender.call(reentry);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        if (mode != Mode.NoApprove) MockERC20(token).approve(lender, amount + fee);
        if (mode == Mode.WrongReturn) return bytes32(0);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
