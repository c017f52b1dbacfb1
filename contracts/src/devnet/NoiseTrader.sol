// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface INoisePair {
    function token0() external view returns (address);
    function getReserves() external view returns (uint112, uint112, uint32);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface INoiseToken {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title Moves devnet prices: swaps the caller's tokens through one Uniswap V2 pair in a single transaction.
/// @notice Only for `./flashbank demo`'s noise traders; it has no slippage protection by design.
contract NoiseTrader {
    /// @notice Swaps `amountIn` of `tokenIn` (pulled from the caller) through `pair`, sending the output to the caller.
    function swap(address pair, address tokenIn, uint256 amountIn) external returns (uint256 amountOut) {
        (uint112 r0, uint112 r1,) = INoisePair(pair).getReserves();
        bool zeroForOne = INoisePair(pair).token0() == tokenIn;
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 inWithFee = amountIn * 997;
        amountOut = inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
        require(INoiseToken(tokenIn).transferFrom(msg.sender, pair, amountIn), "noise: transfer");
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        INoisePair(pair).swap(out0, out1, msg.sender, "");
    }
}
