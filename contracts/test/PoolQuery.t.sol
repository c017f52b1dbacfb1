// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "./utils/Test.sol";
import {UniswapV2Deployer, IUniswapV2FactoryFull, IUniswapV2PairFull} from "./utils/UniswapV2Deployer.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {PoolQuery} from "../src/PoolQuery.sol";
import {IPoolQuery} from "../src/interfaces/IPoolQuery.sol";
import {MalformedPair} from "./mocks/MalformedPair.sol";

contract PoolQueryTest is Test {
    PoolQuery internal query;
    IUniswapV2FactoryFull internal factory;
    MockERC20[] internal tokens;
    address[] internal pairs;
    address internal lp = makeAddr("lp");

    function setUp() public {
        query = new PoolQuery();
        factory = UniswapV2Deployer.deployFactory(address(this));
        for (uint256 i; i < 4; ++i) {
            tokens.push(new MockERC20("Token", "TKN", 18));
        }
        // Six pairs over four tokens, each with different reserves.
        uint256 k;
        for (uint256 i; i < 4; ++i) {
            for (uint256 j = i + 1; j < 4; ++j) {
                ++k;
                IUniswapV2PairFull pair = UniswapV2Deployer.seed(
                    factory, address(tokens[i]), address(tokens[j]), k * 1e18, (k + 7) * 3e17, lp
                );
                pairs.push(address(pair));
            }
        }
        vm.warp(block.timestamp + 100);
    }

    function test_GetReservesMatchesEachPair() public view {
        (uint256[] memory r0, uint256[] memory r1, uint32[] memory ts) = query.getReserves(pairs);
        assertEq(r0.length, pairs.length, "reserve0 length");
        assertEq(r1.length, pairs.length, "reserve1 length");
        assertEq(ts.length, pairs.length, "timestamp length");
        for (uint256 i; i < pairs.length; ++i) {
            (uint112 e0, uint112 e1, uint32 et) = IUniswapV2PairFull(pairs[i]).getReserves();
            assertEq(r0[i], e0, "reserve0");
            assertEq(r1[i], e1, "reserve1");
            assertEq(uint256(ts[i]), uint256(et), "timestamp");
            assertGt(r0[i], 0, "seeded");
        }
    }

    function test_GetReservesOfEmptyListIsEmpty() public view {
        (uint256[] memory r0, uint256[] memory r1, uint32[] memory ts) = query.getReserves(new address[](0));
        assertEq(r0.length + r1.length + ts.length, 0, "empty");
    }

    function test_GetReservesYieldsZerosForBogusEntries() public {
        MalformedPair short = new MalformedPair();
        short.configure(abi.encode(uint256(1), uint256(2)), false, false);
        MalformedPair wide = new MalformedPair();
        wide.configure(abi.encode(uint256(type(uint112).max) + 1, uint256(2), uint256(3)), false, false);
        MalformedPair reverting = new MalformedPair();
        reverting.configure(abi.encode(uint256(1), uint256(2), uint256(3)), true, false);
        MalformedPair burner = new MalformedPair();
        burner.configure("", false, true);

        address[] memory list = new address[](8);
        list[0] = pairs[0];
        list[1] = makeAddr("eoa");
        list[2] = address(short);
        list[3] = address(wide);
        list[4] = address(reverting);
        list[5] = address(burner);
        list[6] = address(tokens[0]); // a contract without getReserves
        list[7] = pairs[5];

        (uint256[] memory r0, uint256[] memory r1, uint32[] memory ts) = query.getReserves(list);
        for (uint256 i = 1; i < 7; ++i) {
            assertEq(r0[i], 0, "bogus reserve0");
            assertEq(r1[i], 0, "bogus reserve1");
            assertEq(uint256(ts[i]), 0, "bogus timestamp");
        }
        (uint112 a0, uint112 a1,) = IUniswapV2PairFull(pairs[0]).getReserves();
        (uint112 b0, uint112 b1,) = IUniswapV2PairFull(pairs[5]).getReserves();
        assertEq(r0[0], a0, "real pair before the bogus ones");
        assertEq(r1[0], a1, "real pair before the bogus ones");
        assertEq(r0[7], b0, "real pair after the bogus ones");
        assertEq(r1[7], b1, "real pair after the bogus ones");
    }

    function test_GetReservesSeesTheLatestSync() public {
        IUniswapV2PairFull pair = IUniswapV2PairFull(pairs[2]);
        (uint112 before,,) = pair.getReserves();
        MockERC20(pair.token0()).mint(address(pair), 5e17);
        pair.sync();
        address[] memory list = new address[](1);
        list[0] = address(pair);
        (uint256[] memory r0,, uint32[] memory ts) = query.getReserves(list);
        assertEq(r0[0], uint256(before) + 5e17, "reserve0 after sync");
        assertEq(uint256(ts[0]), block.timestamp, "timestamp of the sync");
    }

    function test_GetPairsReturnsAPageWithTokensAndReserves() public view {
        (
            uint256 total,
            address[] memory page,
            address[] memory token0,
            address[] memory token1,
            uint256[] memory reserve0,
            uint256[] memory reserve1
        ) = query.getPairs(address(factory), 1, 3);
        assertEq(total, 6, "total");
        assertEq(page.length, 3, "page length");
        for (uint256 i; i < 3; ++i) {
            IUniswapV2PairFull pair = IUniswapV2PairFull(factory.allPairs(1 + i));
            (uint112 e0, uint112 e1,) = pair.getReserves();
            assertEq(page[i], address(pair), "pair");
            assertEq(token0[i], pair.token0(), "token0");
            assertEq(token1[i], pair.token1(), "token1");
            assertEq(reserve0[i], e0, "reserve0");
            assertEq(reserve1[i], e1, "reserve1");
        }
    }

    function test_GetPairsClampsCountToTheEnd() public view {
        (uint256 total, address[] memory page,,, uint256[] memory reserve0,) = query.getPairs(address(factory), 4, 100);
        assertEq(total, 6, "total");
        assertEq(page.length, 2, "clamped to the last two");
        assertEq(reserve0.length, 2, "arrays agree");
        assertEq(page[1], pairs[5], "last pair");
    }

    function test_GetPairsPastTheEndIsEmpty() public view {
        (uint256 total, address[] memory page, address[] memory token0,,,) = query.getPairs(address(factory), 6, 10);
        assertEq(total, 6, "total still reported");
        assertEq(page.length, 0, "start at the end");
        assertEq(token0.length, 0, "arrays agree");
        (, page,,,,) = query.getPairs(address(factory), type(uint256).max, type(uint256).max);
        assertEq(page.length, 0, "huge start and count");
    }

    function testFuzz_GetPairsPageIsClamped(uint256 start, uint256 count) public view {
        start = bound(start, 0, 10);
        count = bound(count, 0, type(uint256).max);
        (uint256 total, address[] memory page,,,,) = query.getPairs(address(factory), start, count);
        uint256 expected = start >= total ? 0 : total - start;
        if (count < expected) expected = count;
        assertEq(page.length, expected, "page length");
        for (uint256 i; i < page.length; ++i) {
            assertEq(page[i], pairs[start + i], "page order follows allPairs");
        }
    }

    function test_GetPairsPagesCoverEveryPair() public view {
        address[] memory seen = new address[](6);
        uint256 n;
        for (uint256 start;; start += 4) {
            (uint256 total, address[] memory page,,,,) = query.getPairs(address(factory), start, 4);
            for (uint256 i; i < page.length; ++i) {
                seen[n++] = page[i];
            }
            if (start + 4 >= total) break;
        }
        assertEq(seen, pairs, "two pages list every pair once, in order");
    }

    function test_RevertWhen_GetPairsOfANonFactory() public {
        address eoa = makeAddr("not a factory");
        vm.expectRevert(abi.encodeWithSelector(IPoolQuery.NotAFactory.selector, eoa));
        query.getPairs(eoa, 0, 10);
    }
}
