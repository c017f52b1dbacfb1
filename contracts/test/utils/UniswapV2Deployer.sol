// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "./Vm.sol";

/// @title The Uniswap V2 factory and pair calls the tests make beyond the contracts' minimal interfaces.
interface IUniswapV2FactoryFull {
    function createPair(address tokenA, address tokenB) external returns (address pair);
    function getPair(address tokenA, address tokenB) external view returns (address pair);
    function allPairsLength() external view returns (uint256);
    function allPairs(uint256 index) external view returns (address);
}

/// @title The Uniswap V2 pair calls the tests make.
interface IUniswapV2PairFull {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function mint(address to) external returns (uint256 liquidity);
    function sync() external;
}

/// @title Minimal ERC-20 surface the deployer needs to fund a pair.
interface IMintableToken {
    function mint(address to, uint256 amount) external;
}

/// @title Deploys the real Uniswap V2 core factory from its npm build and seeds pairs.
/// @dev Needs `fs_permissions` read access to `node_modules/@uniswap/v2-core/build`.
library UniswapV2Deployer {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice A fresh UniswapV2Factory (creation code from `@uniswap/v2-core` 1.0.1) with `feeToSetter`.
    function deployFactory(address feeToSetter) internal returns (IUniswapV2FactoryFull factory) {
        string memory json = vm.readFile("node_modules/@uniswap/v2-core/build/UniswapV2Factory.json");
        bytes memory code = abi.encodePacked(vm.parseJsonBytes(json, ".bytecode"), abi.encode(feeToSetter));
        address deployed;
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "UniswapV2Factory deployment failed");
        factory = IUniswapV2FactoryFull(deployed);
    }

    /// @notice Creates (or reuses) the `tokenA`/`tokenB` pair of `factory` and adds `amountA`/`amountB` of
    /// freshly minted tokens as liquidity, the LP tokens going to `lp`.
    function seed(
        IUniswapV2FactoryFull factory,
        address tokenA,
        address tokenB,
        uint256 amountA,
        uint256 amountB,
        address lp
    ) internal returns (IUniswapV2PairFull pair) {
        address existing = factory.getPair(tokenA, tokenB);
        pair = IUniswapV2PairFull(existing == address(0) ? factory.createPair(tokenA, tokenB) : existing);
        IMintableToken(tokenA).mint(address(pair), amountA);
        IMintableToken(tokenB).mint(address(pair), amountB);
        pair.mint(lp);
    }
}
