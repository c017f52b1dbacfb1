// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title FSWP, the FlashSwap governance token: votes by block-number checkpoints, fixed supply.
/// @notice The whole supply is minted once, at deployment, to `holder`; there is no mint function and no minter, so
/// nobody (not even governance) can inflate the supply to outvote holders. Distribution (liquidity mining, grants)
/// is paid from allocations transferred to the timelock, which governance spends by proposal.
/// @dev Votes count only after delegation (`delegate(self)` to vote with one's own balance), as in every
/// ERC20Votes token. The clock is the block number (ERC-6372 `mode=blocknumber&from=default`), the governor's too.
contract FSWP is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The supply was asked to go to the zero address.
    error ZeroHolder();
    /// @notice A supply of zero, or one above what ERC20Votes checkpoints can hold (`maximum`).
    error InvalidSupply(uint256 supply, uint256 maximum);

    /// @param holder receives the whole, fixed supply
    /// @param supply in the smallest unit (18 decimals)
    constructor(address holder, uint256 supply) ERC20("FlashSwap", "FSWP") ERC20Permit("FlashSwap") {
        if (holder == address(0)) revert ZeroHolder();
        if (supply == 0 || supply > _maxSupply()) revert InvalidSupply(supply, _maxSupply());
        _mint(holder, supply);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
