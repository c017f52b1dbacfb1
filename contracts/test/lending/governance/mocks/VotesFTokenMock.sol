// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @title A stand-in fToken with vote checkpoints (block-number clock); anyone may mint and burn, as a flash minter would.
contract VotesFTokenMock is ERC20, ERC20Votes {
    constructor(string memory symbol_) ERC20(symbol_, symbol_) EIP712(symbol_, "1") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        _burn(from, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

/// @title An fToken whose vote clock is the timestamp, which the ReserveGovernor must refuse.
contract TimestampClockFTokenMock is VotesFTokenMock {
    constructor() VotesFTokenMock("fTS") {}

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
}
