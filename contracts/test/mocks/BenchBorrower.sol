// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20Minimal} from "../../src/interfaces/IERC20Minimal.sol";
import {IERC3156FlashBorrower} from "../../src/interfaces/IERC3156FlashBorrower.sol";

/// @title The gas benchmark's borrower: does nothing with the loan and returns the magic value.
/// @dev Its max approval to each lender is set once beforehand and it is pre-funded with the fees, so a measured
/// loan spends nothing in the borrower beyond the callback itself. Anyone may call it: benchmark use only.
contract BenchBorrower is IERC3156FlashBorrower {
    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    function approve(address token, address spender) external {
        require(IERC20Minimal(token).approve(spender, type(uint256).max), "BenchBorrower: approve");
    }

    function onFlashLoan(address, address, uint256, uint256, bytes calldata) external pure override returns (bytes32) {
        return CALLBACK_SUCCESS;
    }
}
