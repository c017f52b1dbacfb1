// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../../utils/Test.sol";
import {UniswapV2Deployer, IUniswapV2FactoryFull, IUniswapV2PairFull} from "../../utils/UniswapV2Deployer.sol";
import {WETH9} from "../../../src/devnet/WETH9.sol";
import {FSWP} from "../../../src/lending/governance/FSWP.sol";
import {LiquidityOffering, IUniswapV2FactoryForOffering} from "../../../src/lending/governance/LiquidityOffering.sol";

/// @title The devnet liquidity offering against the real Uniswap V2 core bytecode.
contract LiquidityOfferingTest is Test {
    IUniswapV2FactoryFull internal factory;
    WETH9 internal weth;
    FSWP internal fswp;
    LiquidityOffering internal offering;
    address internal lp = makeAddr("lp");

    function setUp() public {
        factory = UniswapV2Deployer.deployFactory(address(this));
        weth = new WETH9();
        fswp = new FSWP(address(this), 100_000_000e18);
        offering = new LiquidityOffering(IUniswapV2FactoryForOffering(address(factory)), address(weth));
        vm.deal(address(this), 1_000_000 ether);
        fswp.approve(address(offering), type(uint256).max);
    }

    /// @dev Reference: the largest integer whose square is at most `x` (bisection, not the pair's Babylonian loop).
    function _isqrt(uint256 x) internal pure returns (uint256 lo) {
        uint256 hi = x < 2 ? x + 1 : (x >> 1) + 1;
        while (lo + 1 < hi) {
            uint256 mid = (lo + hi) / 2;
            if (mid <= x / mid) lo = mid;
            else hi = mid;
        }
    }

    function testFuzz_CreatesAndSeedsThePair(uint256 fswpAmount, uint256 ethAmount) public {
        fswpAmount = bound(fswpAmount, 1e9, 10_000_000e18);
        ethAmount = bound(ethAmount, 1e9, 100_000 ether);
        (address pair, uint256 liquidity) = offering.offer{value: ethAmount}(fswp, fswpAmount, lp);

        assertEq(factory.getPair(address(fswp), address(weth)), pair, "the factory's FSWP/WETH pair");
        (uint112 r0, uint112 r1,) = IUniswapV2PairFull(pair).getReserves();
        bool fswpIs0 = IUniswapV2PairFull(pair).token0() == address(fswp);
        assertEq(fswpIs0 ? r0 : r1, fswpAmount, "FSWP reserve");
        assertEq(fswpIs0 ? r1 : r0, ethAmount, "WETH reserve");
        assertEq(liquidity, _isqrt(fswpAmount * ethAmount) - 1_000, "sqrt(x*y) less the locked minimum");
        assertEq(IERC20(pair).balanceOf(lp), liquidity, "LP tokens to the lp");
        assertEq(weth.balanceOf(address(offering)), 0, "nothing left in the offering");
        assertEq(fswp.balanceOf(address(offering)), 0, "no FSWP left either");
        assertEq(address(offering).balance, 0, "no ether left");
    }

    function test_UsesAnEmptyPairSomeoneElseCreated() public {
        address pair = factory.createPair(address(weth), address(fswp));
        (address seeded,) = offering.offer{value: 10 ether}(fswp, 1_000_000e18, lp);
        assertEq(seeded, pair, "same pair");
        assertEq(factory.allPairsLength(), 1, "no second pair");
    }

    function test_RevertWhen_PairAlreadySeeded() public {
        (address pair, uint256 liquidity) = offering.offer{value: 10 ether}(fswp, 1_000_000e18, lp);
        vm.expectRevert(
            abi.encodeWithSelector(
                LiquidityOffering.PairNotEmpty.selector, pair, liquidity + 1_000, 1_000_000e18, 10 ether
            )
        );
        offering.offer{value: 1 ether}(fswp, 1e18, lp);
    }

    function test_RevertWhen_TokensWereSentToThePairFirst() public {
        // Someone donates FSWP to an empty pair to skew the opening price: the offering refuses.
        address pair = factory.createPair(address(fswp), address(weth));
        assertTrue(fswp.transfer(pair, 5e18), "transfer");
        vm.expectRevert(abi.encodeWithSelector(LiquidityOffering.PairNotEmpty.selector, pair, 0, 5e18, 0));
        offering.offer{value: 10 ether}(fswp, 1_000_000e18, lp);
    }

    function test_RevertWhen_ZeroAmountsOrAddresses() public {
        vm.expectRevert(abi.encodeWithSelector(LiquidityOffering.ZeroAmount.selector, 0, 1 ether));
        offering.offer{value: 1 ether}(fswp, 0, lp);
        vm.expectRevert(abi.encodeWithSelector(LiquidityOffering.ZeroAmount.selector, 1e18, 0));
        offering.offer(fswp, 1e18, lp);
        vm.expectRevert(LiquidityOffering.ZeroAddress.selector);
        offering.offer{value: 1 ether}(fswp, 1e18, address(0));
        vm.expectRevert(LiquidityOffering.ZeroAddress.selector);
        new LiquidityOffering(IUniswapV2FactoryForOffering(address(0)), address(weth));
    }

    function test_EmitsTheOffering() public {
        address pair = factory.createPair(address(fswp), address(weth));
        uint256 expected = _isqrt(2_000_000e18 * 20 ether) - 1_000;
        vm.expectEmit(address(offering));
        emit LiquidityOffering.LiquidityOffered(pair, address(fswp), lp, 2_000_000e18, 20 ether, expected);
        offering.offer{value: 20 ether}(fswp, 2_000_000e18, lp);
    }
}
