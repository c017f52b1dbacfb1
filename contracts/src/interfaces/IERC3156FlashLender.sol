// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC3156FlashBorrower} from "./IERC3156FlashBorrower.sol";

/// @title ERC-3156 flash lender
/// @notice The standard lender surface: how much can be borrowed, at what fee, and the loan itself.
interface IERC3156FlashLender {
    /// @notice The largest amount of `token` that can be borrowed now; 0 for an unsupported token.
    function maxFlashLoan(address token) external view returns (uint256);

    /// @notice The fee charged on a loan of `amount` of `token`; reverts for an unsupported token.
    function flashFee(address token, uint256 amount) external view returns (uint256);

    /// @notice Lends `amount` of `token` to `receiver`, calls its `onFlashLoan`, then pulls back amount plus fee.
    /// @return True when the loan was repaid.
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool);
}
