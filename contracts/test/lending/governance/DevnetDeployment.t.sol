// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Test} from "../../utils/Test.sol";
import {UniswapV2Deployer, IUniswapV2FactoryFull, IUniswapV2PairFull} from "../../utils/UniswapV2Deployer.sol";
import {WETH9} from "../../../src/devnet/WETH9.sol";
import {GovernanceDeployer, IOwnableTarget} from "../../../src/lending/governance/GovernanceDeployer.sol";
import {ReserveGovernor} from "../../../src/lending/governance/ReserveGovernor.sol";
import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {LiquidityOffering, IUniswapV2FactoryForOffering} from "../../../src/lending/governance/LiquidityOffering.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {VotesFTokenMock} from "./mocks/VotesFTokenMock.sol";

/// @title The devnet deployment in the order a script runs it, then one decision at each level with devnet timings.
contract DevnetDeploymentTest is Test {
    address internal constant WETH_ASSET = address(uint160(0xA001));
    address internal deployer = address(this); // a script passes its broadcaster
    address internal depositor = makeAddr("depositor");

    MockGovernedPool internal pool;
    VotesFTokenMock internal fWeth;
    GovernanceDeployer.Protocol internal p;
    ReserveGovernor internal rg;
    address internal pair;

    function setUp() public {
        vm.roll(10);
        // 1. The pool, owned by the deployer, with a reserve and its pool-level bounds.
        pool = new MockGovernedPool(deployer);
        fWeth = new VotesFTokenMock("fWETH");
        IFlashSwapPool.ReserveParams memory params;
        params.optimalUtilizationRay = 0.8e27;
        pool.listReserve(WETH_ASSET, address(fWeth), 18, params);
        pool.setPoolDecisionBounds(WETH_ASSET, 0.6e27, 0.95e27, 30);

        // 2. Governance, the reserve governor, then the pool handed to the timelock.
        p = GovernanceDeployer.deployProtocol(deployer, deployer, address(0), GovernanceDeployer.protocolDevnet());
        rg = GovernanceDeployer.deployReserveGovernor(pool, p.timelock, GovernanceDeployer.reserveDevnet());
        GovernanceDeployer.handOver(IOwnableTarget(address(pool)), p.timelock);

        // 3. The liquidity offering: 1 M FSWP against 100 ETH.
        IUniswapV2FactoryFull factory = UniswapV2Deployer.deployFactory(deployer);
        WETH9 weth = new WETH9();
        LiquidityOffering offering =
            new LiquidityOffering(IUniswapV2FactoryForOffering(address(factory)), address(weth));
        vm.deal(deployer, 100 ether);
        p.token.approve(address(offering), 1_000_000e18);
        (pair,) = offering.offer{value: 100 ether}(p.token, 1_000_000e18, deployer);
    }

    function test_SeedsTheFswpWethPair() public view {
        (uint112 r0, uint112 r1,) = IUniswapV2PairFull(pair).getReserves();
        assertEq(uint256(r0) + r1, 1_000_000e18 + 100 ether, "seeded");
        assertEq(p.token.balanceOf(deployer), 99_000_000e18, "the rest stays with the treasury");
        assertEq(IERC20(pair).balanceOf(deployer), IERC20(pair).totalSupply() - 1_000, "LP tokens to the treasury");
        assertEq(pool.owner(), address(p.timelock), "the timelock owns the pool");
    }

    function test_ProtocolDecisionInDevnetTime() public {
        p.token.delegate(deployer);
        vm.roll(block.number + 1);
        address[] memory targets = new address[](1);
        targets[0] = address(pool);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(MockGovernedPool.setOracle, (address(0x0AC1E)));
        uint256 id = p.governor.propose(targets, new uint256[](1), calldatas, "devnet oracle");
        vm.roll(block.number + 2);
        p.governor.castVote(id, 1);
        vm.roll(block.number + 20);
        p.governor.queue(targets, new uint256[](1), calldatas, keccak256("devnet oracle"));
        vm.warp(block.timestamp + 60);
        p.governor.execute(targets, new uint256[](1), calldatas, keccak256("devnet oracle"));
        assertEq(uint256(p.governor.state(id)), uint256(IGovernor.ProposalState.Executed), "executed");
        assertEq(pool.oracle(), address(0x0AC1E), "the pool took it");
    }

    function test_PoolLevelDecisionInDevnetTime() public {
        fWeth.mint(depositor, 10e18);
        vm.prank(depositor);
        fWeth.delegate(depositor);
        vm.roll(block.number + 1);
        vm.startPrank(depositor);
        uint256 id = rg.propose(WETH_ASSET, 0.9e27, 12);
        rg.castVote(id, IReserveGovernor.VoteType.For);
        vm.stopPrank();
        vm.roll(block.number + 10 + 2 + 1);
        rg.execute(id);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.9e27, "pool-level decision applied");
        assertEq(pool.reserveParams(WETH_ASSET).flashLoanFeeBps, 12, "fee applied");
    }
}
