// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPoolQuery} from "./interfaces/IPoolQuery.sol";
import {IUniswapV2PairMinimal, IUniswapV2FactoryMinimal} from "./interfaces/IUniswapV2PairMinimal.sol";

/// @title Batch reads of Uniswap V2-style pairs for one eth_call.
contract PoolQuery is IPoolQuery {
    /// @inheritdoc IPoolQuery
    uint256 public constant CALL_GAS = 50_000;

    /// @inheritdoc IPoolQuery
    function getReserves(address[] calldata pairs)
        external
        view
        returns (uint256[] memory reserve0, uint256[] memory reserve1, uint32[] memory blockTimestampLast)
    {
        uint256 n = pairs.length;
        reserve0 = new uint256[](n);
        reserve1 = new uint256[](n);
        blockTimestampLast = new uint32[](n);
        for (uint256 i; i < n; ++i) {
            (reserve0[i], reserve1[i], blockTimestampLast[i]) = _reserves(pairs[i]);
        }
    }

    /// @inheritdoc IPoolQuery
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
        )
    {
        bool ok;
        (ok, total) = _readWord(factory, abi.encodeCall(IUniswapV2FactoryMinimal.allPairsLength, ()));
        if (!ok) revert NotAFactory(factory);

        uint256 n = start >= total ? 0 : total - start;
        if (count < n) n = count;
        pairs = new address[](n);
        token0 = new address[](n);
        token1 = new address[](n);
        reserve0 = new uint256[](n);
        reserve1 = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            address pair = _readAddress(factory, abi.encodeCall(IUniswapV2FactoryMinimal.allPairs, (start + i)));
            pairs[i] = pair;
            if (pair == address(0)) continue;
            token0[i] = _readAddress(pair, abi.encodeCall(IUniswapV2PairMinimal.token0, ()));
            token1[i] = _readAddress(pair, abi.encodeCall(IUniswapV2PairMinimal.token1, ()));
            (reserve0[i], reserve1[i],) = _reserves(pair);
        }
    }

    /// @dev Reads `getReserves()` by hand rather than through the ABI decoder, which would revert on a short or
    /// out-of-range answer; such an answer (or none) reads as zeros.
    function _reserves(address pair) private view returns (uint256 r0, uint256 r1, uint32 ts) {
        bytes4 selector = IUniswapV2PairMinimal.getReserves.selector;
        uint256 gasAllowed = CALL_GAS;
        bool ok;
        uint256 t;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            // Copies at most three words, whatever the callee returns, so a huge answer costs nothing extra.
            ok := staticcall(gasAllowed, pair, ptr, 4, ptr, 0x60)
            if and(ok, iszero(lt(returndatasize(), 0x60))) {
                r0 := mload(ptr)
                r1 := mload(add(ptr, 0x20))
                t := mload(add(ptr, 0x40))
            }
        }
        // A real pair's reserves are uint112 and its timestamp uint32; anything wider is not a pair's answer.
        if (!ok || r0 > type(uint112).max || r1 > type(uint112).max || t > type(uint32).max) return (0, 0, 0);
        // casting to 'uint32' is safe because t was checked to fit just above
        // forge-lint: disable-next-line(unsafe-typecast)
        ts = uint32(t);
    }

    /// @dev One `staticcall` returning one word, or `ok == false` when it failed or returned less than a word.
    function _readWord(address target, bytes memory request) private view returns (bool ok, uint256 word) {
        uint256 gasAllowed = CALL_GAS;
        assembly ("memory-safe") {
            ok := staticcall(gasAllowed, target, add(request, 0x20), mload(request), 0x00, 0x20)
            ok := and(ok, iszero(lt(returndatasize(), 0x20)))
            if ok { word := mload(0x00) }
        }
    }

    /// @dev `_readWord` for an address answer: a failed call or a word with high bits set reads as address(0).
    function _readAddress(address target, bytes memory request) private view returns (address) {
        (bool ok, uint256 word) = _readWord(target, request);
        if (!ok || word > type(uint160).max) return address(0);
        // casting to 'uint160' is safe because word was checked to fit just above
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(word));
    }
}
