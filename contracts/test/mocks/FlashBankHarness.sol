// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FlashBank} from "../../src/FlashBank.sol";
import {ProRataPlan} from "../../src/libraries/ProRataPlan.sol";

/// @title FlashBank with its wide `floor(a * b / c)` exposed, so a fuzz test can check it against 512-bit products.
contract FlashBankHarness is FlashBank {
    constructor(address initialOwner) FlashBank(initialOwner) {}

    function mulDiv(uint256 a, uint256 b, uint256 c) external pure returns (uint256) {
        return ProRataPlan.mulDiv(a, b, c);
    }
}
