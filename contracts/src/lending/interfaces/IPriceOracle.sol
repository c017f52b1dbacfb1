// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Asset prices for the lending pool's health factors.
interface IPriceOracle {
    /// @notice The price of one whole unit of `asset` (10**decimals smallest units) in the base currency, as a WAD.
    /// @dev Reverts with its own error on a zero, negative or stale answer, or an asset without a source.
    function getAssetPrice(address asset) external view returns (uint256 priceWad);
}
