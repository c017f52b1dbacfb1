// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @title Protocol governance of the FlashSwap lending pool: FSWP holders propose and vote, the timelock executes.
/// @notice The timelock owns the pool, so listing reserves, rate-model parameters, reserve factors, oracle sources
/// and the bounds of pool-level decisions change only by a proposal that passed here and waited out the timelock.
/// @dev OpenZeppelin's Governor as its extensions compose it; the only addition is that the voting delay can never
/// be 0 blocks. Votes are read at the snapshot `proposal block + votingDelay` and cast only after it, so FSWP
/// borrowed by a flash loan (repaid within its transaction) weighs nothing: the checkpoint at the end of any block
/// does not hold it, and a vote cast in a later block reads a block that is already past (README.md).
contract FlashSwapGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /// @notice A voting delay below one block would let votes be read at the block a proposal is made in.
    error VotingDelayTooShort(uint256 votingDelay, uint256 minimum);

    /// @notice The least voting delay, in blocks.
    uint48 public constant MIN_VOTING_DELAY = 1;

    /// @param token FSWP (block-number clock)
    /// @param timelock the TimelockController this governor proposes to (it needs the proposer and canceller roles)
    /// @param votingDelayBlocks blocks from a proposal to its snapshot, at least MIN_VOTING_DELAY
    /// @param votingPeriodBlocks blocks during which votes are cast, after the snapshot
    /// @param proposalThresholdVotes FSWP votes (smallest unit) a proposer needs at the block before proposing
    /// @param quorumPercent share of FSWP's supply at the snapshot that must vote For or Abstain
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 votingDelayBlocks,
        uint32 votingPeriodBlocks,
        uint256 proposalThresholdVotes,
        uint256 quorumPercent
    )
        Governor("FlashSwap Governor")
        GovernorSettings(votingDelayBlocks, votingPeriodBlocks, proposalThresholdVotes)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
    {}

    /// @dev Refuses a delay under one block, at construction and in `setVotingDelay` alike.
    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay < MIN_VOTING_DELAY) revert VotingDelayTooShort(newVotingDelay, MIN_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    // ---------------------------------------------------------------- the overrides Solidity requires

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
