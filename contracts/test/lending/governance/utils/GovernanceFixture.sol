// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../../utils/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {FSWP} from "../../../../src/lending/governance/FSWP.sol";
import {FlashSwapGovernor} from "../../../../src/lending/governance/FlashSwapGovernor.sol";
import {ReserveGovernor} from "../../../../src/lending/governance/ReserveGovernor.sol";
import {GovernanceDeployer, IOwnableTarget} from "../../../../src/lending/governance/GovernanceDeployer.sol";
import {IFlashSwapPool} from "../../../../src/lending/interfaces/IFlashSwapPool.sol";
import {MockGovernedPool} from "../mocks/MockGovernedPool.sol";
import {VotesFTokenMock} from "../mocks/VotesFTokenMock.sol";

/// @title Both governance levels deployed by GovernanceDeployer over a mock pool, with FSWP and fToken voters.
abstract contract GovernanceFixture is Test {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant BLOCK_TIME = 12;

    address internal treasury = makeAddr("treasury");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal guardian = makeAddr("guardian");
    address internal stranger = makeAddr("stranger");

    address internal constant WETH_ASSET = address(uint160(0xA001));
    address internal constant USDC_ASSET = address(uint160(0xA002));

    GovernanceDeployer.ProtocolSettings internal settings;
    GovernanceDeployer.ReserveSettings internal reserveSettings;
    FSWP internal fswp;
    TimelockController internal timelock;
    FlashSwapGovernor internal governor;
    ReserveGovernor internal reserveGovernor;
    MockGovernedPool internal pool;
    VotesFTokenMock internal fWeth;

    uint256 internal constant MIN_UOPT = 0.6e27;
    uint256 internal constant MAX_UOPT = 0.95e27;
    uint16 internal constant MAX_FEE = 30;

    function setUp() public virtual {
        vm.roll(1_000);
        vm.warp(1_700_000_000);
        pool = new MockGovernedPool(address(this));
        fWeth = new VotesFTokenMock("fWETH");
        pool.listReserve(WETH_ASSET, address(fWeth), 18, _params(0.8e27, 9));
        pool.setPoolDecisionBounds(WETH_ASSET, MIN_UOPT, MAX_UOPT, MAX_FEE);

        settings = GovernanceDeployer.protocolDefaults();
        reserveSettings = GovernanceDeployer.reserveDefaults();
        GovernanceDeployer.Protocol memory p =
            GovernanceDeployer.deployProtocol(address(this), treasury, guardian, settings);
        (fswp, timelock, governor) = (p.token, p.timelock, p.governor);
        reserveGovernor = GovernanceDeployer.deployReserveGovernor(pool, timelock, reserveSettings);
        GovernanceDeployer.handOver(IOwnableTarget(address(pool)), timelock);

        _giveFswp(alice, 5_000_000e18);
        _giveFswp(bob, 6_000_000e18);
        _giveFswp(carol, 1_000_000e18);
        _giveFToken(alice, 600e18);
        _giveFToken(bob, 300e18);
        _giveFToken(carol, 100e18);
        _mine(1);
    }

    // ---------------------------------------------------------------- chain

    /// @dev Advances `blocks` blocks and 12 s per block.
    function _mine(uint256 blocks) internal {
        vm.roll(block.number + blocks);
        vm.warp(block.timestamp + blocks * BLOCK_TIME);
    }

    // ---------------------------------------------------------------- voters

    function _giveFswp(address to, uint256 amount) internal {
        vm.prank(treasury);
        assertTrue(fswp.transfer(to, amount), "transfer");
        vm.prank(to);
        fswp.delegate(to);
    }

    function _giveFToken(address to, uint256 amount) internal {
        fWeth.mint(to, amount);
        vm.prank(to);
        fWeth.delegate(to);
    }

    function _params(uint256 uopt, uint16 flashFeeBps) internal pure returns (IFlashSwapPool.ReserveParams memory r) {
        r.optimalUtilizationRay = uopt;
        r.baseVariableRateRay = 0.01e27;
        r.variableSlope1Ray = 0.04e27;
        r.variableSlope2Ray = 0.75e27;
        r.baseStableRateRay = 0.03e27;
        r.stableSlope1Ray = 0.02e27;
        r.stableSlope2Ray = 0.6e27;
        r.reserveFactorBps = 1_000;
        r.ltvBps = 8_000;
        r.liquidationThresholdBps = 8_250;
        r.liquidationBonusBps = 10_500;
        r.liquidationProtocolShareBps = 1_000;
        r.flashLoanFeeBps = flashFeeBps;
        r.flashLoanProtocolShareBps = 2_000;
        r.maxStableShareBps = 2_500;
    }

    // ---------------------------------------------------------------- protocol proposals

    struct Call {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _poolCall(bytes memory data, string memory description) internal view returns (Call memory c) {
        c.targets = new address[](1);
        c.targets[0] = address(pool);
        c.values = new uint256[](1);
        c.calldatas = new bytes[](1);
        c.calldatas[0] = data;
        c.description = description;
    }

    function _propose(address proposer, Call memory c) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(c.targets, c.values, c.calldatas, c.description);
    }

    function _vote(address voter, uint256 id, uint8 support) internal returns (uint256 weight) {
        vm.prank(voter);
        weight = governor.castVote(id, support);
    }

    function _queue(Call memory c) internal returns (uint256) {
        return governor.queue(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
    }

    function _execute(Call memory c) internal returns (uint256) {
        return governor.execute(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
    }

    /// @dev Proposes (alice), waits for the snapshot, votes For with bob and alice, waits out the vote, queues and
    /// waits out the timelock; the caller executes.
    function _passAndQueue(Call memory c) internal returns (uint256 id) {
        id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _mine(settings.votingPeriodBlocks);
        _queue(c);
        vm.warp(block.timestamp + settings.timelockDelaySeconds);
    }
}
