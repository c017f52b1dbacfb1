// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevnetToken} from "./DevnetToken.sol";

interface IFarmFactory {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

interface IFarmPair {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112, uint112, uint32);
    function mint(address to) external returns (uint256 liquidity);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

/// @title Builds benchmark-sized Uniswap V2 markets on a local devnet in a few transactions, and moves many of
/// their prices in one.
/// @notice Only for `./flashbank bench`: it holds the whole supply of the tokens it makes, seeds pairs through the
/// real factory's `createPair` and the pair's `mint`, and swaps with no slippage protection, by design.
contract PairFarm {
    /// @notice The account allowed to drive the farm.
    address public immutable owner;

    /// @notice Every token made so far, in order.
    address[] public tokens;

    /// @notice Thrown when anyone but the owner drives the farm.
    error NotOwner(address caller);

    /// @notice Thrown when the per-pair argument arrays differ in length.
    error LengthMismatch(uint256 expected, uint256 actual);

    /// @notice Thrown when a farm token refuses a transfer (it should never: the farm holds the whole supply).
    error TransferFailed(address token, address to, uint256 amount);

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @notice Deploys `count` plain tokens, each minting `supply` to this farm.
    function makeTokens(uint256 count, uint256 supply) external onlyOwner returns (address[] memory made) {
        made = new address[](count);
        for (uint256 i; i < count; ++i) {
            made[i] = address(new DevnetToken("Farm token", "FARM", supply));
            tokens.push(made[i]);
        }
    }

    /// @notice How many tokens the farm has made.
    function tokenCount() external view returns (uint256) {
        return tokens.length;
    }

    /// @notice Creates pair i of `tokenA[i]` and `tokenB[i]` on `factory` and seeds it with `amountA[i]` and
    /// `amountB[i]` (transfer, then the pair's own `mint`); the liquidity tokens stay with the farm.
    function createPairs(
        address factory,
        address[] calldata tokenA,
        address[] calldata tokenB,
        uint256[] calldata amountA,
        uint256[] calldata amountB
    ) external onlyOwner returns (address[] memory pairs) {
        uint256 n = tokenA.length;
        if (tokenB.length != n) revert LengthMismatch(n, tokenB.length);
        if (amountA.length != n) revert LengthMismatch(n, amountA.length);
        if (amountB.length != n) revert LengthMismatch(n, amountB.length);
        pairs = new address[](n);
        for (uint256 i; i < n; ++i) {
            address pair = IFarmFactory(factory).createPair(tokenA[i], tokenB[i]);
            _transfer(tokenA[i], pair, amountA[i]);
            _transfer(tokenB[i], pair, amountB[i]);
            IFarmPair(pair).mint(address(this));
            pairs[i] = pair;
        }
    }

    /// @notice Swaps `permille[i]` thousandths of pair i's input reserve through it, token0 in when `zeroForOne[i]`;
    /// the output stays with the farm. A pair whose input reserve is empty is skipped.
    function swapMany(address[] calldata pairs, uint256[] calldata permille, bool[] calldata zeroForOne)
        external
        onlyOwner
    {
        uint256 n = pairs.length;
        if (permille.length != n) revert LengthMismatch(n, permille.length);
        if (zeroForOne.length != n) revert LengthMismatch(n, zeroForOne.length);
        for (uint256 i; i < n; ++i) {
            _swap(IFarmPair(pairs[i]), permille[i], zeroForOne[i]);
        }
    }

    function _swap(IFarmPair pair, uint256 permille, bool zeroForOne) private {
        (uint112 r0, uint112 r1,) = pair.getReserves();
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        uint256 amountIn = reserveIn * permille / 1000;
        if (amountIn == 0) return;
        // Uniswap V2's getAmountOut with its 0.3% fee: the most the pair pays without failing its K check.
        uint256 inWithFee = amountIn * 997;
        uint256 amountOut = inWithFee * reserveOut / (reserveIn * 1000 + inWithFee);
        if (amountOut == 0) return;
        address tokenIn = zeroForOne ? pair.token0() : pair.token1();
        _transfer(tokenIn, address(pair), amountIn);
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        pair.swap(out0, out1, address(this), "");
    }

    function _transfer(address token, address to, uint256 amount) private {
        if (!DevnetToken(token).transfer(to, amount)) revert TransferFailed(token, to, amount);
    }
}
