// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {FlashSwapGovernor} from "../../../src/lending/governance/FlashSwapGovernor.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {VotesFTokenMock} from "./mocks/VotesFTokenMock.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";

/// @title Protocol governance: FSWP holders propose, vote, queue in the timelock and execute on the pool.
contract FlashSwapGovernorTest is GovernanceFixture {
    // ---------------------------------------------------------------- expected errors

    function _bit(IGovernor.ProposalState st) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(st));
    }

    function _unexpected(uint256 id, IGovernor.ProposalState current, bytes32 expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IGovernor.GovernorUnexpectedProposalState.selector, id, current, expected);
    }

    /// @dev The timelock refuses to execute an operation that is not Ready.
    function _notReady(Call memory c) internal view returns (bytes memory) {
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(c.description));
        bytes32 op = timelock.hashOperationBatch(c.targets, c.values, c.calldatas, 0, salt);
        return abi.encodeWithSelector(
            TimelockController.TimelockUnexpectedOperationState.selector,
            op,
            bytes32(2 ** uint256(TimelockController.OperationState.Ready))
        );
    }

    // ---------------------------------------------------------------- the full cycle

    function test_FullCycleChangesPoolThroughTimelock() public {
        VotesFTokenMock fUsdc = new VotesFTokenMock("fUSDC");
        IFlashSwapPool.ReserveParams memory usdcParams = _params(0.9e27, 5);
        IFlashSwapPool.ReserveParams memory wethParams = _params(0.7e27, 12);
        wethParams.reserveFactorBps = 1_500;
        address newOracle = makeAddr("oracle v2");

        Call memory c;
        c.targets = new address[](4);
        c.values = new uint256[](4);
        c.calldatas = new bytes[](4);
        for (uint256 i; i < 4; ++i) {
            c.targets[i] = address(pool);
        }
        c.calldatas[0] = abi.encodeCall(MockGovernedPool.listReserve, (USDC_ASSET, address(fUsdc), 6, usdcParams));
        c.calldatas[1] = abi.encodeCall(MockGovernedPool.setReserveParams, (WETH_ASSET, wethParams));
        c.calldatas[2] = abi.encodeCall(MockGovernedPool.setOracle, (newOracle));
        c.calldatas[3] = abi.encodeCall(MockGovernedPool.setPoolDecisionBounds, (USDC_ASSET, 0.8e27, 0.95e27, 20));
        c.description = "List USDC, raise WETH's reserve factor, oracle v2";

        uint256 id = _propose(alice, c);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Pending), "pending until the snapshot");
        assertEq(governor.proposalSnapshot(id), block.number + settings.votingDelayBlocks, "snapshot after the delay");

        _mine(settings.votingDelayBlocks + 1);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Active), "active");
        assertEq(_vote(alice, id, 1), 5_000_000e18, "alice's weight");
        assertEq(_vote(bob, id, 1), 6_000_000e18, "bob's weight");
        assertEq(_vote(carol, id, 0), 1_000_000e18, "carol's weight");
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(forVotes, 11_000_000e18, "for");
        assertEq(against, 1_000_000e18, "against");
        assertEq(abstain, 0, "abstain");

        _mine(settings.votingPeriodBlocks);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Succeeded), "succeeded");
        _queue(c);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Queued), "queued");
        uint256 eta = governor.proposalEta(id);
        assertEq(eta, block.timestamp + settings.timelockDelaySeconds, "eta is the timelock delay away");

        // Not before the eta: the timelock refuses.
        vm.warp(eta - 1);
        vm.expectRevert(_notReady(c));
        _execute(c);
        assertEq(pool.oracle(), address(0), "nothing changed yet");

        vm.warp(eta);
        vm.prank(stranger); // anyone executes
        governor.execute(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Executed), "executed");
        assertEq(pool.oracle(), newOracle, "oracle set");
        assertEq(pool.reserveData(USDC_ASSET).fToken, address(fUsdc), "USDC listed");
        assertEq(pool.reserveParams(USDC_ASSET).optimalUtilizationRay, 0.9e27, "USDC uopt");
        assertEq(pool.reserveParams(WETH_ASSET).reserveFactorBps, 1_500, "WETH reserve factor");
        assertEq(pool.reserveParams(WETH_ASSET).flashLoanFeeBps, 12, "WETH flash fee");
        (uint256 lo, uint256 hi, uint16 fee) = pool.poolDecisionBounds(USDC_ASSET);
        assertEq(lo, 0.8e27, "USDC min uopt");
        assertEq(hi, 0.95e27, "USDC max uopt");
        assertEq(fee, 20, "USDC max fee");
    }

    function test_RevertWhen_ExecutedTwice() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _passAndQueue(c);
        _execute(c);
        vm.expectRevert(_unexpected(id, IGovernor.ProposalState.Executed, _bit(IGovernor.ProposalState.Queued)));
        _execute(c);
    }

    function test_RevertWhen_ExecutedWithoutQueue() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(bob, id, 1);
        _mine(settings.votingPeriodBlocks);
        // A timelocked proposal executes only once queued.
        vm.expectRevert(_unexpected(id, IGovernor.ProposalState.Succeeded, _bit(IGovernor.ProposalState.Queued)));
        _execute(c);
    }

    // ---------------------------------------------------------------- only the timelock

    function test_RevertWhen_AnyoneButTheTimelockSetsPoolParameters() public {
        address[4] memory callers = [alice, treasury, address(governor), address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            pool.setOracle(address(0xBAD));
            vm.prank(callers[i]);
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            pool.setPoolDecisionBounds(WETH_ASSET, 0.1e27, 0.2e27, 1);
        }
        vm.prank(address(timelock));
        pool.setOracle(address(0x0A));
        assertEq(pool.oracle(), address(0x0A), "the timelock can");
    }

    function test_RevertWhen_SomeoneElseSchedulesOnTheTimelock() public {
        bytes memory data = abi.encodeCall(MockGovernedPool.setOracle, (address(0xBAD)));
        bytes32 role = timelock.PROPOSER_ROLE();
        for (uint256 i; i < 3; ++i) {
            address who = [alice, treasury, address(this)][i];
            vm.prank(who);
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, who, role));
            timelock.schedule(address(pool), 0, data, 0, 0, settings.timelockDelaySeconds);
        }
    }

    function test_DeploymentWiresRolesAndGivesUpAdmin() public view {
        assertEq(pool.owner(), address(timelock), "timelock owns the pool");
        assertEq(address(governor.token()), address(fswp), "governor counts FSWP");
        assertEq(governor.timelock(), address(timelock), "governor executes through the timelock");
        assertEq(timelock.getMinDelay(), settings.timelockDelaySeconds, "timelock delay");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), guardian), "guardian cancels");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), guardian), "guardian does not propose");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "deployer is no admin");
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)), "timelock administers itself");
        assertEq(governor.votingDelay(), settings.votingDelayBlocks, "voting delay");
        assertEq(governor.votingPeriod(), settings.votingPeriodBlocks, "voting period");
        assertEq(governor.proposalThreshold(), settings.proposalThreshold, "threshold");
        assertEq(governor.quorumNumerator(), settings.quorumPercent, "quorum numerator");
        assertEq(pool.reserveGovernor(), address(reserveGovernor), "reserve governor named");
    }

    // ---------------------------------------------------------------- quorum and defeat

    function test_QuorumNotMetIsDefeated() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        uint256 snapshot = governor.proposalSnapshot(id);
        _mine(settings.votingDelayBlocks + 1);
        _vote(carol, id, 1); // 1 M For, nobody against: below the 4 % quorum of 100 M
        uint256 quorum = governor.quorum(snapshot);
        assertEq(quorum, (fswp.getPastTotalSupply(snapshot) * settings.quorumPercent) / 100, "4 % of the supply");
        assertLt(1_000_000e18, quorum, "carol alone is below the quorum");
        _mine(settings.votingPeriodBlocks);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Defeated), "defeated");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                bytes32(2 ** uint256(IGovernor.ProposalState.Succeeded))
            )
        );
        _queue(c);
    }

    function test_AbstainCountsTowardQuorumOnly() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(carol, id, 1); // 1 M For
        _vote(alice, id, 2); // 5 M Abstain: 6 M reach the 4 M quorum
        _mine(settings.votingPeriodBlocks);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Succeeded), "for > against, quorum met");
    }

    function test_MoreAgainstThanForIsDefeated() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(alice, id, 1); // 5 M For: quorum met
        _vote(bob, id, 0); // 6 M Against
        _mine(settings.votingPeriodBlocks);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_RevertWhen_ProposerBelowThreshold() public {
        vm.prank(treasury);
        assertTrue(fswp.transfer(stranger, settings.proposalThreshold - 1), "transfer");
        vm.prank(stranger);
        fswp.delegate(stranger);
        _mine(1);
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector,
                stranger,
                settings.proposalThreshold - 1,
                settings.proposalThreshold
            )
        );
        _propose(stranger, c);
    }

    // ---------------------------------------------------------------- cancellation

    function test_ProposerCancelsWhilePending() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, bob));
        governor.cancel(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
        vm.prank(alice);
        governor.cancel(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Canceled), "canceled");
        _mine(settings.votingDelayBlocks + 1);
        vm.prank(bob);
        vm.expectRevert(_unexpected(id, IGovernor.ProposalState.Canceled, _bit(IGovernor.ProposalState.Active)));
        governor.castVote(id, 1);
    }

    function test_RevertWhen_ProposerCancelsOnceActive() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, alice));
        governor.cancel(c.targets, c.values, c.calldatas, keccak256(bytes(c.description)));
    }

    function test_GuardianCancelsQueuedOperation() public {
        address badOracle = address(0xBAD);
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (badOracle)), "oracle");
        uint256 id = _passAndQueue(c);
        bytes32 op = timelock.hashOperationBatch(
            c.targets, c.values, c.calldatas, 0, bytes20(address(governor)) ^ keccak256(bytes(c.description))
        );
        assertTrue(timelock.isOperationReady(op), "ready in the timelock");
        bytes32 canceller = timelock.CANCELLER_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, canceller)
        );
        timelock.cancel(op);
        vm.prank(guardian);
        timelock.cancel(op);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Canceled), "governor sees it canceled");
        vm.expectRevert(_unexpected(id, IGovernor.ProposalState.Canceled, _bit(IGovernor.ProposalState.Queued)));
        _execute(c);
        assertEq(pool.oracle(), address(0), "never executed");
    }

    // ---------------------------------------------------------------- votes

    function test_RevertWhen_VotingTwice() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(bob, id, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        governor.castVote(id, 0);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 6_000_000e18, "counted once");
        assertEq(against, 0, "the second vote did not count");
    }

    function test_RevertWhen_VotingBeforeTheSnapshot() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks); // at the snapshot block itself: still pending
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Pending), "pending at the snapshot");
        vm.prank(bob);
        vm.expectRevert(_unexpected(id, IGovernor.ProposalState.Pending, _bit(IGovernor.ProposalState.Active)));
        governor.castVote(id, 1);
    }

    function test_DelegationAndTransfersAfterTheSnapshotDoNotCount() public {
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1); // past the snapshot
        // alice delegates to carol, bob moves his tokens to a fresh account that delegates to itself.
        vm.prank(alice);
        fswp.delegate(carol);
        vm.prank(bob);
        assertTrue(fswp.transfer(stranger, 6_000_000e18), "transfer");
        vm.prank(stranger);
        fswp.delegate(stranger);
        assertEq(fswp.getVotes(carol), 6_000_000e18, "carol holds alice's delegation now");

        assertEq(_vote(carol, id, 1), 1_000_000e18, "carol votes with her snapshot weight only");
        assertEq(_vote(alice, id, 1), 5_000_000e18, "alice still votes with what she had at the snapshot");
        assertEq(_vote(stranger, id, 1), 0, "the new holder's votes weigh nothing");
        assertEq(_vote(bob, id, 0), 6_000_000e18, "bob votes what he had at the snapshot");
    }

    function testFuzz_WeightIsTheBalanceAtTheSnapshot(uint256 held, uint256 movedAfter) public {
        held = bound(held, 1, 50_000_000e18);
        movedAfter = bound(movedAfter, 0, held);
        address voter = makeAddr("fuzz voter");
        _giveFswp(voter, held);
        _mine(1);
        Call memory c = _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xB0B))), "oracle");
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        vm.prank(voter);
        assertTrue(fswp.transfer(alice, movedAfter), "transfer");
        assertEq(_vote(voter, id, 1), held, "weight is what was delegated at the snapshot");
    }

    // ---------------------------------------------------------------- settings

    function test_RevertWhen_VotingDelayIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(FlashSwapGovernor.VotingDelayTooShort.selector, 0, 1));
        new FlashSwapGovernor(fswp, timelock, 0, 100, 0, 4);
    }

    function test_RevertWhen_GovernanceSetsVotingDelayToZero() public {
        Call memory c;
        c.targets = new address[](1);
        c.targets[0] = address(governor);
        c.values = new uint256[](1);
        c.calldatas = new bytes[](1);
        c.calldatas[0] = abi.encodeWithSignature("setVotingDelay(uint48)", uint48(0));
        c.description = "no delay";
        _passAndQueue(c);
        vm.expectRevert(abi.encodeWithSelector(FlashSwapGovernor.VotingDelayTooShort.selector, 0, 1));
        _execute(c);
        assertEq(governor.votingDelay(), settings.votingDelayBlocks, "unchanged");
    }

    function test_GovernanceChangesItsOwnSettings() public {
        Call memory c;
        c.targets = new address[](2);
        c.targets[0] = address(governor);
        c.targets[1] = address(timelock);
        c.values = new uint256[](2);
        c.calldatas = new bytes[](2);
        c.calldatas[0] = abi.encodeWithSignature("setVotingDelay(uint48)", uint48(1));
        c.calldatas[1] = abi.encodeCall(TimelockController.updateDelay, (1 days));
        c.description = "shorter";
        _passAndQueue(c);
        _execute(c);
        assertEq(governor.votingDelay(), 1, "voting delay");
        assertEq(timelock.getMinDelay(), 1 days, "timelock delay");
    }

    function test_ClockIsTheBlockNumber() public view {
        assertEq(governor.clock(), block.number, "governor clock");
        assertEq(fswp.clock(), block.number, "token clock");
        assertEq(keccak256(bytes(governor.CLOCK_MODE())), keccak256("mode=blocknumber&from=default"), "clock mode");
    }
}
