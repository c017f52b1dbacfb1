// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPriceOracle} from "../../../src/lending/interfaces/IPriceOracle.sol";

/// @title A settable price source for the pool's core tests (the Chainlink adapter is tested elsewhere).
contract MockPriceOracle is IPriceOracle {
    mapping(address asset => uint256) public prices;

    error NoPrice(address asset);

    function setPrice(address asset, uint256 priceWad) external {
        prices[asset] = priceWad;
    }

    function getAssetPrice(address asset) external view returns (uint256 priceWad) {
        priceWad = prices[asset];
        if (priceWad == 0) revert NoPrice(asset);
    }
}
