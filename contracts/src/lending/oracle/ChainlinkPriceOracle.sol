// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IChainlinkPriceOracle} from "./IChainlinkPriceOracle.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title The lending pool's prices: one Chainlink-style aggregator per asset, checked for zero, negative, stale,
/// incomplete and future answers, scaled to WAD per whole token.
/// @notice The owner is the protocol's timelock.
/// @dev Checks, in this order: a source is set; the round is complete (`updatedAt != 0`, `answeredInRound >=
/// roundId`); it is not from the future; it is at most `maxAge` old; the answer is positive; scaled, it is neither 0
/// nor above `MAX_PRICE_WAD`. An unanswered round's value means nothing, so the round is judged before the value.
///
/// Gas: a price is one SLOAD (source, cached decimals and maximum age share a slot) and one external call
/// (`latestRoundData`); `decimals()` is read once, when the source is set, not on every price.
///
/// Rounding. An aggregator with `d <= 18` decimals is scaled by multiplying with `10^(18-d)`: exact, no rounding
/// (Chainlink's feeds carry 8 or 18). With `d > 18` the answer is divided by `10^(d-18)` and rounded down. The pool
/// uses one price per asset for collateral and debt alike, so no single direction favours it on both sides: down
/// undervalues collateral (safe) and debt (unsafe), up the reverse. Down is chosen because its one unsafe effect is
/// bounded by less than 1 wei of base currency per whole token of debt (10^-18 of the base unit), which is below
/// what the health factor can resolve and below the answer's own truncation by the feed; and because an answer
/// that rounds down to zero is refused (`ZeroPrice`), the case where rounding down would make debt free cannot
/// occur. Rounding up instead would let a sub-wei dust answer read as 1 wei and price collateral above its feed.
/// @dev Single-step Ownable, as the pool: the owner is the governance timelock, which takes ownership in the
/// deployment's own transaction (GovernanceDeployer.handOver); afterwards only a passed proposal can move it.
contract ChainlinkPriceOracle is IChainlinkPriceOracle, Ownable {
    /// @dev One slot: 160 + 8 + 32 bits.
    struct PriceSource {
        address source;
        uint8 decimals;
        uint32 maxAge;
    }

    /// @inheritdoc IChainlinkPriceOracle
    uint256 public constant override MAX_PRICE_WAD = type(uint128).max;
    /// @inheritdoc IChainlinkPriceOracle
    uint8 public constant override MAX_DECIMALS = 36;

    uint8 private constant WAD_DECIMALS = 18;

    mapping(address asset => PriceSource) private _sources;

    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @inheritdoc IPriceOracle
    function getAssetPrice(address asset) external view override returns (uint256 priceWad) {
        PriceSource memory s = _sources[asset];
        if (s.source == address(0)) revert NoPriceSource(asset);

        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) =
            AggregatorV3Interface(s.source).latestRoundData();

        // An unanswered round's answer means nothing, so the round is judged before the value.
        if (updatedAt == 0 || answeredInRound < roundId) {
            revert IncompleteRound(asset, roundId, answeredInRound, updatedAt);
        }
        // Timestamps are what a feed's heartbeat is measured in; a validator's few seconds of drift are noise
        // against a heartbeat of minutes to a day.
        // forge-lint: disable-next-line(block-timestamp)
        if (updatedAt > block.timestamp) revert PriceFromTheFuture(asset, updatedAt, block.timestamp);
        unchecked {
            // updatedAt <= block.timestamp was checked just above.
            // forge-lint: disable-next-line(block-timestamp)
            if (block.timestamp - updatedAt > s.maxAge) revert StalePrice(asset, updatedAt, s.maxAge);
        }
        if (answer <= 0) {
            if (answer == 0) revert ZeroPrice(asset);
            revert NegativePrice(asset, answer);
        }

        // forge-lint: disable-next-line(unsafe-typecast) answer > 0 was checked above
        uint256 raw = uint256(answer);
        if (s.decimals <= WAD_DECIMALS) {
            uint256 factor = 10 ** (WAD_DECIMALS - s.decimals);
            // Checked before multiplying so an oversized answer names itself instead of panicking.
            if (raw > MAX_PRICE_WAD / factor) revert PriceAboveMaximum(asset, answer);
            priceWad = raw * factor; // exact
        } else {
            priceWad = raw / 10 ** (s.decimals - WAD_DECIMALS); // rounds down (see the contract's NatSpec)
            if (priceWad == 0) revert ZeroPrice(asset);
            if (priceWad > MAX_PRICE_WAD) revert PriceAboveMaximum(asset, answer);
        }
    }

    /// @inheritdoc IChainlinkPriceOracle
    function setPriceSource(address asset, address source, uint32 maxAge) external override onlyOwner {
        if (asset == address(0)) revert ZeroAsset();
        if (maxAge == 0) revert ZeroMaxAge(asset);
        if (source.code.length == 0) revert SourceNotAContract(source);
        uint8 decimals = AggregatorV3Interface(source).decimals();
        if (decimals > MAX_DECIMALS) revert UnsupportedDecimals(source, decimals);
        _sources[asset] = PriceSource({source: source, decimals: decimals, maxAge: maxAge});
        emit PriceSourceSet(asset, source, decimals, maxAge);
    }

    /// @inheritdoc IChainlinkPriceOracle
    function removePriceSource(address asset) external override onlyOwner {
        address previous = _sources[asset].source;
        if (previous == address(0)) revert NoPriceSource(asset);
        delete _sources[asset];
        emit PriceSourceRemoved(asset, previous);
    }

    /// @inheritdoc IChainlinkPriceOracle
    function priceSourceOf(address asset)
        external
        view
        override
        returns (address source, uint8 decimals, uint32 maxAge)
    {
        PriceSource memory s = _sources[asset];
        return (s.source, s.decimals, s.maxAge);
    }
}
