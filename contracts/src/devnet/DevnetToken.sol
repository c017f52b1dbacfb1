// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevnetERC20} from "./DevnetERC20.sol";

/// @title A plain ERC-20 for local devnets, minted once to its deployer; an infinite allowance is never spent.
contract DevnetToken is DevnetERC20 {
    string public name;
    string public symbol;
    uint256 public totalSupply;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        name = name_;
        symbol = symbol_;
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }
}
