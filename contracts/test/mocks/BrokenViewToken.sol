// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title A token whose `balanceOf` or `allowance` misbehaves for chosen accounts: reverts, answers fewer than 32
/// bytes, or answers nothing. Transfers work like a standard token's.
/// @dev The two views are answered by the fallback so they can return malformed data.
contract BrokenViewToken {
    enum Fault {
        None,
        Revert,
        ShortAnswer,
        EmptyAnswer
    }

    mapping(address account => uint256) private balances;
    mapping(address owner => mapping(address spender => uint256)) private allowances;
    mapping(address account => Fault) public balanceFault;
    mapping(address account => Fault) public allowanceFault;

    function setFaults(address account, Fault onBalance, Fault onAllowance) external {
        balanceFault[account] = onBalance;
        allowanceFault[account] = onAllowance;
    }

    function mint(address to, uint256 amount) external {
        balances[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowances[from][msg.sender];
        require(allowed >= amount, "BrokenViewToken: allowance");
        if (allowed != type(uint256).max) allowances[from][msg.sender] = allowed - amount;
        _move(from, to, amount);
        return true;
    }

    /// @notice The true balance, whatever `balanceOf` answers.
    function realBalanceOf(address account) external view returns (uint256) {
        return balances[account];
    }

    fallback() external {
        bytes4 selector = msg.sig;
        require(selector == 0x70a08231 || selector == 0xdd62ed3e, "BrokenViewToken: unknown");
        address account = abi.decode(msg.data[4:36], (address));
        Fault fault;
        uint256 value;
        if (selector == 0x70a08231) {
            fault = balanceFault[account];
            value = balances[account];
        } else {
            fault = allowanceFault[account];
            value = allowances[account][abi.decode(msg.data[36:68], (address))];
        }
        require(fault != Fault.Revert, "BrokenViewToken: view reverts");
        assembly ("memory-safe") {
            mstore(0x00, value)
            switch fault
            case 2 { return(0x00, 0x10) }
            case 3 { return(0x00, 0x00) }
            default { return(0x00, 0x20) }
        }
    }

    function _move(address from, address to, uint256 amount) private {
        require(balances[from] >= amount, "BrokenViewToken: balance");
        balances[from] -= amount;
        balances[to] += amount;
    }
}
