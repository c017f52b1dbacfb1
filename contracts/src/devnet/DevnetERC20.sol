// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The ERC-20 core of the devnet tokens: WETH9's transfer rules (an infinite allowance is never spent).
/// @dev The same storage writes per transfer as the deployed WETH9 (each side's balance, the allowance only when
/// finite), so gas measured with these tokens carries over to WETH.
abstract contract DevnetERC20 {
    uint8 public constant decimals = 18;

    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    event Approval(address indexed owner, address indexed spender, uint256 amount);
    event Transfer(address indexed from, address indexed to, uint256 amount);

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        return transferFrom(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        require(balanceOf[from] >= amount, "token: balance");
        if (from != msg.sender) {
            uint256 allowed = allowance[from][msg.sender];
            if (allowed != type(uint256).max) {
                require(allowed >= amount, "token: allowance");
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        unchecked {
            balanceOf[from] -= amount; // checked above
            balanceOf[to] += amount; // bounded by the total supply
        }
        emit Transfer(from, to, amount);
        return true;
    }
}
