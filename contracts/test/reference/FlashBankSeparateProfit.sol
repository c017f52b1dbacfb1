// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBank} from "../../src/FlashBank.sol";

/// @title FlashBank with profits in their own mapping instead of beside the commitment: the gas benchmark's
/// measure of what the packed position slot saves.
/// @dev Identical code but for where a fee share is credited: here each credit touches a second, cold slot,
/// which is zero on a provider's first loan (a 20,000-gas zero-to-non-zero write).
contract FlashBankSeparateProfit is FlashBank {
    mapping(address token => mapping(address provider => uint256)) private _profit;

    constructor(address initialOwner) FlashBank(initialOwner) {}

    function profitOf(address token, address provider) public view override returns (uint256) {
        return _profit[token][provider];
    }

    function _credit(address token, address provider, uint256 share) internal override {
        _profit[token][provider] += share;
    }

    function _takeProfit(address token, address provider) internal override returns (uint256 amount) {
        amount = _profit[token][provider];
        _profit[token][provider] = 0;
    }
}
