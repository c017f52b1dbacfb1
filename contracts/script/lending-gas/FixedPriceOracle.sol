// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPriceOracle} from "../../src/lending/interfaces/IPriceOracle.sol";

/// @title The lending gas benchmark's price source for the FlashSwap pool: fixed prices its owner sets by hand.
/// @dev Benchmark use only (no staleness, no aggregator): one SLOAD per price, like reading a Chainlink answer.
contract FixedPriceOracle is IPriceOracle {
    address public immutable owner;
    mapping(address asset => uint256 priceWad) private prices;

    event PriceSet(address indexed asset, uint256 priceWad);

    error NotOwner(address caller);
    error ZeroPrice(address asset);
    error NoPrice(address asset);

    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Sets the price of one whole `asset` in WAD base-currency units; zero is refused.
    function setPrice(address asset, uint256 priceWad) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (priceWad == 0) revert ZeroPrice(asset);
        prices[asset] = priceWad;
        emit PriceSet(asset, priceWad);
    }

    /// @inheritdoc IPriceOracle
    function getAssetPrice(address asset) external view returns (uint256 priceWad) {
        priceWad = prices[asset];
        if (priceWad == 0) revert NoPrice(asset);
    }
}
