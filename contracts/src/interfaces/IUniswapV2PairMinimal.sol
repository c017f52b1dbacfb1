// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title The Uniswap V2 pair and factory calls the executor and PoolQuery make.
interface IUniswapV2PairMinimal {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @title The Uniswap V2 factory calls PoolQuery makes.
interface IUniswapV2FactoryMinimal {
    function allPairsLength() external view returns (uint256);
    function allPairs(uint256 index) external view returns (address);
}
