// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPriceOracle} from "../../../src/lending/interfaces/IPriceOracle.sol";
import {IChainlinkPriceOracle} from "../../../src/lending/oracle/IChainlinkPriceOracle.sol";

/// @title A test-only IPriceOracle whose prices anyone sets directly in WAD, for pool tests that move prices.
/// @notice Answers like `ChainlinkPriceOracle` where it can: `NoPriceSource` for an asset never priced and
/// `ZeroPrice` for a price set to 0, so pool tests see the same errors as with the real oracle.
contract FixedPriceOracle is IPriceOracle {
    event PriceSet(address indexed asset, uint256 priceWad);

    mapping(address asset => uint256) private _prices;
    mapping(address asset => bool) private _priced;

    function setPrice(address asset, uint256 priceWad) external {
        _prices[asset] = priceWad;
        _priced[asset] = true;
        emit PriceSet(asset, priceWad);
    }

    /// @inheritdoc IPriceOracle
    function getAssetPrice(address asset) external view override returns (uint256 priceWad) {
        if (!_priced[asset]) revert IChainlinkPriceOracle.NoPriceSource(asset);
        priceWad = _prices[asset];
        if (priceWad == 0) revert IChainlinkPriceOracle.ZeroPrice(asset);
    }
}
