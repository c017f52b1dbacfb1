// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title The Uniswap V2 factory calls the offering makes.
interface IUniswapV2FactoryForOffering {
    function getPair(address tokenA, address tokenB) external view returns (address pair);
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// @title The Uniswap V2 pair call the offering makes.
interface IUniswapV2PairForOffering {
    function mint(address to) external returns (uint256 liquidity);
}

/// @title The WETH call the offering makes.
interface IWETHForOffering {
    function deposit() external payable;
}

/// @title The devnet "liquidity offering": creates the FSWP/WETH Uniswap V2 pair and seeds it in one transaction.
/// @notice The caller sends the ether and approves the FSWP; the opening price is `msg.value / fswpAmount` WETH per
/// FSWP. The pair must be empty (no LP supply and no tokens sent to it beforehand), so nobody can set the opening
/// price ahead of the offering.
contract LiquidityOffering {
    using SafeERC20 for IERC20;

    /// @notice The Uniswap V2 factory the pair is created on.
    IUniswapV2FactoryForOffering public immutable factory;
    /// @notice The chain's WETH.
    address public immutable weth;

    /// @notice The pair `pair` was seeded with `fswpAmount` FSWP and `wethAmount` WETH; `lp` got `liquidity`.
    event LiquidityOffered(
        address indexed pair,
        address indexed fswp,
        address indexed lp,
        uint256 fswpAmount,
        uint256 wethAmount,
        uint256 liquidity
    );

    /// @notice A zero address where a contract or recipient is needed.
    error ZeroAddress();
    /// @notice Nothing to seed: no ether or no FSWP.
    error ZeroAmount(uint256 fswpAmount, uint256 wethAmount);
    /// @notice The pair already has LP tokens or holds tokens: its price is not the offering's to set.
    error PairNotEmpty(address pair, uint256 lpSupply, uint256 fswpBalance, uint256 wethBalance);

    constructor(IUniswapV2FactoryForOffering factory_, address weth_) {
        if (address(factory_) == address(0) || weth_ == address(0)) revert ZeroAddress();
        factory = factory_;
        weth = weth_;
    }

    /// @notice Creates (or finds, if still empty) the FSWP/WETH pair, wraps `msg.value` and adds it with
    /// `fswpAmount` FSWP pulled from the caller; the LP tokens go to `lp`.
    function offer(IERC20 fswp, uint256 fswpAmount, address lp)
        external
        payable
        returns (address pair, uint256 liquidity)
    {
        if (address(fswp) == address(0) || lp == address(0)) revert ZeroAddress();
        if (fswpAmount == 0 || msg.value == 0) revert ZeroAmount(fswpAmount, msg.value);
        pair = factory.getPair(address(fswp), weth);
        if (pair == address(0)) pair = factory.createPair(address(fswp), weth);

        uint256 lpSupply = IERC20(pair).totalSupply();
        uint256 fswpHeld = fswp.balanceOf(pair);
        uint256 wethHeld = IERC20(weth).balanceOf(pair);
        if (lpSupply != 0 || fswpHeld != 0 || wethHeld != 0) revert PairNotEmpty(pair, lpSupply, fswpHeld, wethHeld);

        IWETHForOffering(weth).deposit{value: msg.value}();
        IERC20(weth).safeTransfer(pair, msg.value);
        fswp.safeTransferFrom(msg.sender, pair, fswpAmount);
        liquidity = IUniswapV2PairForOffering(pair).mint(lp);
        emit LiquidityOffered(pair, address(fswp), lp, fswpAmount, msg.value, liquidity);
    }
}
