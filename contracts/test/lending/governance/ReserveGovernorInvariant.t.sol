// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Test} from "../../utils/Test.sol";
import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {ReserveGovernor} from "../../../src/lending/governance/ReserveGovernor.sol";
import {IFlashSwapPool} from "../../../src/lending/interfaces/IFlashSwapPool.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {VotesFTokenMock} from "./mocks/VotesFTokenMock.sol";
import {ReserveVotesHandler} from "./handlers/ReserveVotesHandler.sol";

/// @title Invariants of pool-level votes under random deposits, redemptions, transfers, delegations and flash loans.
contract ReserveGovernorInvariantTest is Test {
    address internal constant ASSET = address(uint160(0xA001));
    ReserveVotesHandler internal handler;
    ReserveGovernor internal governor;
    VotesFTokenMock internal fToken;

    function setUp() public {
        vm.roll(1_000);
        MockGovernedPool pool = new MockGovernedPool(address(this));
        fToken = new VotesFTokenMock("fWETH");
        IFlashSwapPool.ReserveParams memory params;
        params.optimalUtilizationRay = 0.8e27;
        pool.listReserve(ASSET, address(fToken), 18, params);
        pool.setPoolDecisionBounds(ASSET, 0.6e27, 0.95e27, 30);
        // Short periods so that proposals end during a run; no threshold, so any holder proposes.
        governor = new ReserveGovernor(pool, address(this), 60, 10, 40, 500, 0);
        pool.setReserveGovernor(address(governor));
        handler = new ReserveVotesHandler(governor, fToken, ASSET);
        targetContract(address(handler));
    }

    /// @notice Each proposal's tallies are the sum of the weights its votes returned.
    function invariant_TalliesEqualTheVotesCast() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposalIds(i);
            IReserveGovernor.Proposal memory p = governor.proposal(id);
            assertEq(p.forVotes + p.againstVotes + p.abstainVotes, handler.ghostTally(id), "tallies == ghost");
        }
    }

    /// @notice Recomputed from the fToken's checkpoints: each voter counted once, with its votes at the snapshot.
    function invariant_TalliesEqualTheVotersCheckpointsAtTheSnapshot() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposalIds(i);
            IReserveGovernor.Proposal memory p = governor.proposal(id);
            address[] memory voters = handler.voters(id);
            uint256 sum;
            for (uint256 j; j < voters.length; ++j) {
                for (uint256 k; k < j; ++k) {
                    assertTrue(voters[j] != voters[k], "nobody votes twice");
                }
                sum += fToken.getPastVotes(voters[j], p.snapshot);
            }
            assertEq(p.forVotes + p.againstVotes + p.abstainVotes, sum, "tallies == checkpoints at the snapshot");
            assertLe(sum, fToken.getPastTotalSupply(p.snapshot), "never more than the supply at the snapshot");
        }
        assertEq(handler.weightBreaks(), 0, "every vote weighed its checkpoint");
    }

    /// @notice No vote made inside a flash loan ever went through.
    function invariant_FlashLoanVotesNeverCount() public view {
        assertEq(handler.flashVotesCounted(), 0, "flash-loan votes");
    }

    /// @notice An ended proposal's state is what quorum and majority say, computed here.
    function invariant_OutcomeMatchesTheRule() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposalIds(i);
            IReserveGovernor.Proposal memory p = governor.proposal(id);
            if (block.number <= p.voteEnd) continue;
            uint256 supply = fToken.getPastTotalSupply(p.snapshot);
            uint256 quorum = supply / 20 + (supply % 20 == 0 ? 0 : 1);
            assertEq(p.quorumVotes, quorum, "quorum: 5 % of the snapshot supply, rounded up");
            bool passed = p.forVotes + p.abstainVotes >= quorum && p.forVotes > p.againstVotes;
            IReserveGovernor.ProposalState s = governor.state(id);
            assertEq(s == IReserveGovernor.ProposalState.Defeated, !passed, "defeated iff it did not pass");
        }
    }
}
