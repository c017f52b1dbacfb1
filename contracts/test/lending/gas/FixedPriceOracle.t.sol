// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {FixedPriceOracle} from "../../../script/lending-gas/FixedPriceOracle.sol";

/// @title The lending gas benchmark's fixed-price oracle: the owner's prices come back, nothing else gets in.
contract FixedPriceOracleTest is Test {
    event PriceSet(address indexed asset, uint256 priceWad);

    address private owner;
    FixedPriceOracle private oracle;

    function setUp() public {
        owner = makeAddr("owner");
        oracle = new FixedPriceOracle(owner);
    }

    function testFuzz_GetAssetPriceReturnsTheLastPriceSet(address asset, uint256 first, uint256 second) public {
        first = bound(first, 1, type(uint256).max);
        second = bound(second, 1, type(uint256).max);
        vm.startPrank(owner);
        oracle.setPrice(asset, first);
        assertEq(oracle.getAssetPrice(asset), first, "first price");
        oracle.setPrice(asset, second);
        vm.stopPrank();
        assertEq(oracle.getAssetPrice(asset), second, "second price replaces the first");
    }

    function testFuzz_PricesAreKeptPerAsset(address a, address b, uint256 priceA, uint256 priceB) public {
        vm.assume(a != b);
        priceA = bound(priceA, 1, 1e40);
        priceB = bound(priceB, 1, 1e40);
        vm.startPrank(owner);
        oracle.setPrice(a, priceA);
        oracle.setPrice(b, priceB);
        vm.stopPrank();
        assertEq(oracle.getAssetPrice(a), priceA, "a keeps its own price");
        assertEq(oracle.getAssetPrice(b), priceB, "b keeps its own price");
    }

    function test_SetPriceEmitsPriceSet() public {
        address asset = makeAddr("asset");
        vm.expectEmit(true, false, false, true, address(oracle));
        emit PriceSet(asset, 2000e18);
        vm.prank(owner);
        oracle.setPrice(asset, 2000e18);
    }

    function test_RevertWhen_AssetHasNoPrice() public {
        address asset = makeAddr("unpriced");
        vm.expectRevert(abi.encodeWithSelector(FixedPriceOracle.NoPrice.selector, asset));
        oracle.getAssetPrice(asset);
    }

    function testFuzz_RevertWhen_SomeoneElseSetsAPrice(address caller) public {
        vm.assume(caller != owner);
        vm.expectRevert(abi.encodeWithSelector(FixedPriceOracle.NotOwner.selector, caller));
        vm.prank(caller);
        oracle.setPrice(address(1), 1e18);
    }

    function test_RevertWhen_PriceIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(FixedPriceOracle.ZeroPrice.selector, address(7)));
        vm.prank(owner);
        oracle.setPrice(address(7), 0);
    }
}
