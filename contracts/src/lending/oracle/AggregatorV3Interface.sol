// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The part of Chainlink's AggregatorV3Interface that the lending pool's oracle reads.
/// @dev Written here (not imported from Chainlink's package) with the same selectors and return layout, so any
/// Chainlink feed or proxy, and the devnet's `MockAggregator`, answers it.
interface AggregatorV3Interface {
    /// @notice How many decimals `answer` carries (8 for Chainlink's USD feeds, 18 for its ETH feeds).
    function decimals() external view returns (uint8);

    /// @notice The latest round: its id, the answer, when it started, when it was answered, and the round in
    /// which the answer was computed (equal to `roundId` on every current Chainlink feed).
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
