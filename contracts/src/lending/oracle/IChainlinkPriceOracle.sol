// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title The lending pool's price oracle over Chainlink-style aggregators: its errors, events and owner setters.
/// @notice One aggregator per asset, each with its own maximum age (the feed's heartbeat plus a margin). Prices are
/// WAD base-currency units per whole token, scaled from the aggregator's decimals (0 to 36) and rounded down.
interface IChainlinkPriceOracle is IPriceOracle {
    /// @notice `asset` has no aggregator.
    error NoPriceSource(address asset);
    /// @notice The aggregator answered 0, or an answer so small that it is 0 once scaled to WAD.
    error ZeroPrice(address asset);
    /// @notice The aggregator answered a negative price.
    error NegativePrice(address asset, int256 answer);
    /// @notice The aggregator's answer is too large to be a price the pool can multiply by an amount (above
    /// `MAX_PRICE_WAD` once scaled).
    error PriceAboveMaximum(address asset, int256 answer);
    /// @notice The answer is older than the source's maximum age: `block.timestamp - updatedAt > maxAge`.
    error StalePrice(address asset, uint256 updatedAt, uint256 maxAge);
    /// @notice The latest round has no answer yet: `updatedAt` is 0, or the answer was carried over from an
    /// earlier round (`answeredInRound < roundId`).
    error IncompleteRound(address asset, uint80 roundId, uint80 answeredInRound, uint256 updatedAt);
    /// @notice The aggregator says it answered after the current block's timestamp.
    error PriceFromTheFuture(address asset, uint256 updatedAt, uint256 blockTimestamp);
    /// @notice An aggregator must be a contract whose `decimals()` is at most `MAX_DECIMALS`.
    error UnsupportedDecimals(address source, uint8 decimals);
    /// @notice A source must be a deployed contract.
    error SourceNotAContract(address source);
    /// @notice A maximum age must be at least 1 second.
    error ZeroMaxAge(address asset);
    /// @notice The asset must not be the zero address.
    error ZeroAsset();

    /// @notice `asset` is now priced by `source` (whose answers carry `decimals` decimals), valid for `maxAge`
    /// seconds after each update. Replaces any earlier source.
    event PriceSourceSet(address indexed asset, address indexed source, uint8 decimals, uint32 maxAge);
    /// @notice `asset` has no source any more; its price reverts with `NoPriceSource`.
    event PriceSourceRemoved(address indexed asset, address indexed previousSource);

    /// @notice The largest price returned, in WAD per whole token (2^128 - 1), so that `amount * price` fits in
    /// 256 bits for any amount below 2^128.
    function MAX_PRICE_WAD() external view returns (uint256);
    /// @notice The most decimals an aggregator may carry (36).
    function MAX_DECIMALS() external view returns (uint8);

    /// @notice Owner only: price `asset` with `source`, rejecting answers older than `maxAge` seconds. Reads and
    /// caches `source.decimals()`; call again if a feed ever changes its decimals.
    function setPriceSource(address asset, address source, uint32 maxAge) external;
    /// @notice Owner only: remove the source of `asset` (its price then reverts with `NoPriceSource`).
    function removePriceSource(address asset) external;

    /// @notice The source of `asset`, its cached decimals and its maximum age (all zero without a source).
    function priceSourceOf(address asset) external view returns (address source, uint8 decimals, uint32 maxAge);
}
