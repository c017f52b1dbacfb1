// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Test} from "../../utils/Test.sol";
import {MockERC20} from "../../mocks/MockERC20.sol";
import {FlashSwapPool} from "../../../src/lending/FlashSwapPool.sol";
import {FTokenFactory} from "../../../src/lending/FToken.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {IPriceOracle} from "../../../src/lending/interfaces/IPriceOracle.sol";
import {IReserveGovernance} from "../../../src/lending/interfaces/IReserveGovernance.sol";
import {ChainlinkPriceOracle} from "../../../src/lending/oracle/ChainlinkPriceOracle.sol";
import {IChainlinkPriceOracle} from "../../../src/lending/oracle/IChainlinkPriceOracle.sol";
import {MockAggregator} from "../../../src/lending/oracle/MockAggregator.sol";
import {GovernanceDeployer, IOwnableTarget} from "../../../src/lending/governance/GovernanceDeployer.sol";
import {ReserveGovernor} from "../../../src/lending/governance/ReserveGovernor.sol";
import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";

/// @title The lending pool's parts together: the real pool priced by the Chainlink adapter, governed by FSWP through
/// the governor and timelock, and by its depositors' fToken votes through the reserve governor.
contract PoolWithGovernanceAndOracleTest is Test {
    FlashSwapPool internal pool;
    ChainlinkPriceOracle internal oracle;
    MockAggregator internal wethFeed;
    MockAggregator internal usdcFeed;
    MockERC20 internal weth;
    MockERC20 internal usdc;
    GovernanceDeployer.Protocol internal p;
    ReserveGovernor internal rg;
    address internal deployer = address(this);
    address internal depositor = address(0xD3B0);
    address internal borrower = address(0xB0B);

    function setUp() public {
        vm.warp(1_700_000_000);
        vm.roll(100);
        oracle = new ChainlinkPriceOracle(deployer);
        wethFeed = new MockAggregator(8, 2_000e8, "ETH / USD (devnet stand-in)");
        usdcFeed = new MockAggregator(8, 1e8, "USDC / USD (devnet stand-in)");
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        oracle.setPriceSource(address(weth), address(wethFeed), 1 hours);
        oracle.setPriceSource(address(usdc), address(usdcFeed), 1 hours);
        pool = new FlashSwapPool(deployer, IPriceOracle(address(oracle)), address(0x7EA5), new FTokenFactory());
        _list(weth);
        _list(usdc);
        pool.setPoolDecisionBounds(address(usdc), 0.6e27, 0.95e27, 30);

        p = GovernanceDeployer.deployProtocol(deployer, deployer, address(0), GovernanceDeployer.protocolDevnet());
        rg = GovernanceDeployer.deployReserveGovernor(IReserveGovernance(address(pool)), p.timelock, GovernanceDeployer.reserveDevnet());
        GovernanceDeployer.handOver(IOwnableTarget(address(pool)), p.timelock);
        GovernanceDeployer.handOver(IOwnableTarget(address(oracle)), p.timelock);

        usdc.mint(depositor, 1_000_000e6);
        weth.mint(borrower, 100e18);
        vm.prank(depositor);
        usdc.approve(address(pool), type(uint256).max);
        vm.prank(borrower);
        weth.approve(address(pool), type(uint256).max);
        vm.prank(depositor);
        pool.deposit(address(usdc), 500_000e6, depositor);
        vm.prank(borrower);
        pool.deposit(address(weth), 10e18, borrower);
    }

    function _list(MockERC20 token) internal {
        IFlashSwapPool.ReserveParams memory params;
        params.optimalUtilizationRay = 0.8e27;
        params.variableSlope1Ray = 0.04e27;
        params.variableSlope2Ray = 0.75e27;
        params.baseStableRateRay = 0.05e27;
        params.stableSlope1Ray = 0.02e27;
        params.stableSlope2Ray = 0.6e27;
        params.reserveFactorBps = 1000;
        params.ltvBps = 7500;
        params.liquidationThresholdBps = 8000;
        params.liquidationBonusBps = 10500;
        params.liquidationProtocolShareBps = 1000;
        params.flashLoanFeeBps = 9;
        params.flashLoanProtocolShareBps = 2000;
        params.maxStableShareBps = 2500;
        token.mint(deployer, pool.probeAmount(token.decimals()));
        token.approve(address(pool), type(uint256).max);
        pool.listReserve(address(token), params);
    }

    function test_TheTimelockOwnsThePoolAndTheOracle() public {
        assertEq(pool.owner(), address(p.timelock), "pool owner");
        assertEq(oracle.owner(), address(p.timelock), "oracle owner");
        assertEq(pool.reserveGovernor(), address(rg), "reserve governor");
        vm.expectRevert();
        pool.setTreasury(address(0x1));
    }

    function test_BorrowsArePricedByTheAggregatorsAndAStaleFeedStopsThem() public {
        vm.prank(borrower);
        pool.borrow(address(usdc), 10_000e6, IFlashSwapPool.RateMode.VARIABLE);
        // 10 WETH at 2,000 USD, 80 % threshold, 10,000 USDC debt: HF = 16,000 / 10,000
        uint256 hf = pool.healthFactor(borrower);
        assertGe(hf, 1.6e18 - 1e6, "HF from the feeds");
        assertLe(hf, 1.6e18, "HF from the feeds, never rounded up");
        vm.warp(block.timestamp + 1 hours + 1);
        (, , , uint256 updatedAt,) = wethFeed.latestRoundData();
        vm.prank(borrower);
        vm.expectRevert(abi.encodeWithSelector(IChainlinkPriceOracle.StalePrice.selector, address(weth), updatedAt, 1 hours));
        pool.borrow(address(usdc), 1_000e6, IFlashSwapPool.RateMode.VARIABLE);
        wethFeed.setAnswer(1_500e8);
        usdcFeed.setAnswer(1e8);
        // at 1,500 USD the same position is worth 12,000 · 0.8 = 12,000 of threshold: HF 1.2 (plus an hour's interest)
        assertLt(pool.healthFactor(borrower), 1.2e18, "HF fell with the price");
        assertGt(pool.healthFactor(borrower), 1.19e18, "by the price, not by more");
    }

    function test_DepositorsFTokenVotesSetTheReservesDecisionWithinTheBounds() public {
        address fUsdc = pool.reserveData(address(usdc)).fToken;
        vm.prank(depositor);
        (bool ok,) = fUsdc.call(abi.encodeWithSignature("delegate(address)", depositor));
        assertTrue(ok, "fToken delegation");
        vm.roll(block.number + 1);
        vm.prank(depositor);
        uint256 id = rg.propose(address(usdc), 0.9e27, 20);
        vm.prank(depositor);
        rg.castVote(id, IReserveGovernor.VoteType.For);
        vm.roll(block.number + 10 + 2 + 1);
        rg.execute(id);
        assertEq(pool.reserveParams(address(usdc)).optimalUtilizationRay, 0.9e27, "uopt by the depositors' vote");
        assertEq(pool.flashFee(address(usdc), 1_000_000), 2_000, "flash fee by the depositors' vote");
        vm.prank(depositor);
        vm.expectRevert();
        rg.propose(address(usdc), 0.99e27, 20); // outside the protocol's bounds
    }

    function test_ProtocolGovernanceChangesTheReserveThroughTheTimelock() public {
        p.token.delegate(deployer);
        vm.roll(block.number + 1);
        address[] memory targets = new address[](1);
        targets[0] = address(pool);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(FlashSwapPool.setReserveStatus, (address(usdc), true, true, false));
        uint256 id = p.governor.propose(targets, new uint256[](1), calldatas, "freeze USDC");
        vm.roll(block.number + 2);
        p.governor.castVote(id, 1);
        vm.roll(block.number + 20);
        p.governor.queue(targets, new uint256[](1), calldatas, keccak256("freeze USDC"));
        vm.warp(block.timestamp + 60);
        p.governor.execute(targets, new uint256[](1), calldatas, keccak256("freeze USDC"));
        assertEq(uint256(p.governor.state(id)), uint256(IGovernor.ProposalState.Executed), "executed");
        assertTrue(pool.reserveData(address(usdc)).frozen, "frozen by the vote");
        vm.prank(depositor);
        vm.expectRevert(abi.encodeWithSelector(IFlashSwapPool.ReserveFrozen.selector, address(usdc)));
        pool.deposit(address(usdc), 1e6, depositor);
    }
}
