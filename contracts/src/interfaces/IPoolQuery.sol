// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title PoolQuery: the reserves of many Uniswap V2-style pairs, or a page of a factory's pairs, in one eth_call
/// @notice Stateless view helpers for an off-chain scanner. One misbehaving pair never fails a batch: a pair whose
/// call reverts, runs out of its gas allowance, is not a contract or answers with malformed data reads as zeros
/// (and zero addresses for its tokens).
/// @dev Every call into a pair or factory is a `staticcall` with at most `CALL_GAS` gas, so a hostile contract in a
/// list cannot burn the whole call's gas. Amounts are `uint256` so that callers decode one word type.
interface IPoolQuery {
    /// @notice `factory` did not answer `allPairsLength()` with a number: it is not a Uniswap V2-style factory.
    error NotAFactory(address factory);

    /// @notice The most gas each inner `staticcall` (one pair or factory read) may use.
    function CALL_GAS() external view returns (uint256);

    /// @notice The reserves of `pairs`, index for index, as of the block the call runs in.
    /// @dev Entries for pairs that cannot be read are all zero.
    /// @return reserve0 Each pair's reserve of its token0.
    /// @return reserve1 Each pair's reserve of its token1.
    /// @return blockTimestampLast Each pair's timestamp of its last reserve update (mod 2^32).
    function getReserves(address[] calldata pairs)
        external
        view
        returns (uint256[] memory reserve0, uint256[] memory reserve1, uint32[] memory blockTimestampLast);

    /// @notice The pairs `allPairs(start)` to `allPairs(start + count - 1)` of `factory`, with their tokens and
    /// reserves. The page is clamped to `allPairsLength()`: a `start` at or past the end gives empty arrays.
    /// @dev Reverts with `NotAFactory` only when `allPairsLength()` cannot be read; unreadable entries are zeros.
    /// @return total The factory's `allPairsLength()`, so a caller knows when it has read every page.
    /// @return pairs The page's pair addresses.
    /// @return token0 Each pair's token0.
    /// @return token1 Each pair's token1.
    /// @return reserve0 Each pair's reserve of token0.
    /// @return reserve1 Each pair's reserve of token1.
    function getPairs(address factory, uint256 start, uint256 count)
        external
        view
        returns (
            uint256 total,
            address[] memory pairs,
            address[] memory token0,
            address[] memory token1,
            uint256[] memory reserve0,
            uint256[] memory reserve1
        );
}
