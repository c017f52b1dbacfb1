// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {ReserveGovernor} from "../../../src/lending/governance/ReserveGovernor.sol";
import {IReserveGovernance} from "../../../src/lending/interfaces/IReserveGovernance.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {VotesFTokenMock, TimestampClockFTokenMock} from "./mocks/VotesFTokenMock.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";

/// @title Pool-level governance: fToken holders decide a reserve's optimal utilisation and flash fee within bounds.
contract ReserveGovernorTest is GovernanceFixture {
    uint256 internal constant UOPT = 0.85e27;
    uint16 internal constant FEE = 7;

    function _proposeAs(address who, uint256 uopt, uint16 fee) internal returns (uint256 id) {
        vm.prank(who);
        id = reserveGovernor.propose(WETH_ASSET, uopt, fee);
    }

    function _voteAs(address who, uint256 id, IReserveGovernor.VoteType support) internal returns (uint256 weight) {
        vm.prank(who);
        weight = reserveGovernor.castVote(id, support);
    }

    /// @dev Same settings, no proposal threshold (it proposes and counts; only the pool's own governor executes).
    function _governorWithoutThreshold() internal returns (ReserveGovernor) {
        return new ReserveGovernor(
            pool,
            address(timelock),
            reserveSettings.votingPeriodBlocks,
            reserveSettings.executionDelayBlocks,
            reserveSettings.gracePeriodBlocks,
            reserveSettings.quorumBps,
            0
        );
    }

    function _state(uint256 id) internal view returns (uint256) {
        return uint256(reserveGovernor.state(id));
    }

    function _unexpected(uint256 id, IReserveGovernor.ProposalState s) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IReserveGovernor.UnexpectedProposalState.selector, id, s);
    }

    // ---------------------------------------------------------------- the full cycle

    function test_FullCycleWithinBoundsSetsThePoolDecision() public {
        uint256 created = block.number;
        vm.expectEmit(address(reserveGovernor));
        emit IReserveGovernor.ProposalCreated(
            1, carol, WETH_ASSET, UOPT, FEE, created - 1, created + reserveSettings.votingPeriodBlocks, 50e18
        );
        uint256 id = _proposeAs(carol, UOPT, FEE);
        assertEq(id, 1, "first id");
        IReserveGovernor.Proposal memory p = reserveGovernor.proposal(id);
        assertEq(p.snapshot, created - 1, "snapshot is the block before the proposal");
        assertEq(reserveGovernor.fTokenOf(WETH_ASSET), address(fWeth), "the reserve's fToken");
        assertEq(p.quorumVotes, 50e18, "5 % of 1000 fTokens");
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Active), "active at once");

        // Votes are accepted in the proposal's own block: the snapshot is already past.
        assertEq(_voteAs(alice, id, IReserveGovernor.VoteType.For), 600e18, "alice");
        _mine(reserveSettings.votingPeriodBlocks); // the last voting block
        assertEq(_voteAs(bob, id, IReserveGovernor.VoteType.Against), 300e18, "bob, in the last block");
        _mine(1);
        vm.prank(carol);
        vm.expectRevert(_unexpected(id, IReserveGovernor.ProposalState.Queued));
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.For);

        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Queued), "queued for the execution delay");
        vm.expectRevert(_unexpected(id, IReserveGovernor.ProposalState.Queued));
        reserveGovernor.execute(id);

        _mine(reserveSettings.executionDelayBlocks);
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Executable), "executable");
        vm.expectEmit(address(pool));
        emit IReserveGovernance.PoolDecisionSet(WETH_ASSET, UOPT, FEE);
        vm.prank(stranger); // anyone executes
        reserveGovernor.execute(id);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, UOPT, "uopt set");
        assertEq(pool.reserveParams(WETH_ASSET).flashLoanFeeBps, FEE, "fee set");
        assertEq(pool.reserveParams(WETH_ASSET).reserveFactorBps, 1_000, "nothing else changed");
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Executed), "executed");

        vm.expectRevert(_unexpected(id, IReserveGovernor.ProposalState.Executed));
        reserveGovernor.execute(id);
    }

    function test_ExpiresAfterTheGracePeriod() public {
        uint256 id = _proposeAs(carol, UOPT, FEE);
        _voteAs(alice, id, IReserveGovernor.VoteType.For);
        _mine(
            uint256(reserveSettings.votingPeriodBlocks) + reserveSettings.executionDelayBlocks
                + reserveSettings.gracePeriodBlocks
        );
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Executable), "last executable block");
        _mine(1);
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Expired), "expired");
        vm.expectRevert(_unexpected(id, IReserveGovernor.ProposalState.Expired));
        reserveGovernor.execute(id);
    }

    // ---------------------------------------------------------------- bounds

    function test_RevertWhen_ProposalOutsideBounds() public {
        uint256[3] memory uopts = [MIN_UOPT - 1, MAX_UOPT + 1, UOPT];
        uint16[3] memory fees = [FEE, FEE, MAX_FEE + 1];
        for (uint256 i; i < 3; ++i) {
            vm.prank(alice);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IReserveGovernance.PoolDecisionOutOfBounds.selector,
                    WETH_ASSET,
                    uopts[i],
                    fees[i],
                    MIN_UOPT,
                    MAX_UOPT,
                    MAX_FEE
                )
            );
            reserveGovernor.propose(WETH_ASSET, uopts[i], fees[i]);
        }
        assertEq(reserveGovernor.proposalCount(), 0, "nothing proposed");
    }

    function testFuzz_ProposalAcceptedExactlyWithinBounds(uint256 uopt, uint16 fee) public {
        uopt = bound(uopt, 0, 1.2e27);
        fee = uint16(bound(fee, 0, 200));
        bool within = uopt >= 0.6e27 && uopt <= 0.95e27 && fee <= 30;
        vm.prank(alice);
        if (!within) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IReserveGovernance.PoolDecisionOutOfBounds.selector, WETH_ASSET, uopt, fee, 0.6e27, 0.95e27, 30
                )
            );
        }
        reserveGovernor.propose(WETH_ASSET, uopt, fee);
        assertEq(reserveGovernor.proposalCount(), within ? 1 : 0, "proposed iff within bounds");
    }

    function test_RevertWhen_PoolDecisionsDisabled() public {
        vm.prank(address(timelock));
        pool.setPoolDecisionBounds(WETH_ASSET, 0, 0, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.PoolDecisionsDisabled.selector, WETH_ASSET));
        reserveGovernor.propose(WETH_ASSET, UOPT, FEE);
    }

    function test_RevertWhen_BoundsNarrowedBeforeExecution_ThenExecutesOnceRestored() public {
        uint256 id = _proposeAs(carol, UOPT, FEE);
        _voteAs(alice, id, IReserveGovernor.VoteType.For);
        _mine(uint256(reserveSettings.votingPeriodBlocks) + reserveSettings.executionDelayBlocks + 1);

        vm.prank(address(timelock));
        pool.setPoolDecisionBounds(WETH_ASSET, MIN_UOPT, 0.8e27, MAX_FEE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernance.PoolDecisionOutOfBounds.selector, WETH_ASSET, UOPT, FEE, MIN_UOPT, 0.8e27, MAX_FEE
            )
        );
        reserveGovernor.execute(id);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.8e27, "unchanged");
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Executable), "still executable");

        vm.prank(address(timelock));
        pool.setPoolDecisionBounds(WETH_ASSET, MIN_UOPT, MAX_UOPT, 5); // uopt back in range, fee bound now below 7
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernance.PoolDecisionOutOfBounds.selector, WETH_ASSET, UOPT, FEE, MIN_UOPT, MAX_UOPT, 5
            )
        );
        reserveGovernor.execute(id);

        vm.prank(address(timelock));
        pool.setPoolDecisionBounds(WETH_ASSET, MIN_UOPT, MAX_UOPT, MAX_FEE);
        reserveGovernor.execute(id);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, UOPT, "executed within the restored bounds");
    }

    function test_RevertWhen_PoolDecisionBypassesTheGovernorOrItsBounds() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernance.NotReserveGovernor.selector, alice));
        pool.setPoolDecision(WETH_ASSET, UOPT, FEE);
        // The pool checks the bounds itself, whatever the governor checked.
        vm.prank(address(reserveGovernor));
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernance.PoolDecisionOutOfBounds.selector,
                WETH_ASSET,
                0.99e27,
                FEE,
                MIN_UOPT,
                MAX_UOPT,
                MAX_FEE
            )
        );
        pool.setPoolDecision(WETH_ASSET, 0.99e27, FEE);
    }

    // ---------------------------------------------------------------- quorum, defeat, threshold

    function test_QuorumNotMetIsDefeated() public {
        // 49 of 1000 fTokens vote For: one short of the 5 % quorum.
        address small = makeAddr("small holder");
        _giveFToken(small, 49e18);
        _mine(1);
        uint256 id = _proposeAs(carol, UOPT, FEE);
        assertEq(reserveGovernor.proposal(id).quorumVotes, 52.45e18, "ceil(5 % of 1049)");
        _voteAs(small, id, IReserveGovernor.VoteType.For);
        _mine(reserveSettings.votingPeriodBlocks + 1);
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Defeated), "defeated");
        _mine(reserveSettings.executionDelayBlocks);
        vm.expectRevert(_unexpected(id, IReserveGovernor.ProposalState.Defeated));
        reserveGovernor.execute(id);
    }

    function test_AgainstMajorityIsDefeatedAndAbstainCountsTowardQuorumOnly() public {
        uint256 lost = _proposeAs(carol, UOPT, FEE);
        _voteAs(bob, lost, IReserveGovernor.VoteType.For); // 300
        _voteAs(alice, lost, IReserveGovernor.VoteType.Against); // 600
        uint256 mixed = _proposeAs(carol, UOPT, FEE);
        _voteAs(bob, mixed, IReserveGovernor.VoteType.For); // 300
        _voteAs(carol, mixed, IReserveGovernor.VoteType.Against); // 100
        _voteAs(alice, mixed, IReserveGovernor.VoteType.Abstain); // 600
        uint256 carried = _proposeAs(carol, UOPT, FEE);
        _voteAs(carol, carried, IReserveGovernor.VoteType.For); // 100 For: 50 needed, but only For+Abstain count
        _voteAs(alice, carried, IReserveGovernor.VoteType.Abstain); // 600 Abstain
        uint256 abstainOnly = _proposeAs(carol, UOPT, FEE);
        _voteAs(alice, abstainOnly, IReserveGovernor.VoteType.Abstain); // quorum, but no For beats 0 Against
        _mine(reserveSettings.votingPeriodBlocks + 1);
        assertEq(_state(lost), uint256(IReserveGovernor.ProposalState.Defeated), "against wins");
        assertEq(_state(mixed), uint256(IReserveGovernor.ProposalState.Queued), "300 for beats 100 against");
        assertEq(_state(carried), uint256(IReserveGovernor.ProposalState.Queued), "abstain helps the quorum");
        assertEq(_state(abstainOnly), uint256(IReserveGovernor.ProposalState.Defeated), "no For, no pass");
    }

    function test_ExactTieIsDefeated() public {
        address twin = makeAddr("twin");
        _giveFToken(twin, 100e18); // carol's weight
        _mine(1);
        uint256 id = _proposeAs(carol, UOPT, FEE);
        _voteAs(carol, id, IReserveGovernor.VoteType.For);
        _voteAs(twin, id, IReserveGovernor.VoteType.Against);
        _voteAs(alice, id, IReserveGovernor.VoteType.Abstain);
        _mine(reserveSettings.votingPeriodBlocks + 1);
        assertEq(_state(id), uint256(IReserveGovernor.ProposalState.Defeated), "for must exceed against");
    }

    /// @dev The state after the vote, against a reference computed here: quorum = ceil(supply * 5 %) of For+Abstain
    /// and For strictly above Against.
    function testFuzz_OutcomeMatchesReference(uint256 forVotes, uint256 againstVotes, uint256 abstainVotes) public {
        forVotes = bound(forVotes, 0, 1e30);
        againstVotes = bound(againstVotes, 0, 1e30);
        abstainVotes = bound(abstainVotes, 0, 1e30);
        address[3] memory voters = [makeAddr("for"), makeAddr("against"), makeAddr("abstain")];
        uint256[3] memory weights = [forVotes, againstVotes, abstainVotes];
        for (uint256 i; i < 3; ++i) {
            if (weights[i] != 0) _giveFToken(voters[i], weights[i]);
        }
        _mine(1);
        reserveGovernor = _governorWithoutThreshold();
        uint256 id = _proposeAs(alice, UOPT, FEE);
        for (uint256 i; i < 3; ++i) {
            if (weights[i] != 0) _voteAs(voters[i], id, IReserveGovernor.VoteType(i == 0 ? 1 : i == 1 ? 0 : 2));
        }
        uint256 supply = 1_000e18 + forVotes + againstVotes + abstainVotes;
        uint256 quorum = supply / 20 + (supply % 20 == 0 ? 0 : 1);
        assertEq(reserveGovernor.proposal(id).quorumVotes, quorum, "quorum rounds up");
        _mine(reserveSettings.votingPeriodBlocks + 1);
        bool passed = forVotes + abstainVotes >= quorum && forVotes > againstVotes;
        assertEq(
            _state(id),
            uint256(passed ? IReserveGovernor.ProposalState.Queued : IReserveGovernor.ProposalState.Defeated),
            "outcome"
        );
    }

    function test_RevertWhen_ProposerBelowThreshold() public {
        // 0.1 % of the supply at the snapshot, rounded up; 1.001 of 1001.001 fTokens falls just short.
        address small = makeAddr("small holder");
        _giveFToken(small, 1.001e18);
        _mine(1);
        uint256 supply = fWeth.totalSupply();
        uint256 threshold = (supply * 10 + 9_999) / 10_000;
        assertEq(threshold, 1.001001e18, "reference threshold");
        vm.prank(small);
        vm.expectRevert(
            abi.encodeWithSelector(IReserveGovernor.ProposerVotesBelowThreshold.selector, small, 1.001e18, threshold)
        );
        reserveGovernor.propose(WETH_ASSET, UOPT, FEE);

        // With 1.002 of 1001.002 it clears ceil(1.001002).
        _giveFToken(small, 0.001e18);
        _mine(1);
        vm.prank(small);
        assertEq(reserveGovernor.propose(WETH_ASSET, UOPT, FEE), 1, "proposed");
    }

    // ---------------------------------------------------------------- votes

    function test_RevertWhen_VotingTwice() public {
        uint256 id = _proposeAs(carol, UOPT, FEE);
        _voteAs(bob, id, IReserveGovernor.VoteType.For);
        assertTrue(reserveGovernor.hasVoted(id, bob), "recorded");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.AlreadyVoted.selector, id, bob));
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.Against);
        _mine(5);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.AlreadyVoted.selector, id, bob));
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.For);
        IReserveGovernor.Proposal memory p = reserveGovernor.proposal(id);
        assertEq(p.forVotes, 300e18, "counted once");
        assertEq(p.againstVotes, 0, "nothing against");
    }

    function test_DelegationAndTransfersAfterTheSnapshotDoNotCount() public {
        // Changes in the proposal's own block already come after the snapshot (the previous block).
        uint256 id = _proposeAs(carol, UOPT, FEE);
        uint256 snapshot = block.number - 1;
        vm.prank(alice);
        fWeth.delegate(carol);
        vm.prank(bob);
        assertTrue(fWeth.transfer(stranger, 300e18), "transfer");
        vm.prank(stranger);
        fWeth.delegate(stranger);
        _mine(3);
        vm.prank(carol);
        fWeth.delegate(carol);
        assertEq(fWeth.getVotes(carol), 700e18, "carol holds alice's delegation now");

        assertEq(_voteAs(carol, id, IReserveGovernor.VoteType.For), 100e18, "carol: her snapshot weight only");
        assertEq(_voteAs(alice, id, IReserveGovernor.VoteType.Against), 600e18, "alice: her snapshot weight");
        assertEq(_voteAs(bob, id, IReserveGovernor.VoteType.Against), 300e18, "bob: what he held at the snapshot");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.NoVotingPower.selector, stranger, snapshot));
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.For);
    }

    function testFuzz_WeightIsTheDelegatedBalanceAtTheSnapshot(uint256 held, uint256 acquiredLater) public {
        held = bound(held, 1, 1e30);
        acquiredLater = bound(acquiredLater, 0, 1e30);
        address voter = makeAddr("fuzz voter");
        _giveFToken(voter, held);
        _mine(1);
        reserveGovernor = _governorWithoutThreshold();
        uint256 id = _proposeAs(alice, UOPT, FEE);
        if (acquiredLater != 0) fWeth.mint(voter, acquiredLater);
        assertEq(_voteAs(voter, id, IReserveGovernor.VoteType.For), held, "weight at the snapshot");
        assertEq(reserveGovernor.proposal(id).forVotes, held, "tallied");
    }

    function test_RevertWhen_VotingOnUnknownProposal() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.UnknownProposal.selector, 7));
        reserveGovernor.castVote(7, IReserveGovernor.VoteType.For);
    }

    // ---------------------------------------------------------------- cancellation

    function test_ProposerAndProtocolGovernanceCancel() public {
        uint256 byProposer = _proposeAs(carol, UOPT, FEE);
        uint256 byGovernance = _proposeAs(carol, UOPT, FEE);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.NotProposerOrGovernance.selector, stranger));
        reserveGovernor.cancel(byProposer);
        vm.prank(alice); // a voter, not the proposer
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.NotProposerOrGovernance.selector, alice));
        reserveGovernor.cancel(byProposer);

        vm.expectEmit(address(reserveGovernor));
        emit IReserveGovernor.ProposalCanceled(byProposer, carol);
        vm.prank(carol);
        reserveGovernor.cancel(byProposer);
        assertEq(_state(byProposer), uint256(IReserveGovernor.ProposalState.Canceled), "canceled by proposer");
        vm.prank(alice);
        vm.expectRevert(_unexpected(byProposer, IReserveGovernor.ProposalState.Canceled));
        reserveGovernor.castVote(byProposer, IReserveGovernor.VoteType.For);

        // Protocol governance vetoes a passed proposal while it waits to execute.
        _voteAs(alice, byGovernance, IReserveGovernor.VoteType.For);
        _mine(reserveSettings.votingPeriodBlocks + 1);
        vm.prank(address(timelock));
        reserveGovernor.cancel(byGovernance);
        _mine(reserveSettings.executionDelayBlocks);
        vm.expectRevert(_unexpected(byGovernance, IReserveGovernor.ProposalState.Canceled));
        reserveGovernor.execute(byGovernance);
        vm.prank(carol);
        vm.expectRevert(_unexpected(byGovernance, IReserveGovernor.ProposalState.Canceled));
        reserveGovernor.cancel(byGovernance);
    }

    function test_RevertWhen_CancelingExecutedOrDefeated() public {
        uint256 executed = _proposeAs(carol, UOPT, FEE);
        uint256 defeated = _proposeAs(carol, UOPT, FEE);
        _voteAs(alice, executed, IReserveGovernor.VoteType.For);
        _mine(uint256(reserveSettings.votingPeriodBlocks) + reserveSettings.executionDelayBlocks + 1);
        reserveGovernor.execute(executed);
        vm.prank(carol);
        vm.expectRevert(_unexpected(executed, IReserveGovernor.ProposalState.Executed));
        reserveGovernor.cancel(executed);
        vm.prank(carol);
        vm.expectRevert(_unexpected(defeated, IReserveGovernor.ProposalState.Defeated));
        reserveGovernor.cancel(defeated);
    }

    // ---------------------------------------------------------------- reserves and settings

    function test_RevertWhen_ReserveUnknownOrWithoutSupply() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.UnknownReserve.selector, USDC_ASSET));
        reserveGovernor.propose(USDC_ASSET, UOPT, FEE);

        VotesFTokenMock fUsdc = new VotesFTokenMock("fUSDC");
        vm.startPrank(address(timelock));
        pool.listReserve(USDC_ASSET, address(fUsdc), 6, _params(0.9e27, 5));
        pool.setPoolDecisionBounds(USDC_ASSET, 0.8e27, 0.95e27, 20);
        vm.stopPrank();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IReserveGovernor.NoVotingSupply.selector, address(fUsdc), block.number - 1)
        );
        reserveGovernor.propose(USDC_ASSET, 0.9e27, 5);
    }

    function test_EachReserveIsVotedByItsOwnFTokenHolders() public {
        VotesFTokenMock fUsdc = new VotesFTokenMock("fUSDC");
        vm.startPrank(address(timelock));
        pool.listReserve(USDC_ASSET, address(fUsdc), 6, _params(0.9e27, 5));
        pool.setPoolDecisionBounds(USDC_ASSET, 0.8e27, 0.95e27, 20);
        vm.stopPrank();
        fUsdc.mint(stranger, 1_000e6);
        vm.prank(stranger);
        fUsdc.delegate(stranger);
        _mine(1);
        vm.prank(stranger);
        uint256 id = reserveGovernor.propose(USDC_ASSET, 0.92e27, 4);
        vm.prank(alice); // a WETH depositor has no say on USDC
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.NoVotingPower.selector, alice, block.number - 1));
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.Against);
        vm.prank(stranger);
        assertEq(reserveGovernor.castVote(id, IReserveGovernor.VoteType.For), 1_000e6, "USDC depositor's weight");
        _mine(uint256(reserveSettings.votingPeriodBlocks) + reserveSettings.executionDelayBlocks + 1);
        reserveGovernor.execute(id);
        assertEq(pool.reserveParams(USDC_ASSET).optimalUtilizationRay, 0.92e27, "USDC uopt");
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.8e27, "WETH untouched");
    }

    function test_RevertWhen_FTokenClockIsTimestamp() public {
        TimestampClockFTokenMock fTs = new TimestampClockFTokenMock();
        vm.startPrank(address(timelock));
        pool.listReserve(USDC_ASSET, address(fTs), 6, _params(0.9e27, 5));
        pool.setPoolDecisionBounds(USDC_ASSET, 0.8e27, 0.95e27, 20);
        vm.stopPrank();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernor.FTokenClockNotBlockNumber.selector, address(fTs), block.timestamp, block.number
            )
        );
        reserveGovernor.propose(USDC_ASSET, 0.9e27, 5);
    }

    function test_RevertWhen_ConstructorSettingsInvalid() public {
        vm.expectRevert(IReserveGovernor.ZeroAddress.selector);
        new ReserveGovernor(IReserveGovernance(address(0)), address(timelock), 1, 1, 1, 1, 0);
        vm.expectRevert(IReserveGovernor.ZeroAddress.selector);
        new ReserveGovernor(pool, address(0), 1, 1, 1, 1, 0);
        uint32[4] memory periods = [uint32(0), 1, 1, 1];
        uint32[4] memory graces = [uint32(1), 0, 1, 1];
        uint16[4] memory quorums = [uint16(1), 1, 0, 10_001];
        for (uint256 i; i < 4; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IReserveGovernor.InvalidSettings.selector, periods[i], graces[i], quorums[i], 0)
            );
            new ReserveGovernor(pool, address(timelock), periods[i], 0, graces[i], quorums[i], 0);
        }
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.InvalidSettings.selector, 1, 1, 1, 10_001));
        new ReserveGovernor(pool, address(timelock), 1, 0, 1, 1, 10_001);
        ReserveGovernor ok = new ReserveGovernor(pool, address(timelock), 10, 0, 5, 10_000, 10_000);
        assertEq(ok.votingPeriod(), 10, "voting period");
        assertEq(ok.quorumBps(), 10_000, "a 100 % quorum is allowed");
    }
}
