// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";

/// @title A standard token whose issuer can freeze accounts (like USDC): any transfer from or to one reverts.
/// @dev `balanceOf` and `allowance` still answer normally for a frozen account, so availability looks fine and only
/// the transfer fails.
contract BlacklistToken is MockERC20 {
    mapping(address account => bool) public blacklisted;

    constructor() MockERC20("Frozen USD", "FUSD", 6) {}

    function setBlacklisted(address account, bool frozen) external {
        blacklisted[account] = frozen;
    }

    function _move(address from, address to, uint256 amount) internal override {
        require(!blacklisted[from] && !blacklisted[to], "BlacklistToken: frozen");
        super._move(from, to, amount);
    }
}
