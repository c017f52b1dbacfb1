// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";

/// @title A token that burns `taxBps` of every transfer, so the recipient gets less than was sent.
/// @dev Not a token FlashBank's owner should list: see contracts/README.md and FlashBankZoo.t.sol for what it does.
contract FeeOnTransferToken is MockERC20 {
    uint256 public immutable taxBps;

    constructor(uint256 taxBps_) MockERC20("Taxed", "TAX", 18) {
        taxBps = taxBps_;
    }

    function _move(address from, address to, uint256 amount) internal override {
        uint256 tax = amount * taxBps / 10_000;
        super._move(from, to, amount);
        if (tax != 0) {
            balanceOf[to] -= tax;
            totalSupply -= tax;
            emit Transfer(to, address(0), tax);
        }
    }
}
