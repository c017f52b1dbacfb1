// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {MockPriceOracle} from "./MockPriceOracle.sol";
import {FlashSwapPool} from "../../../src/lending/FlashSwapPool.sol";
import {FToken, FTokenFactory} from "../../../src/lending/FToken.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";

/// @title A pool with three listed reserves (18, 6 and 8 decimals), a settable oracle and funded actors.
abstract contract PoolFixture is Test {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant WAD = 1e18;

    FlashSwapPool internal pool;
    MockPriceOracle internal oracle;
    MockERC20 internal weth; // 18 decimals, 2000 base units
    MockERC20 internal usdc; // 6 decimals, 1 base unit
    MockERC20 internal wbtc; // 8 decimals, 40000 base units
    address internal treasury = address(0x7EA5);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA401);

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        vm.roll(100);
        oracle = new MockPriceOracle();
        pool = new FlashSwapPool(address(this), oracle, treasury, new FTokenFactory());
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        wbtc = new MockERC20("Wrapped BTC", "WBTC", 8);
        oracle.setPrice(address(weth), 2000e18);
        oracle.setPrice(address(usdc), 1e18);
        oracle.setPrice(address(wbtc), 40_000e18);
        _list(weth);
        _list(usdc);
        _list(wbtc);
        address[3] memory actors = [alice, bob, carol];
        for (uint256 i; i < actors.length; ++i) {
            _fund(actors[i]);
        }
    }

    function defaultParams() internal pure returns (IFlashSwapPool.ReserveParams memory p) {
        p.optimalUtilizationRay = 0.8e27;
        p.baseVariableRateRay = 0;
        p.variableSlope1Ray = 0.04e27;
        p.variableSlope2Ray = 0.75e27;
        p.baseStableRateRay = 0.05e27;
        p.stableSlope1Ray = 0.02e27;
        p.stableSlope2Ray = 0.6e27;
        p.reserveFactorBps = 1000;
        p.ltvBps = 7500;
        p.liquidationThresholdBps = 8000;
        p.liquidationBonusBps = 10500;
        p.liquidationProtocolShareBps = 1000;
        p.flashLoanFeeBps = 9;
        p.flashLoanProtocolShareBps = 2000;
        p.maxStableShareBps = 2500;
    }

    function _list(MockERC20 token) internal {
        token.mint(address(this), pool.probeAmount(token.decimals()));
        token.approve(address(pool), type(uint256).max);
        pool.listReserve(address(token), defaultParams());
    }

    function _fund(address who) internal {
        weth.mint(who, 1e30);
        usdc.mint(who, 1e30);
        wbtc.mint(who, 1e30);
        vm.startPrank(who);
        weth.approve(address(pool), type(uint256).max);
        usdc.approve(address(pool), type(uint256).max);
        wbtc.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    function fToken(MockERC20 token) internal view returns (FToken) {
        return FToken(pool.reserveData(address(token)).fToken);
    }

    function _deposit(address who, MockERC20 token, uint256 amount) internal {
        vm.prank(who);
        pool.deposit(address(token), amount, who);
    }

    function _borrow(address who, MockERC20 token, uint256 amount) internal {
        vm.prank(who);
        pool.borrow(address(token), amount, IFlashSwapPool.RateMode.VARIABLE);
    }

    function _unit(MockERC20 token) internal view returns (uint256) {
        return 10 ** uint256(token.decimals());
    }
}
