// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevnetERC20} from "./DevnetERC20.sol";

/// @title Wrapped ether for local devnets and tests: WETH9's behaviour (deposit, withdraw, an infinite allowance is
/// never spent).
/// @notice Deployed by `./flashbank demo`, the forge tests and the gas bench; on real chains FlashBank uses the
/// chain's canonical WETH.
contract WETH9 is DevnetERC20 {
    string public constant name = "Wrapped Ether";
    string public constant symbol = "WETH";

    event Deposit(address indexed to, uint256 amount);
    event Withdrawal(address indexed from, uint256 amount);

    receive() external payable {
        deposit();
    }

    function deposit() public payable {
        balanceOf[msg.sender] += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        require(balanceOf[msg.sender] >= amount, "WETH: balance");
        balanceOf[msg.sender] -= amount;
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "WETH: send");
        emit Withdrawal(msg.sender, amount);
    }

    function totalSupply() external view returns (uint256) {
        return address(this).balance;
    }
}
